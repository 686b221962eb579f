import {html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {menuIcon} from '../icons.js';
import {PopupElement, popupStyles} from '../popup/popup-element.js';
import {styles} from './chat-menu.styles.js';

/**
 * Where desktop notifications stand: `on` or `off` by the visitor's choice; `denied` (the
 * browser blocks them for the site) and `unsupported` (no Notification API) disable the item.
 */
export type NotifyState = 'on' | 'off' | 'denied' | 'unsupported';

/**
 * The header's "Chat options" menu button and its menu (ARIA menu button pattern): Enter,
 * Space or the arrow keys open it, the arrow keys, Home and End move between items, Escape
 * closes it and returns focus to the button; Tab closes it and goes on to the next control,
 * Shift+Tab closes it back on the button, and a click elsewhere closes it too.
 * @fires lc-set-notifications - The visitor turns desktop notifications on or off.
 *   Detail: `{on}`.
 */
@localized()
export class LcChatMenu extends PopupElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, popupStyles, styles];

  /** Where notifications stand: the item's label, or why it is disabled. */
  @property() notifications: NotifyState = 'off';

  private get items(): HTMLElement[] {
    return [...this.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }

  private async open(index: number): Promise<void> {
    this.isOpen = true;
    await this.updateComplete;
    this.items.at(index)?.focus();
  }

  private handleToggleClick(): void {
    if (this.isOpen) void this.close();
    else void this.open(0);
  }

  private handleToggleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.open(event.key === 'ArrowDown' ? 0 : -1);
  }

  private handleMenuKeydown(event: KeyboardEvent): void {
    const items = this.items;
    const current = items.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: (current + 1) % items.length,
      ArrowUp: (current - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      items[moves[event.key]]?.focus();
    } else if (event.key === 'Tab') {
      // The browser moves on from the button: the items are out of the tab order, and from one
      // of them Chromium would go back to the button, not on.
      this.toggleButton?.focus();
      if (event.shiftKey) event.preventDefault();
      this.isOpen = false;
    }
  }

  private handleNotifications(): void {
    const state = this.notifications;
    if (state === 'denied' || state === 'unsupported') return;
    emit(this, 'lc-set-notifications', {on: state !== 'on'});
    void this.close();
  }

  private notificationsNote(): string | null {
    if (this.notifications === 'unsupported') {
      return msg('This browser cannot show notifications.', {
        id: 'chat-menu.notify-unsupported',
        desc: 'Why "Turn on notifications" is disabled: the browser has no notifications.',
      });
    }
    if (this.notifications === 'denied') {
      return msg('Notifications are blocked for this site in the browser’s settings.', {
        id: 'chat-menu.notify-denied',
        desc: 'Why "Turn on notifications" is disabled: the visitor blocked them before.',
      });
    }
    return null;
  }

  override render() {
    const label = msg('Chat options', {
      id: 'chat-menu.options',
      desc: 'Button that opens the menu of chat options (notifications).',
    });
    const note = this.notificationsNote();
    const itemLabel =
      this.notifications === 'on'
        ? msg('Turn off notifications', {
            id: 'chat-menu.notify-off',
            desc: 'Menu item: stop desktop notifications of new agent messages.',
          })
        : msg('Turn on notifications', {
            id: 'chat-menu.notify-on',
            desc: 'Menu item: notify of agent messages while the page is in the background.',
          });
    return html`<div @keydown=${this.handleKeydown} @focusout=${this.handleFocusOut}>
      <button
        id="toggle"
        class="icon-button toggle"
        type="button"
        aria-label=${label}
        aria-haspopup="menu"
        aria-expanded=${this.isOpen ? 'true' : 'false'}
        aria-controls="menu"
        @click=${this.handleToggleClick}
        @keydown=${this.handleToggleKeydown}
      >
        ${menuIcon}
      </button>
      <div class="popup" ?hidden=${!this.isOpen}>
        <div id="menu" role="menu" aria-labelledby="toggle" @keydown=${this.handleMenuKeydown}>
          <button
            class="item"
            type="button"
            role="menuitem"
            tabindex="-1"
            aria-disabled=${note ? 'true' : 'false'}
            aria-describedby=${note ? 'notify-note' : nothing}
            title=${note ?? nothing}
            @click=${this.handleNotifications}
          >
            ${itemLabel}
          </button>
        </div>
        ${note ? html`<p id="notify-note" class="note">${note}</p>` : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-chat-menu': LcChatMenu;
  }
}
