import {LitElement, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg, str} from '@lit/localize';
import type {QueueInfo} from '../../core/index.js';
import {getLocale} from '../../i18n/localization.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {styles} from './queue-banner.styles.js';

/** The estimated wait in whole minutes (at least one), as the locale writes a duration. */
export function formatWait(seconds: number, locale: string): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const format = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
  });
  return format.format(minutes);
}

/**
 * The visitor's place in line while waiting for an agent ("You are number 2 in line"), with
 * the estimated wait when the server knows it. A live status region that stays in place, so
 * each change is announced.
 */
@localized()
export class LcQueueBanner extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  /** The place in line, or null when not waiting. */
  @property({attribute: false}) queue: QueueInfo | null = null;

  private renderText() {
    const queue = this.queue;
    if (!queue || !(queue.position > 0)) return nothing;
    const locale = getLocale();
    const position = new Intl.NumberFormat(locale).format(queue.position);
    const seconds = queue.estimatedWaitSeconds;
    const wait = typeof seconds === 'number' && seconds > 0 ? formatWait(seconds, locale) : '';
    return html`${msg(str`You are number ${position} in line`, {
      id: 'queue.position',
      desc: 'Place of the visitor in the queue for an agent; the value is the number (1 = next).',
    })}${
      wait
        ? html` <span class="wait"
            >${msg(str`Estimated wait: ${wait}`, {
              id: 'queue.wait',
              desc: 'Estimated waiting time; the value is a duration such as "3 minutes".',
            })}</span
          >`
        : nothing
    }`;
  }

  override render() {
    return html`<p class="banner" role="status">${this.renderText()}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-queue-banner': LcQueueBanner;
  }
}
