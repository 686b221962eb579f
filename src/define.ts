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

/**
 * Loads the chat window and everything inside it (a separate chunk) and registers its tags;
 * `<live-chat>` loads it with the window's controllers instead (`mountApp()`).
 */
export async function defineWindowElements(): Promise<void> {
  const [{WINDOW_ELEMENTS}, {loadMessageParts}] = await Promise.all([
    import('./components/window/window-elements.js'),
    import('./components/message-list/message-parts.js'),
  ]);
  for (const [tag, ctor] of Object.entries(WINDOW_ELEMENTS)) defineOnce(tag, ctor);
  // The parts a message loads when it needs them (markdown, attachments), here at once.
  await loadMessageParts();
}
