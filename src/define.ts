import {LcLauncher} from './components/launcher/launcher.js';
import {defineOnce} from './define-once.js';
import {LiveChat} from './live-chat.js';

/** Registers the tags a page needs before the visitor opens the chat. */
export function defineElements(): void {
  const eager: Record<string, CustomElementConstructor> = {
    'lc-launcher': LcLauncher,
    'live-chat': LiveChat,
  };
  for (const [tag, ctor] of Object.entries(eager)) defineOnce(tag, ctor);
}
