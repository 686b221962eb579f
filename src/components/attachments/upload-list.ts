import {LitElement, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {localized, msg, str} from '@lit/localize';
import {
  NO_UPLOADS,
  type UploadError,
  type UploadsView,
} from '../../controllers/uploads-controller.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {closeIcon} from '../icons.js';
import {formatFileSize} from './file-size.js';
import {styles} from './upload-list.styles.js';

// First-strong isolates: a right-to-left file name cannot reorder the sentence around it.
const isolate = (text: string) => `\u2068${text}\u2069`;

function errorText(error: UploadError): string {
  const name = isolate(error.name);
  if (error.code === 'too-large' && error.maxSize !== undefined) {
    const size = formatFileSize(error.maxSize);
    return msg(str`“${name}” is too large. Files can be at most ${size}.`, {
      id: 'upload-list.too-large-limit',
      desc: 'A file was refused for its size. The values are the file name and the largest size.',
    });
  }
  if (error.code === 'too-large') {
    return msg(str`“${name}” is too large to send.`, {
      id: 'upload-list.too-large',
      desc: 'A file was refused for its size (the limit is unknown). The value is the file name.',
    });
  }
  if (error.code === 'invalid-file') {
    return msg(str`“${name}” cannot be sent: this kind of file is not accepted.`, {
      id: 'upload-list.invalid-file',
      desc: 'A file was refused for its type (or it was empty). The value is the file name.',
    });
  }
  if (error.code === 'quota-exceeded') {
    return msg(str`“${name}” cannot be sent: this chat cannot take more files.`, {
      id: 'upload-list.quota-exceeded',
      desc: 'The server keeps no more files for this chat (or at all). The value is the file name.',
    });
  }
  return msg(str`“${name}” could not be sent. Please try again.`, {
    id: 'upload-list.failed',
    desc: 'A file upload failed for another reason (network, server). The value is the file name.',
  });
}

/**
 * The visitor's files on their way, above the composer: each with a progress bar named by
 * the file and a "Cancel upload" button; and an alert for each file that was refused.
 * @fires lc-cancel-upload - The visitor cancels an upload. Detail: `{id}`.
 * @fires lc-dismiss-upload-error - The visitor dismisses a refused file's message. Detail: `{id}`.
 */
@localized()
export class LcUploadList extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  /** The uploads in flight and the refused files. */
  @property({attribute: false}) view: UploadsView = NO_UPLOADS;

  private renderErrors() {
    return repeat(
      this.view.errors,
      (e) => e.id,
      (e) =>
        html`<p class="error">
          <span>${errorText(e)}</span>
          <button
            class="icon-button"
            type="button"
            aria-label=${msg('Dismiss', {
              id: 'upload-list.dismiss',
              desc: 'Button that hides the message about a refused file.',
            })}
            @click=${() => emit(this, 'lc-dismiss-upload-error', {id: e.id})}
          >
            ${closeIcon}
          </button>
        </p>`,
    );
  }

  override render() {
    const {uploads} = this.view;
    return html`
      ${
        uploads.length > 0
          ? html`<ul class="uploads">
              ${repeat(
                uploads,
                (u) => u.id,
                (u) =>
                  html`<li class="upload">
                    <bdi id="name-${u.id}" class="name">${u.name}</bdi>
                    <progress
                      aria-labelledby="name-${u.id}"
                      max="1"
                      .value=${u.fraction}
                    ></progress>
                    <button
                      class="cancel"
                      type="button"
                      aria-describedby="name-${u.id}"
                      @click=${() => emit(this, 'lc-cancel-upload', {id: u.id})}
                    >
                      ${msg('Cancel upload', {
                        id: 'upload-list.cancel',
                        desc: 'Button that stops a file upload in progress.',
                      })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="errors" role="alert">${this.renderErrors()}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-upload-list': LcUploadList;
  }
}
