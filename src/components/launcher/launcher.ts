import {LitElement, html} from 'lit';
import {property, query} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {localized, msg, str} from '@lit/localize';
import {emit} from '../../events/emit.js';
import {getLocale} from '../../i18n/localization.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {chatIcon, closeIcon} from '../icons.js';
import {styles} from './launcher.styles.js';

/**
 * Round button that opens and closes the chat window, with an unread badge.
 * @fires lc-toggle-window - The visitor activates the button. Detail: `{}` (toggle).
 * @csspart launcher - The button.
 * @slot icon - Replaces the default speech-bubble icon while the window is closed.
 */
@localized()
export class LcLauncher extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('button') private button!: HTMLButtonElement | null;

  /** Whether the window this button controls is open. */
  @property({type: Boolean, reflect: true}) open = false;

  /** Unread messages shown in the badge; 0 hides the badge. */
  @property({type: Number}) unread = 0;

  private handleClick(): void {
    emit(this, 'lc-toggle-window', {});
  }

  /** Moves focus to the button. */
  override focus(options?: FocusOptions): void {
    this.button?.focus(options);
  }

  override render() {
    const label = this.open
      ? msg('Close chat', {id: 'launcher.close', desc: 'Launcher button label while open.'})
      : msg('Open chat', {id: 'launcher.open', desc: 'Launcher button label while closed.'});
    const count = new Intl.NumberFormat(getLocale()).format(this.unread);
    const hasUnread = this.unread > 0;
    return html`
      <button
        part="launcher"
        type="button"
        aria-label=${label}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-describedby=${ifDefined(hasUnread ? 'unread' : undefined)}
        @click=${this.handleClick}
      >
        <span class="icon" ?hidden=${this.open}><slot name="icon">${chatIcon}</slot></span>
        <span class="icon" ?hidden=${!this.open}>${closeIcon}</span>
      </button>
      <span class="badge" aria-hidden="true" ?hidden=${!hasUnread}>${count}</span>
      <span id="unread" class="visually-hidden">
        ${hasUnread
          ? msg(str`Unread messages: ${count}`, {
              id: 'launcher.unread',
              desc: 'Accessible description of the unread badge; the number of messages.',
            })
          : ''}
      </span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-launcher': LcLauncher;
  }
}
