import type {ReadingPosition} from '../../core/index.js';

/** A message in the log and where it stood in the log's view, to keep it there across an update. */
export interface LogAnchor {
  node: Element;
  top: number;
}

/**
 * The message being read: the first one not wholly above the log's view. The log's children are
 * in document order (day headings, messages), so a binary search finds it in a few reads even
 * among hundreds.
 */
export function readingAnchor(log: HTMLElement): LogAnchor | null {
  const children = log.children;
  const viewTop = log.getBoundingClientRect().top;
  let low = 0;
  let high = children.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (children[mid].getBoundingClientRect().bottom > viewTop) high = mid;
    else low = mid + 1;
  }
  for (let i = low; i < children.length; i++) {
    const node = children[i];
    // A day heading may come or go with the message above it; a message stays.
    if (node.classList.contains('message')) {
      return {node, top: node.getBoundingClientRect().top - viewTop};
    }
  }
  return null;
}

/** Scrolls the log so that the anchor's message stands where it stood (when still shown). */
export function restoreAnchor(log: HTMLElement, anchor: LogAnchor): void {
  if (!anchor.node.isConnected) return;
  const top = anchor.node.getBoundingClientRect().top - log.getBoundingClientRect().top;
  // Browsers with scroll anchoring may have moved the view already; only the rest is added.
  if (top !== anchor.top) log.scrollTop += top - anchor.top;
}

/** Where the reader is, to keep with the session: the message being read, by its id. */
export function readingPosition(log: HTMLElement): ReadingPosition | null {
  const anchor = readingAnchor(log);
  const id = anchor?.node.getAttribute('data-id');
  return anchor && id ? {id, offset: -Math.round(anchor.top)} : null;
}

/** Scrolls the log back to a kept position; false while its message is not rendered. */
export function placeAt(log: HTMLElement, at: ReadingPosition): boolean {
  const node = log.querySelector(`:scope > [data-id="${CSS.escape(at.id)}"]`);
  if (!node) return false;
  log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top + at.offset;
  return true;
}
