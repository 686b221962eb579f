import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {httpUrl, type Attachment} from '../../core/index.js';
import {formatFileSize} from './file-size.js';

/** How an attachment shows: a picture, a player, or a card with a download link. */
export type AttachmentKind = 'image' | 'audio' | 'video' | 'file';

// The box a thumbnail fits in (CSS pixels); it still shrinks with a narrow bubble.
const THUMB_MAX_PX = 240;
// Unknown dimensions get a 4:3 box, so nothing below moves once the picture arrives.
const THUMB_DEFAULT = {width: 240, height: 180};

/** `url` if it is an absolute http(s) link (a stored or remote value is never trusted). */
export const safeUrl = (url: unknown): string | undefined => httpUrl(url);

/** What the attachment is, by its media type; anything without a link is a card. */
export function attachmentKind(attachment: Attachment): AttachmentKind {
  const type = typeof attachment.type === 'string' ? attachment.type : '';
  if (!safeUrl(attachment.url)) return 'file';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

/** The thumbnail's box: the server's dimensions scaled into the thumbnail size, or 4:3. */
export function thumbnailSize(attachment: Attachment): {width: number; height: number} {
  const {width, height} = attachment;
  if (typeof width !== 'number' || typeof height !== 'number' || width <= 0 || height <= 0) {
    return THUMB_DEFAULT;
  }
  const scale = Math.min(1, THUMB_MAX_PX / width, THUMB_MAX_PX / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** The thumbnail: lazy, with its box reserved by `width`/`height`; `onError` if it fails. */
export function renderThumbnail(attachment: Attachment, onError?: () => void): TemplateResult {
  const {width, height} = thumbnailSize(attachment);
  const isSized = typeof attachment.width === 'number';
  return html`<img
    class="thumbnail ${isSized ? '' : 'unsized'}"
    src=${ifDefined(safeUrl(attachment.url))}
    alt=${attachment.title}
    width=${width}
    height=${height}
    loading="lazy"
    decoding="async"
    @error=${onError}
  />`;
}

/** An audio or video player, named by the file's caption (`captionId`). */
export function renderPlayer(
  attachment: Attachment,
  kind: 'audio' | 'video',
  captionId: string,
): TemplateResult {
  const url = safeUrl(attachment.url);
  return kind === 'audio'
    ? html`<audio
        controls
        preload="metadata"
        src=${ifDefined(url)}
        aria-labelledby=${captionId}
      ></audio>`
    : html`<video
        controls
        preload="metadata"
        src=${ifDefined(url)}
        aria-labelledby=${captionId}
      ></video>`;
}

/** Any other file: its name (a download link once there is one) and its size. */
export function renderFileCard(attachment: Attachment): TemplateResult {
  const url = safeUrl(attachment.url);
  const name = html`<bdi class="name">${attachment.title}</bdi>`;
  const size = attachment.size;
  return html`<div class="card">
    ${
      url
        ? html`<a class="download" href=${url} target="_blank" rel="noopener noreferrer" download
            >${name}</a
          >`
        : name
    }
    ${
      typeof size === 'number' && size > 0
        ? html`<span class="size">${formatFileSize(size)}</span>`
        : nothing
    }
  </div>`;
}
