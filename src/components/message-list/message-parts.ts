import type {TemplateResult} from 'lit';
import {defineOnce} from '../../define-once.js';
import {LazyModule} from '../lazy-module.js';

type Markdown = typeof import('../../markdown/markdown.js');

// Most messages are plain text, and many chats never carry a file: the markdown renderer and
// the attachment views are chunks that the message list loads when a message needs them.
const markdown = new LazyModule<Markdown>(() => import('../../markdown/markdown.js'));
const attachments = new LazyModule(() =>
  import('../attachments/attachment.js').then(({LcAttachment}) => {
    defineOnce('lc-attachment', LcAttachment);
    return LcAttachment;
  }),
);

// Every character the markdown parser acts on (markers, code, links, emoji shortcodes and
// URLs, quotes, CR line ends) or a bare `www.` link. A text without any is its own rendering
// and its own plain text.
const MARKUP = /[`*_~:[>\r]|www\./i;

const ignore = (): void => {};

/** Whether a text needs the markdown renderer. */
export const hasMarkup = (text: string): boolean => MARKUP.test(text);

/**
 * A message's text as DOM: plain text as it is, markup through the renderer. Until the renderer
 * has loaded, the text shows as it is and `onLoad` runs once it is there (then render again).
 */
export function messageText(
  text: string,
  onLoad: () => void,
): string | (TemplateResult | string)[] {
  if (!hasMarkup(text)) return text;
  if (markdown.module) return markdown.module.renderMarkdown(text);
  markdown.load().then(onLoad, ignore);
  return text;
}

/** A text without its markup, or null while that needs the renderer and it is not loaded. */
export function plainTextNow(text: string): string | null {
  if (!hasMarkup(text)) return text;
  return markdown.module ? markdown.module.toPlainText(text) : null;
}

/** A text without its markup, once the renderer it needs has loaded (as it is if that fails). */
export function plainText(text: string): Promise<string> {
  const now = plainTextNow(text);
  if (now !== null) return Promise.resolve(now);
  return markdown.load().then(
    ({toPlainText}) => toPlainText(text),
    () => text,
  );
}

/**
 * Defines `lc-attachment` (once its chunk has loaded). The elements a list renders before then
 * keep the properties they were given and upgrade in place.
 */
export function loadAttachments(): void {
  if (!attachments.module) attachments.load().catch(ignore);
}

/** Loads the renderer and the attachment views now (pages and tests that want them at once). */
export async function loadMessageParts(): Promise<void> {
  await Promise.all([markdown.load(), attachments.load()]);
}
