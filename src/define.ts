import {LcLauncher} from './components/launcher/launcher.js';
import {defineOnce} from './define-once.js';
import {LiveChat} from './live-chat.js';

/** Registers the tags a page needs before the visitor opens the chat. */
export function defineElements(): void {
  defineOnce('lc-launcher', LcLauncher);
  defineOnce('live-chat', LiveChat);
}
