import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {guard} from 'lit/directives/guard.js';
import {repeat} from 'lit/directives/repeat.js';
import {localized, msg} from '@lit/localize';
import type {Message} from '../../core/index.js';
import {AutoScrollController} from '../../controllers/auto-scroll-controller.js';
import {emit} from '../../events/emit.js';
import {dayLabel, isoDay, startsDay} from '../../i18n/day-label.js';
import {datesReady, whenDatesReady} from '../../i18n/dates-ready.js';
import {getLocale} from '../../i18n/localization.js';
import {markdownStyles} from '../../markdown/markdown.styles.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {KEPT_ANNOUNCEMENTS, announcement, arrivals} from './announcements.js';
import {placeAt, readingPosition} from './log-anchor.js';
import {styles} from './message-list.styles.js';
import {plainText, plainTextNow} from './message-parts.js';
import {MessageWindow} from './message-window.js';
import {isVisibleMessage, renderMessage} from './render-message.js';

/**
 * The conversation: a live log of messages with their status, and the agent typing hint.
 * @fires lc-retry-message - The visitor asks to resend a failed message. Detail: `{id}`.
 * @fires lc-save-view - The reader scrolled (kept across pages). Detail: `{scrollTop, reading}`:
 *   pixels, and the message being read (`null` both at the bottom).
 * @fires lc-request-view - Asks for the scroll position of a restored session.
 * @fires lc-load-older - The reader reached the top of all it has. Detail: `{settle}`, to
 *   call once older messages arrived (`false`: no more).
 * @csspart messages - The scrolling log.
 * @csspart message - Each message; also `message-agent`, `message-visitor` or
 *   `message-system` by author.
 */
@localized()
export class LcMessageList extends LitElement {
  static override styles = [
    sharedStyles,
    controlStyles,
    forcedColorsStyles,
    styles,
    markdownStyles,
  ];

  private readonly autoScroll: AutoScrollController = new AutoScrollController(this, {
    target: () => this.log,
    // The window opens on a restored session before its messages reach the list: a position
    // applied to the empty log would clamp to its top.
    isComplete: (): boolean => this.visibleMessages.length > 0 && !this.window.partial,
    // A log read far back ends before the newest messages: its end is not the bottom.
    showsEnd: (): boolean => this.window.showsNewest,
    locate: () => (this.log ? readingPosition(this.log) : null),
    // The message comes into the window first (it may be further back than the first one).
    place: (at) => {
      const found = this.window.seek(at.id);
      return found === true ? placeAt(this.log!, at) || null : found;
    },
  });
  private readonly window: MessageWindow = new MessageWindow(
    this,
    () => this.log,
    () => this.visibleMessages,
    (): boolean => this.autoScroll.pinned,
    () => this.autoScroll.pin(),
  );

  @query('.log') private log!: HTMLElement | null;

  // The newest messages from others and the visitor's failed ones, for the live region.
  @state() private announced: readonly Message[] = [];

  // How many messages others wrote while the reader was scrolled up, not yet come back down to.
  @state() private newsCount = 0;

  /** Messages in order, oldest first. */
  @property({attribute: false}) messages: readonly Message[] = [];

  /** Whether the agent is typing right now. */
  @property({type: Boolean, attribute: 'agent-typing'}) agentTyping = false;

  /** Who types, named in the line ("Ada is typing…"); empty says "Agent is typing…". */
  @property({attribute: false}) typingName = '';

  /** The visitor's newest message the agent has read ("Seen"), or null. */
  @property({attribute: false}) seenId: string | null = null;

  private timeFormat: Intl.DateTimeFormat | null = null;
  // Each render formats the time of every shown message again, the costliest part of a
  // message's render while older pages come in: the texts are kept, per format.
  private times = new Map<number, string>();
  private visibleMessages: readonly Message[] = [];
  // How often the markdown renderer arrived after messages showed as plain text.
  private rendererLoads = 0;
  private waitingNews: Message[] | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    const locale = getLocale();
    // Asked for with the first messages: a window mounts its list before the restored ones come.
    if (!datesReady()) {
      if (this.messages.length > 0) void whenDatesReady().then(() => this.requestUpdate());
    } else if (this.timeFormat?.resolvedOptions().locale !== locale) {
      this.timeFormat = new Intl.DateTimeFormat(locale, {hour: 'numeric', minute: '2-digit'});
      this.times = new Map();
    }
    if (changed.has('messages')) {
      this.visibleMessages = this.messages.filter(isVisibleMessage);
      const previous = changed.get('messages') as readonly Message[] | undefined;
      const news = arrivals(previous, this.messages);
      if (news.length > 0) this.announce(news);
      if (!this.autoScroll.pinned) {
        this.newsCount += news.filter((m) => m.author.role !== 'visitor').length;
      }
      const last = this.messages.at(-1);
      // The visitor's own new message always scrolls into view, even after reading back.
      if (last && last.author.role === 'visitor' && previous?.at(-1)?.id !== last.id) {
        this.autoScroll.pin();
      }
    }
    if (this.autoScroll.pinned) this.newsCount = 0;
  }

  /**
   * Adds news to the live region. News with markup waits for the markdown renderer, so that a
   * screen reader hears the text rather than its markers; later news waits behind it, in order.
   */
  private announce(news: readonly Message[]): void {
    if (this.waitingNews) {
      this.waitingNews.push(...news);
      return;
    }
    const marked = news.find((m) => m.type === undefined && plainTextNow(m.text) === null);
    if (!marked) {
      this.announced = [...this.announced, ...news].slice(-KEPT_ANNOUNCEMENTS);
      return;
    }
    this.waitingNews = [...news];
    void plainText(marked.text).then(() => {
      const waiting = this.waitingNews ?? [];
      this.waitingNews = null;
      this.announced = [...this.announced, ...waiting].slice(-KEPT_ANNOUNCEMENTS);
    });
  }

  private formatTime(ts: number): string {
    if (!Number.isFinite(ts) || !this.timeFormat) return '';
    let text = this.times.get(ts);
    if (text === undefined) this.times.set(ts, (text = this.timeFormat.format(ts)));
    return text;
  }

  private readonly handleRetry = (id: string): void => {
    emit(this, 'lc-retry-message', {id});
  };

  private readonly handleRendererLoaded = (): void => {
    this.rendererLoads++;
    this.requestUpdate();
  };

  /** Back to the newest messages; focus goes to the log, as the button leaves. */
  private readonly handleShowNew = async (): Promise<void> => {
    this.autoScroll.pin();
    this.newsCount = 0;
    await this.updateComplete;
    this.log?.focus();
  };

  /** A heading where a new day begins: a chat over several days says which day is which. */
  private dayHeading(ts: number, previous: number | undefined, now: number) {
    if (!startsDay(ts, previous, now)) return nothing;
    return html`<p class="day" part="day-heading">
      <time datetime=${isoDay(ts)}>${datesReady() ? dayLabel(ts, now, getLocale()) : ''}</time>
    </p>`;
  }

  /**
   * One message, drawn again only when something it shows changed (the message itself, its
   * time's format, the Seen mark, the language, the markdown renderer arriving): a log read
   * far back holds thousands, and each step back would otherwise draw them all again.
   */
  private message(m: Message, locale: string) {
    const time = this.formatTime(m.ts);
    const isSeen = m.id === this.seenId;
    return guard([m, time, isSeen, locale, this.rendererLoads], () =>
      renderMessage({
        message: m,
        time,
        onRetry: this.handleRetry,
        isSeen,
        onRendererLoaded: this.handleRendererLoaded,
      }),
    );
  }

  override render() {
    const locale = getLocale();
    const all = this.visibleMessages;
    const {start: first, end} = this.window.range(all);
    const shown = all.slice(first, end);
    const now = Date.now();
    // The log itself stays silent: as a live region it would read the visitor's own messages
    // back and again on every status change. The region after it says only what others wrote.
    return html`
      <div
        class="log"
        part="messages"
        role="log"
        aria-live="off"
        aria-label=${msg('Conversation', {
          id: 'message-list.label',
          desc: 'Accessible name of the list of messages.',
        })}
        tabindex="0"
      >
        ${
          this.window.loading
            ? html`<p class="system older">
                ${msg('Loading earlier messages…', {
                  id: 'message-list.loading-older',
                  desc: 'Shown at the top of the conversation while older messages load.',
                })}
              </p>`
            : ''
        }
        ${repeat(
          shown,
          (m) => m.id,
          (m, i) =>
            html`${this.dayHeading(m.ts, all[first + i - 1]?.ts, now)}${this.message(m, locale)}`,
        )}
      </div>
      ${
        this.newsCount > 0
          ? html`<button
              class="news button button-secondary"
              type="button"
              @click=${this.handleShowNew}
            >
              ${msg('New messages', {
                id: 'message-list.new-messages',
                desc: 'Button shown while the reader is scrolled up and new messages arrived below; scrolls down to them.',
              })}
              <span class="count">${new Intl.NumberFormat(locale).format(this.newsCount)}</span>
              <span aria-hidden="true">↓</span>
            </button>`
          : nothing
      }
      <div class="typing" role="status">
        ${
          !this.agentTyping
            ? ''
            : this.typingName
              ? msg(html`<bdi>${this.typingName}</bdi> is typing…`, {
                  id: 'message-list.typing-name',
                  desc: 'Shown while the agent types a reply. The value is the agent name.',
                })
              : msg('Agent is typing…', {
                  id: 'message-list.typing',
                  desc: 'Shown while the agent types a reply.',
                })
        }
      </div>
      <div class="visually-hidden announcer" aria-live="polite" aria-relevant="additions">
        ${repeat(
          this.announced,
          (m) => `${m.id} ${m.status}`,
          (m) => html`<p>${announcement(m)}</p>`,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-message-list': LcMessageList;
  }
}
