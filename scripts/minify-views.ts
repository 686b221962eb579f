/**
 * The widget build's own minification (vite.config.ts): Lit's css`` and html`` templates lose
 * the whitespace and comments the JS minifier cannot touch, msg() ids and private custom
 * properties get short names, and the locale chunks get their own small `str`/`html` tags.
 * Build only: the sources, the dev server and the tests keep everything readable.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import type {Plugin} from 'vite';

// Lit keeps css`` templates verbatim and the JS minifier cannot touch template text, so the
// style modules' indentation and comments would ship. Comments go (no string in our CSS holds a
// `/*`); otherwise only whitespace is removed, never anything that could change meaning: runs
// collapse to one space, spaces next to `{ } ; ,` go, and so does the one after a
// declaration's (or a media feature's) colon: `{prop: value` (never `a :hover`), a
// number's leading zero (`0.5em`), the space before `!important`, and those around a `*` or `/`
// right after a `)` or a digit (`calc(2 * var(--x))`, `1 / -1`; no selector of ours has a `)`
// or a digit before a `*`).
export const squeezeCss = (text: string) =>
  text
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/([{;(][-\w]+):\s/g, '$1:')
    .replace(/ !important/g, '!important')
    .replace(/([\s:(,]-?)0\.(\d)/g, '$1.$2')
    .replace(/([\d)]) ([*/]) /g, '$1$2')
    .replace(/;}/g, '}')
    .trim();

// Lit keeps html`` templates verbatim too, so their indentation ships as well. The squeeze reads
// each template's static text as HTML (the `${}` bindings between its parts are left alone) and
// touches whitespace in two places only:
// - inside a tag, between attributes: a run becomes one space, and goes before `>` (not before
//   `/>`: after an unquoted binding, `attr=${x}/>`, the parser would take the `/` as part of
//   the value);
// - in text between tags: a run holding a line break becomes one space, which renders the same
//   wherever white-space collapses (the elements styled `pre-wrap` get their text only through
//   bindings, with no whitespace around them).
// Never touched: attribute values (quoted: `aria-label="…"`), comments, and everything inside
// <pre>, <textarea>, <script> and <style>. A run right after a backslash is kept as it is, so no
// escape sequence can change.
const RAW_TAGS = new Set(['pre', 'textarea', 'script', 'style']);
interface HtmlScan {
  mode: 'text' | 'tag' | 'value' | 'raw' | 'comment';
  quote: string;
  tag: string;
}
function squeezeHtmlPart(text: string, scan: HtmlScan): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (scan.mode === 'value') {
      if (ch === scan.quote) scan.mode = 'tag';
    } else if (scan.mode === 'comment') {
      if (text.startsWith('-->', i)) scan.mode = 'text';
    } else if (scan.mode === 'raw') {
      if (text.slice(i, i + scan.tag.length + 2).toLowerCase() === `</${scan.tag}`) {
        scan.mode = 'tag';
        scan.tag = '';
      }
    } else if (/\s/.test(ch)) {
      const run = /^\s+/.exec(text.slice(i))![0];
      i += run.length;
      if (out.endsWith('\\')) out += run;
      else if (scan.mode === 'text') out += run.includes('\n') ? ' ' : run;
      else if (text[i] !== '>') out += ' ';
      continue;
    } else if (scan.mode === 'text') {
      if (text.startsWith('<!--', i)) scan.mode = 'comment';
      else if (/^<\/?[a-z]/i.test(text.slice(i, i + 3))) {
        const name = /^<(\/?)([\w-]+)/.exec(text.slice(i))!;
        scan.mode = 'tag';
        scan.tag = name[1] ? '' : name[2].toLowerCase();
      }
    } else if (ch === '"' || ch === "'") {
      scan.mode = 'value';
      scan.quote = ch;
    } else if (ch === '>') {
      scan.mode = RAW_TAGS.has(scan.tag) && text[i - 1] !== '/' ? 'raw' : 'text';
    }
    out += ch;
    i++;
  }
  return out;
}
// A template's bindings sit between its parts: the CSS is squeezed as one text, with a NUL
// (which no source holds) standing for each binding, so a space next to one stays a space.
export const squeezeCssParts = (parts: string[]) => squeezeCss(parts.join('\0')).split('\0');
export const squeezeHtmlParts = (parts: string[]) => {
  const scan: HtmlScan = {mode: 'text', quote: '', tag: ''};
  return parts.map((part) => squeezeHtmlPart(part, scan));
};

// Each msg() id ships twice: in the call and as the key of its text in every locale chunk. The
// build names each id the locales hold by its place in their sorted list (base 36: `0`…`2x`),
// the same in the calls (`rewriteViews`) and the locale chunks (`localeStr`); the sources, the
// XLIFF files, the dev server and the tests keep the readable ids. Our ids all hold a dot, which
// no short name does, and lit-localize's own ids (for a msg() without one) are hashes 17
// characters long, so no name can meet another. An id no locale holds keeps its name, and
// still falls back to English.
const LOCALES_DIR = fileURLToPath(new URL('../src/generated/locales/', import.meta.url));
// A key of a locale's `templates`, quoted as in the file or as after the TypeScript transform.
const LOCALE_KEY = /^(\s*)(['"])([\w.-]+)\2:/gm;
function shortMsgIds(): Map<string, string> {
  const ids = new Set<string>();
  for (const file of readdirSync(LOCALES_DIR)) {
    const text = readFileSync(`${LOCALES_DIR}${file}`, 'utf8');
    for (const [, , , id] of text.matchAll(LOCALE_KEY)) ids.add(id);
  }
  return new Map([...ids].sort().map((id, i) => [id, i.toString(36)]));
}
const MSG_IDS = shortMsgIds();

// The widget's private custom properties (`--_lc-muted-text`, each set from its public
// `--live-chat-*` one) are named well over a hundred times in its CSS. The build calls each
// `--_lc` and its place in their sorted list (`--_lc7`), alike in every widget module (the CSS,
// and the strings of the modules that read or set one, such as theme-controller.ts). They keep
// the `--_lc` start, so that a page's own custom properties, which inherit into the widget,
// still cannot meet them. Only the build's names change: the sources, the dev server and the
// tests keep the readable ones.
const SRC_DIR = fileURLToPath(new URL('../src/', import.meta.url));
const WIDGET_MODULE = /^(?!core\/|server\/|generated\/|agent\/).*\.ts$/;
const PRIVATE_PROPERTY = /--_lc-[a-z][a-z-]*/g;
function shortPrivateProperties(): Map<string, string> {
  const names = new Set<string>();
  for (const file of readdirSync(SRC_DIR, {recursive: true, encoding: 'utf8'})) {
    if (!WIDGET_MODULE.test(file)) continue;
    for (const [name] of readFileSync(`${SRC_DIR}${file}`, 'utf8').matchAll(PRIVATE_PROPERTY)) {
      names.add(name);
    }
  }
  return new Map([...names].sort().map((name, i) => [name, `--_lc${i.toString(36)}`]));
}
const PRIVATE_PROPERTIES = shortPrivateProperties();

// The id of a msg() call (`msg(text, {id: '…'})`), as the string literal it is in the source.
function msgIdLiteral(node: ts.Node, source: ts.SourceFile): ts.StringLiteral | undefined {
  if (!ts.isCallExpression(node) || node.expression.getText(source) !== 'msg') return undefined;
  const options = node.arguments[1];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const property of options.properties) {
    const isId = ts.isPropertyAssignment(property) && property.name.getText(source) === 'id';
    if (isId && ts.isStringLiteral(property.initializer)) return property.initializer;
  }
  return undefined;
}

// Reads the source with the TypeScript parser (a binding may hold code, strings and other
// templates, which no pattern skips reliably), then rewrites in place, last first so that
// earlier offsets hold: the static parts of the templates that `squeezer` picks by their tag
// ('' for none), and the msg() ids.
type Squeezer = (tag: string) => ((parts: string[]) => string[]) | null;
function rewriteViews(code: string, file: string, squeezer: Squeezer): string {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: {start: number; end: number; text: string}[] = [];
  const visit = (node: ts.Node): void => {
    const idLiteral = msgIdLiteral(node, source);
    const short = idLiteral && MSG_IDS.get(idLiteral.text);
    if (idLiteral && short) {
      edits.push({start: idLiteral.getStart(source), end: idLiteral.end, text: `'${short}'`});
    }
    const tagged = ts.isTaggedTemplateExpression(node);
    const template = tagged ? node.template : node;
    const isTemplate =
      ts.isNoSubstitutionTemplateLiteral(template) || ts.isTemplateExpression(template);
    const squeeze = isTemplate && squeezer(tagged ? node.tag.getText(source) : '');
    if (squeeze && (tagged || !ts.isTaggedTemplateExpression(node.parent))) {
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      // Each part lies between the opening `` ` `` or `}` and the closing `` ` `` or `${`.
      const ranges = parts.map((part) => {
        const start = part.getStart(source) + 1;
        return {
          start,
          end: part.end - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1),
        };
      });
      const texts = squeeze(ranges.map(({start, end}) => code.slice(start, end)));
      ranges.forEach((range, i) => edits.push({...range, text: texts[i]}));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  edits.sort((a, b) => b.start - a.start);
  for (const {start, end, text} of edits) code = code.slice(0, start) + text + code.slice(end);
  return code;
}

// A msg() `desc` is for translators (lit-localize reads it from the source); the runtime only
// uses the id, so the build drops the text.
const MSG_DESC = /,\s*desc:\s*'(?:[^'\\]|\\.)*'/g;

// The locale chunks need only lit-localize's `str` tag, which tags a template for the runtime
// (`{strTag: true, strings, values}`, checked with `'strTag' in`). Given their own copy, they no
// longer share the runtime with the first download, which then holds it instead of waiting for
// a second file. (Build only: the dev server and the tests load lit-localize as it is.)
// A message with markup (a `<bdi>` around a name) also needs Lit's `html` tag, which only
// describes a template (`{_$litType$: 1, strings, values}`, lit-html's HTML_RESULT): an own copy
// spares a page in another language Lit's whole chunk before the visitor opens the chat.
const LIT_LOCALIZE_IMPORT = /import\s*\{\s*str\s*\}\s*from\s*['"]@lit\/localize['"];?/;
const OWN_STR = 'const str = (strings, ...values) => ({strTag: true, strings, values});';
const LIT_IMPORT = /import\s*\{\s*html\s*\}\s*from\s*['"]lit['"];?/;
const OWN_HTML = "const html = (strings, ...values) => ({['_$litType$']: 1, strings, values});";
export const localeStr = {
  name: 'live-chat-locale-str',
  transform: (code: string, id: string) =>
    id.includes('/src/generated/locales/')
      ? code
          .replace(LIT_LOCALIZE_IMPORT, OWN_STR)
          .replace(LIT_IMPORT, () => OWN_HTML)
          .replace(LOCALE_KEY, (_, space: string, _quote, key: string) => {
            return `${space}'${MSG_IDS.get(key)}':`;
          })
      : null,
};

export function minifyViews(): Plugin {
  return {
    name: 'live-chat-minify-views',
    apply: 'build',
    // Before the TypeScript transform, which reformats the code the patterns expect.
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/(?!core\/|server\/|generated\/).*\.ts$/.test(id)) return null;
      // Every template in a style module is CSS (dark-tokens.styles.ts builds a sheet's text
      // from plain ones); elsewhere only the css`` and html`` ones are.
      const isStyles = id.endsWith('.styles.ts');
      if (isStyles || /css`|html`|msg\(/.test(code)) {
        code = rewriteViews(code, id, (tag) =>
          tag === 'css' || (isStyles && tag === '')
            ? squeezeCssParts
            : tag === 'html'
              ? squeezeHtmlParts
              : null,
        );
      }
      code = code.replace(PRIVATE_PROPERTY, (name) => PRIVATE_PROPERTIES.get(name) ?? name);
      return {code: code.includes('msg(') ? code.replace(MSG_DESC, '') : code};
    },
  };
}
