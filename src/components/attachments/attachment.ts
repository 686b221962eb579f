import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {Attachment} from '../../core/index.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {closeIcon} from '../icons.js';
import {styles} from './attachment.styles.js';
import {
  attachmentKind,
  renderFileCard,
  renderPlayer,
  renderThumbnail,
  safeUrl,
} from './render-attachment.js';

/**
 * One file of a message: an image as a thumbnail that opens full size (Escape or Close
 * closes it), audio and video as players, any other file as a card with its name, size and a
 * download link. An image that cannot be loaded (the server deleted the file of an old chat:
 * 410) shows as a card saying it is no longer available, instead of a broken picture. The file
 * name and the description are always text.
 */
@localized()
export class LcAttachment extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  @query('dialog') private viewer!: HTMLDialogElement | null;
  @query('.open') private opener!: HTMLButtonElement | null;

  @state() private isViewing = false;
  @state() private isUnavailable = false;

  /** The file to show. */
  @property({attribute: false}) attachment: Attachment = {title: ''};

  override willUpdate(changed: PropertyValues<this>): void {
    // A new link (a fresh signed one) deserves a new try.
    if (changed.has('attachment')) this.isUnavailable = false;
  }

  private handleImageError(): void {
    this.isUnavailable = true;
  }

  private async handleOpen(): Promise<void> {
    this.isViewing = true;
    await this.updateComplete;
    this.viewer?.showModal();
  }

  private handleClose(): void {
    this.viewer?.close();
  }

  private handleClosed(): void {
    this.isViewing = false;
    this.opener?.focus();
  }

  private handleViewerKeydown(event: KeyboardEvent): void {
    // Escape closes the picture only; the chat window must not take it as "minimise".
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.handleClose();
  }

  private handleViewerClick(event: MouseEvent): void {
    // A click on the backdrop (the dialog box itself, outside its content) closes it.
    if (event.target === this.viewer) this.handleClose();
  }

  private renderViewer() {
    const {title} = this.attachment;
    return html`<dialog
      aria-label=${title}
      @keydown=${this.handleViewerKeydown}
      @click=${this.handleViewerClick}
      @close=${this.handleClosed}
    >
      ${
        this.isViewing
          ? html`<div class="viewer">
              <bdi class="viewer-title" aria-hidden="true">${title}</bdi>
              <button
                class="icon-button close"
                type="button"
                aria-label=${msg('Close', {
                  id: 'attachment.close',
                  desc: 'Button that closes the full-size view of an image.',
                })}
                @click=${this.handleClose}
              >
                ${closeIcon}
              </button>
              <img class="full" src=${safeUrl(this.attachment.url) ?? ''} alt=${title} />
            </div>`
          : nothing
      }
    </dialog>`;
  }

  private renderImage() {
    return html`<button class="open" type="button" aria-haspopup="dialog" @click=${this.handleOpen}>
        ${renderThumbnail(this.attachment, () => this.handleImageError())}
      </button>
      ${this.renderViewer()}`;
  }

  private renderUnavailable() {
    return html`${renderFileCard({...this.attachment, url: undefined})}
      <p class="unavailable">
        ${msg('No longer available', {
          id: 'attachment.unavailable',
          desc: 'Under a picture of the chat that could not be loaded: the server no longer has it.',
        })}
      </p>`;
  }

  override render() {
    const {attachment} = this;
    const kind = attachmentKind(attachment);
    if (kind === 'image' && this.isUnavailable) return this.renderUnavailable();
    const description = attachment.description;
    // The picture and the players are named by the file; the caption repeats it for the eye.
    const caption = html`<bdi id="caption" class="caption" aria-hidden=${kind === 'image'}
      >${attachment.title}</bdi
    >`;
    return html`
      ${kind === 'file' ? renderFileCard(attachment) : caption}
      ${kind === 'image' ? this.renderImage() : nothing}
      ${kind === 'audio' || kind === 'video' ? renderPlayer(attachment, kind, 'caption') : nothing}
      ${
        typeof description === 'string' && description
          ? html`<p class="description" dir="auto">${description}</p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-attachment': LcAttachment;
  }
}
