import {html} from 'lit';
import type {TemplateResult} from 'lit';
import {parseMessage, type Inline} from './parse.js';

// Hand-written rather than a markdown library: the widget has a strict size budget, and this
// covers exactly Rocket.Chat's message markup. Every piece of text is bound as text (no HTML
// strings, no unsafeHTML): markup in a message can only ever come out as the elements below.

type Part = TemplateResult | string;

// A list renders every message again on each change: parse each text once. Templates are plain
// values, so one result can serve every render of the same text.
const CACHE_SIZE = 400;
const cache = new Map<string, Part[]>();

function renderInline(nodes: readonly Inline[]): Part[] {
  return nodes.map((node): Part => {
    if (typeof node === 'string') return node;
    switch (node.t) {
      case 'strong':
        return html`<strong>${renderInline(node.c)}</strong>`;
      case 'em':
        return html`<em>${renderInline(node.c)}</em>`;
      case 'del':
        return html`<del>${renderInline(node.c)}</del>`;
      case 'code':
        return html`<code>${node.v}</code>`;
      case 'link':
        return html`<a href=${node.href} target="_blank" rel="noopener noreferrer nofollow"
          >${renderInline(node.c)}</a
        >`;
    }
  });
}

/**
 * A message's text with Rocket.Chat's markup as DOM: bold, italic, strike, code, fenced code,
 * quotes, safe links and emoji shortcodes. The container should keep newlines
 * (`white-space: pre-wrap`).
 */
export function renderMarkdown(text: string): Part[] {
  let parts = cache.get(text);
  if (!parts) {
    parts = parseMessage(text).map((block): Part => {
      if (block.t === 'pre') return html`<pre><code>${block.v}</code></pre>`;
      const content = renderInline(block.c);
      return block.t === 'quote' ? html`<blockquote>${content}</blockquote>` : html`${content}`;
    });
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(text, parts);
  }
  return parts;
}
