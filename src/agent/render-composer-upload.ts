import {css, html, nothing} from 'lit';
import {visuallyHidden} from './shared.styles.js';
import {repeat} from 'lit/directives/repeat.js';
import type {RoomUploads} from './console-uploads.js';

/** The file types the server accepts (it decides by content; this only narrows the chooser). */
export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt';

/** Layout of the reply box's files on their way and their refusal line. */
export const uploadStyles = css`
  .uploads {
    grid-column: 1 / -1;
    display: grid;
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .uploads li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(6rem, 12rem) auto;
    gap: 0.5rem;
    align-items: center;
  }
  .uploads bdi {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  progress {
    inline-size: 100%;
  }
  .uploads .caption {
    grid-column: 1 / -1;
    margin: -0.25rem 0 0;
    color: var(--_ag-muted);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .upload-error {
    grid-column: 1 / -1;
    margin: 0;
  }
  .attach svg {
    display: none;
    width: 1.25rem;
    height: 1.25rem;
    fill: currentColor;
  }
  /* On a phone a paper clip, so the reply box keeps the width (and the composer's :host less
     padding). */
  @media (max-width: 700px) {
    :host {
      padding: 0.5rem 0.75rem;
    }
    .attach {
      display: grid;
      place-items: center;
      padding: 0.4rem;
    }
    .attach svg {
      display: block;
    }
    .attach span {
      ${visuallyHidden}
    }
  }
`;

/** A paper clip: the outer loop, then the inner one that holds the page. */
const CLIP_PATH =
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z';

/** "Attach a file", which opens the file chooser. */
export function renderAttach(isDisabled: boolean, choose: () => void) {
  return html`<button class="attach" type="button" ?disabled=${isDisabled} @click=${choose}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${CLIP_PATH} /></svg
    ><span>Attach a file</span>
  </button>`;
}

/**
 * The files on their way to the chat, each with a progress bar named by its file name, a
 * "Cancel upload" button and the caption that goes with it, then the line that says why the
 * last file was refused.
 */
export function renderUploads(state: RoomUploads | null, cancel: (id: number) => void) {
  const uploads = state?.uploads ?? [];
  return html`
    ${
      uploads.length > 0
        ? html`<ul class="uploads">
            ${repeat(
              uploads,
              (u) => u.id,
              (u) =>
                html`<li>
                  <bdi id="upload-${u.id}">${u.name}</bdi>
                  <progress
                    aria-labelledby="upload-${u.id}"
                    max="1"
                    .value=${u.fraction}
                  ></progress>
                  <button
                    type="button"
                    aria-describedby="upload-${u.id}"
                    @click=${() => cancel(u.id)}
                  >
                    Cancel upload
                  </button>
                  ${u.caption ? html`<p class="caption" dir="auto">${u.caption}</p>` : nothing}
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <p class="error upload-error" role="alert">${state?.error ?? ''}</p>
  `;
}
