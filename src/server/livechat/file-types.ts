/** A type the server accepts, recognised by its content, never by the name or the header. */
export interface FileKind {
  type: string;
  extensions: readonly string[];
  isImage: boolean;
}

const PNG: FileKind = {type: 'image/png', extensions: ['png'], isImage: true};
const JPEG: FileKind = {type: 'image/jpeg', extensions: ['jpg', 'jpeg'], isImage: true};
const GIF: FileKind = {type: 'image/gif', extensions: ['gif'], isImage: true};
const WEBP: FileKind = {type: 'image/webp', extensions: ['webp'], isImage: true};
const PDF: FileKind = {type: 'application/pdf', extensions: ['pdf'], isImage: false};
const TEXT: FileKind = {type: 'text/plain', extensions: ['txt'], isImage: false};

/**
 * The accepted types as Rocket.Chat's `FileUpload_MediaTypeWhiteList` writes them, for the
 * config: the widget refuses other files before sending them.
 */
export const ACCEPTED_MEDIA_TYPES = [PNG, JPEG, GIF, WEBP, PDF, TEXT].map((k) => k.type).join(',');

const startsWith = (bytes: Buffer, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// Markup a browser could run if it ever sniffed it: refused even though it is text.
const MARKUP = /^\s*<(?:!doctype|html|head|body|svg|script|iframe|object|\?xml|\?php|\?=)/i;
// C0 controls other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return false;
  }
  return !BINARY_CONTROL.test(text) && !MARKUP.test(text.replace(/^\uFEFF/, ''));
}

/**
 * The allowlisted type of a file by its magic bytes (png, jpeg, gif, webp, pdf) or, for text,
 * by being valid UTF-8 without binary controls or leading markup; `null` for anything else.
 */
export function detectFileKind(bytes: Buffer): FileKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return GIF;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  return isPlainText(bytes) ? TEXT : null;
}

// Path separators, C0/C1 controls, and bidi or invisible formatting (RTLO spoofing: docs/reliability.md C3).
const UNSAFE_NAME_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[/\\\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const NAME_MAX_BYTES = 255;

function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/**
 * A safe file name: no path, controls or bidi tricks, no leading dots, at most 255 UTF-8 bytes,
 * and an extension that matches the detected type (`evil.html` stored as text is `evil.txt`).
 */
export function safeFileName(name: string, kind: FileKind): string {
  const cleaned = name
    .replace(UNSAFE_NAME_CHARS, '')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const keepsExtension = kind.extensions.includes(extension);
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned) || 'file';
  const suffix = `.${keepsExtension ? cleaned.slice(dot + 1) : kind.extensions[0]}`;
  return truncateUtf8(stem, NAME_MAX_BYTES - Buffer.byteLength(suffix)) + suffix;
}
