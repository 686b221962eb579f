import {emojiFor} from './emoji.js';

/** Inline content: text, or an element with its children. */
export type Inline =
  | string
  | {t: 'strong' | 'em' | 'del'; c: Inline[]}
  | {t: 'code'; v: string}
  | {t: 'link'; href: string; c: Inline[]};

/** A block: lines of inline content (joined by `\n`), a quote, or a fenced code block. */
export type Block = {t: 'p' | 'quote'; c: Inline[]} | {t: 'pre'; v: string};

interface Delim {
  ch: string;
  n: number;
  mate?: number;
}

type Item = Inline | Delim;

const KINDS: Record<string, 'strong' | 'em' | 'del'> = {'*': 'strong', _: 'em', '~': 'del'};
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
const TRAILING = /[.,:;!?'*_~]/;
const BARE_STOP = /[\s<>"]/;
const LINK_STOP = /[\s[\]]/;
const FENCE = /^\s*```[\w.+-]*\s*$/;
const MAX_SHORTCODE = 40;

const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || SPACE.test(ch);
const isDelim = (item: Item): item is Delim => typeof item === 'object' && 'ch' in item;

/** The link target if `raw` is an http(s) or mailto URL (or `www.` host); null otherwise. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  const hasTarget = url.protocol === 'mailto:' ? url.pathname !== '' : url.hostname !== '';
  return hasTarget ? url.href : null;
}

function runLength(s: string, i: number): number {
  let j = i;
  while (s[j] === s[i]) j++;
  return j - i;
}

/** The length of a bare URL starting at `i` (0 if none), trailing punctuation left out. */
function bareUrlLength(s: string, i: number): number {
  const head = s.slice(i, i + 8).toLowerCase();
  if (!/^(https?:\/\/|mailto:|www\.)/.test(head)) return 0;
  let end = i;
  let open = 0;
  while (end < s.length && !BARE_STOP.test(s[end])) {
    if (s[end] === '(') open++;
    else if (s[end] === ')') open--;
    end++;
  }
  for (;;) {
    const last = s[end - 1];
    if (last === ')' && open < 0) open++;
    else if (!TRAILING.test(last)) break;
    end--;
  }
  return end - i;
}

/**
 * The end of `[text](url)` at `i` (the index after `)`), with its parts, or null. Each scan
 * stops at the next `[`, so a line of brackets is read once, not once per bracket.
 */
function linkAt(s: string, i: number): {end: number; text: string; url: string} | null {
  let j = i + 1;
  while (j < s.length && s[j] !== ']' && s[j] !== '[') j++;
  if (s[j] !== ']' || s[j + 1] !== '(') return null;
  let k = j + 2;
  let depth = 0;
  for (; k < s.length && !LINK_STOP.test(s[k]); k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && depth-- === 0) break;
  }
  if (s[k] !== ')' || k === j + 2) return null;
  return {end: k + 1, text: s.slice(i + 1, j), url: s.slice(j + 2, k)};
}

/** Matches emphasis delimiters: the items between a matched pair become its children. */
function build(items: Item[], from: number, to: number): Inline[] {
  const out: Inline[] = [];
  const push = (node: Inline) => {
    const last = out.length - 1;
    if (typeof node === 'string' && typeof out[last] === 'string') out[last] += node;
    else out.push(node);
  };
  for (let i = from; i < to; i++) {
    const item = items[i];
    if (!isDelim(item)) push(item);
    else if (item.mate === undefined || item.mate < i) push(item.ch.repeat(item.n));
    else {
      push({t: KINDS[item.ch], c: build(items, i + 1, item.mate)});
      i = item.mate;
    }
  }
  return out;
}

/**
 * Parses one line of inline markup in a single pass. Emphasis markers open only after a
 * non-word character and before a non-space, and close only after a non-space and before a
 * non-word character (so `snake_case` and `2*3*4` stay as typed); a pair matches the nearest
 * open marker of the same kind and length, and a kind does not nest in itself. Code spans are
 * taken first, so nothing inside them is markup.
 */
export function parseInline(s: string, allowLinks = true): Inline[] {
  const items: Item[] = [];
  const stacks = new Map<string, number[]>();
  const failedTicks = new Set<number>();
  let text = '';
  const flush = () => {
    if (text) items.push(text);
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const prev = s[i - 1];
    if (ch === '`') {
      const n = runLength(s, i);
      const close = failedTicks.has(n) ? -1 : findTicks(s, i + n, n);
      if (close < 0) {
        failedTicks.add(n);
        text += s.slice(i, i + n);
      } else {
        flush();
        items.push({t: 'code', v: s.slice(i + n, close)});
      }
      i = close < 0 ? i + n : close + n;
      continue;
    }
    if (ch === '[' && allowLinks) {
      const link = linkAt(s, i);
      const href = link && safeHref(link.url);
      if (link && href) {
        flush();
        items.push({t: 'link', href, c: link.text ? parseInline(link.text, false) : [link.url]});
        i = link.end;
        continue;
      }
    }
    if (ch === ':') {
      let j = i + 1;
      while (j - i <= MAX_SHORTCODE && /[\w+-]/.test(s[j] ?? '')) j++;
      const emoji = s[j] === ':' ? emojiFor(s.slice(i + 1, j)) : undefined;
      if (emoji) {
        text += emoji;
        i = j + 1;
        continue;
      }
    }
    if (ch in KINDS) {
      const n = runLength(s, i);
      const next = s[i + n];
      const key = ch + n;
      const stack = stacks.get(key) ?? [];
      const canClose = n <= 2 && !isSpace(prev) && !isWord(next);
      const canOpen = n <= 2 && !isSpace(next) && !isWord(prev);
      if (canClose && stack.length > 0) {
        flush();
        const opener = stack.pop()!;
        (items[opener] as Delim).mate = items.length;
        items.push({ch, n, mate: opener});
        // Markers inside the pair can no longer pair across it, nor can this kind nest.
        for (const [other, list] of stacks) {
          if (other[0] === ch) list.length = 0;
          while (list.length > 0 && list[list.length - 1] > opener) list.pop();
        }
      } else if (canOpen) {
        flush();
        stacks.set(key, stack);
        stack.push(items.length);
        items.push({ch, n});
      } else {
        text += s.slice(i, i + n);
      }
      i += n;
      continue;
    }
    const urlLength = allowLinks && !isWord(prev) ? bareUrlLength(s, i) : 0;
    if (urlLength > 0) {
      const raw = s.slice(i, i + urlLength);
      const href = safeHref(raw);
      if (href) {
        flush();
        items.push({t: 'link', href, c: [raw]});
      } else {
        text += raw;
      }
      i += urlLength;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return build(items, 0, items.length);
}

/** The start of the next run of exactly `n` backticks from `from`, or -1. */
function findTicks(s: string, from: number, n: number): number {
  for (let i = s.indexOf('`', from); i >= 0; i = s.indexOf('`', i)) {
    const run = runLength(s, i);
    if (run === n) return i;
    i += run;
  }
  return -1;
}

function joinLines(lines: string[]): Inline[] {
  return lines.flatMap((line, index) =>
    index > 0 ? ['\n', ...parseInline(line)] : parseInline(line),
  );
}

/**
 * Parses a message into blocks: ``` fences (up to a line of ``` alone; without one, the fence
 * line is text), runs of lines starting `> `, and the other lines. Linear in the input.
 */
export function parseMessage(text: string): Block[] {
  const lines = text.split(/\r\n?|\n/);
  const blocks: Block[] = [];
  let para: string[] = [];
  let quote: string[] = [];
  let hasCloser = true;
  const flush = () => {
    if (para.length > 0) blocks.push({t: 'p', c: joinLines(para)});
    if (quote.length > 0) blocks.push({t: 'quote', c: joinLines(quote)});
    para = [];
    quote = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (hasCloser && FENCE.test(line)) {
      let close = i + 1;
      while (close < lines.length && lines[close].trim() !== '```') close++;
      if (close < lines.length) {
        flush();
        blocks.push({t: 'pre', v: lines.slice(i + 1, close).join('\n')});
        i = close;
        continue;
      }
      // No closing fence anywhere below: no later fence line can have one either.
      hasCloser = false;
    }
    const isQuote = line.startsWith('> ') || line === '>';
    if (isQuote ? para.length > 0 : quote.length > 0) flush();
    (isQuote ? quote : para).push(isQuote ? line.slice(2) : line);
  }
  flush();
  return blocks;
}

function plainOf(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => (typeof node === 'string' ? node : 'v' in node ? node.v : plainOf(node.c)))
    .join('');
}

/** The message as plain text: markers dropped, emoji shortcodes replaced, links as their text. */
export function toPlainText(text: string): string {
  return parseMessage(text)
    .map((block) => (block.t === 'pre' ? block.v : plainOf(block.c)))
    .join('\n');
}
