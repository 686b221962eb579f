import {html, nothing} from 'lit';
import type {AgentApi} from './api.js';
import {Attention} from './attention.js';
import type {LcAgentCannedDialog} from './canned-dialog.js';
import {CannedModel} from './canned-model.js';
import type {ConsoleController} from './console-controller.js';
import type {AgentEventMap} from './emit.js';
import {isTyping} from './focus.js';
import {IntentController} from './intent-controller.js';
import './panel-events.js';
import {SECTIONS} from './sections.js';
import type {LcAgentShortcutsDialog} from './shortcuts-dialog.js';
import {VisitorPanelModel} from './visitor-panel-model.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/** The loudspeaker of the "Sound" switch: its box, its cone and one sound wave. */
const SPEAKER_PATH = 'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z';

/**
 * The console's working aids, for `<lc-agent-app>`: the visitor panel and the saved replies
 * (their models and intents), attention to new chats, messages and waiting visitors (sound,
 * title, desktop notifications while the tab is hidden) and the keyboard shortcuts with their dialog.
 */
export class ConsoleTools extends IntentController {
  /** The visitor panel of the open chat, while a session runs. */
  panel: VisitorPanelModel | null = null;
  /** The agent's saved replies, while a session runs. */
  canned: CannedModel | null = null;
  /** The latest news from outside the open chat, for screen readers. */
  private announcement = '';
  private controller: ConsoleController | null = null;
  private attention: Attention | null = null;
  private unsubscribe: (() => void) | null = null;

  override hostConnected(): void {
    super.hostConnected();
    document.addEventListener('keydown', this.handleKeydown);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    document.removeEventListener('keydown', this.handleKeydown);
  }

  /** Follows a new session (or none after logout). */
  attach(controller: ConsoleController | null, api: AgentApi | null, baseUrl: string): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.attention?.dispose();
    this.attention = null;
    this.controller = controller;
    this.announcement = '';
    this.panel = api ? new VisitorPanelModel(api) : null;
    this.canned = api ? new CannedModel(api) : null;
    if (!controller || !this.panel || !this.canned) return;
    const attention = new Attention({
      baseUrl,
      openChat: (rid) => this.openChat(rid),
      openQueue: () => (location.hash = '#queue'),
      announce: (text) => {
        this.announcement = text;
        this.host.requestUpdate();
      },
      onChange: () => this.host.requestUpdate(),
    });
    this.attention = attention;
    const update = () => this.host.requestUpdate();
    const panel = this.panel;
    // Another chat: its visitor. A new message in the same chat: the pages they went to since.
    let shown = {rid: null as string | null, lastTs: 0};
    const offStore = controller.store.subscribe((snapshot) => {
      attention.observe(snapshot);
      const rid = snapshot.selected?.rid ?? null;
      const lastTs = snapshot.selected?.lastTs ?? 0;
      if (rid === shown.rid && lastTs === shown.lastTs) return;
      shown = {rid, lastTs};
      void panel.show(rid);
    });
    attention.observeQueue(controller.inbox.snapshot);
    const offQueue = controller.inbox.subscribe((inbox) => attention.observeQueue(inbox));
    const offPanel = panel.subscribe(update);
    const offCanned = this.canned.subscribe(update);
    this.unsubscribe = () => {
      offStore();
      offQueue();
      offPanel();
      offCanned();
    };
    void this.canned.load();
  }

  /** The top bar's "Sound" switch. */
  renderSound() {
    const attention = this.attention;
    return html`
      <button
        type="button"
        class="switch"
        role="switch"
        aria-checked=${String(attention?.isSoundOn ?? true)}
        @click=${() => attention?.setSound(!attention.isSoundOn)}
      >
        <span class="dot" aria-hidden="true"></span
        ><svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden="true">
          <path d=${SPEAKER_PATH} /></svg
        ><span class="sound-label">Sound</span>
      </button>
    `;
  }

  /** The top bar's less-used tools: saved replies, shortcuts, notifications. */
  renderButtons() {
    const attention = this.attention;
    return html`
      <button type="button" @click=${() => this.dialog('lc-agent-canned-dialog')?.show()}>
        Saved replies
      </button>
      <button type="button" @click=${() => this.dialog('lc-agent-shortcuts-dialog')?.show()}>
        Keyboard shortcuts
      </button>
      ${
        attention?.canAsk
          ? html`<button type="button" @click=${() => void attention.askPermission()}>
              Turn on notifications
            </button>`
          : nothing
      }
      ${attention?.isBlocked ? html`<span>Notifications are blocked</span>` : nothing}
    `;
  }

  /** The dialogs (closed until opened), and the live region of news from other chats. */
  renderDialogs() {
    return html`
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      <lc-agent-canned-dialog .state=${this.canned?.snapshot ?? null}></lc-agent-canned-dialog>
      <lc-agent-shortcuts-dialog></lc-agent-shortcuts-dialog>
    `;
  }

  private dialog<K extends 'lc-agent-canned-dialog' | 'lc-agent-shortcuts-dialog'>(tag: K) {
    return this.host.renderRoot.querySelector(tag) as
      (K extends 'lc-agent-canned-dialog' ? LcAgentCannedDialog : LcAgentShortcutsDialog) | null;
  }

  private openChat(rid: string): void {
    location.hash = '#chats';
    void this.controller?.select(rid);
  }

  protected release(): void {
    this.attach(null, null, '');
  }

  protected listeners(): [string, EventListener][] {
    return [
      ['lc-agent-notes-input', this.handleNotesInput],
      ['lc-agent-notes-save', this.handleNotesSave],
      ['lc-agent-canned-save', this.handleCannedSave],
      ['lc-agent-canned-delete', this.handleCannedDelete],
    ] as [string, EventListener][];
  }

  private handleNotesInput = (event: Intent<'lc-agent-notes-input'>): void => {
    event.stopPropagation();
    this.panel?.editNotes(event.detail.text);
  };

  private handleNotesSave = (event: Intent<'lc-agent-notes-save'>): void => {
    event.stopPropagation();
    void this.panel?.saveNotes();
  };

  private handleCannedSave = async (event: Intent<'lc-agent-canned-save'>): Promise<void> => {
    event.stopPropagation();
    if (await this.canned?.save(event.detail)) this.dialog('lc-agent-canned-dialog')?.saved();
  };

  private handleCannedDelete = (event: Intent<'lc-agent-canned-delete'>): void => {
    event.stopPropagation();
    void this.canned?.remove(event.detail.id);
  };

  /**
   * Alt+↑/↓ previous/next chat, with Shift the previous/next one with unread messages, Alt+1…5
   * sections, `?` this list outside text fields.
   */
  private handleKeydown = (event: KeyboardEvent): void => {
    if (!this.controller || event.defaultPrevented) return;
    // Under a modal dialog the page behind stays as it is: a chat switched there would no
    // longer be the one the dialog (a transfer) acts on.
    if (event.composedPath().some((node) => node instanceof HTMLDialogElement && node.open)) {
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      const section = digit ? SECTIONS[Number(digit) - 1] : undefined;
      if (section) {
        event.preventDefault();
        location.hash = `#${section.id}`;
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        const step = event.key === 'ArrowUp' ? -1 : 1;
        if (event.shiftKey) this.moveToUnread(step);
        else this.moveChat(step);
      }
      return;
    }
    if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTyping()) {
      event.preventDefault();
      void this.dialog('lc-agent-shortcuts-dialog')?.show();
    }
  };

  /** Opens the next chat (or previous: -1) with unread messages, around the end of the list. */
  private moveToUnread(step: number): void {
    const {rooms, selected} = this.controller!.store.snapshot;
    const found = rooms.findIndex((r) => r.rid === selected?.rid);
    // With no chat open the search starts before the first one (or after the last).
    const at = found >= 0 ? found : step > 0 ? -1 : rooms.length;
    for (let i = 1; i <= rooms.length; i++) {
      const room = rooms[(((at + step * i) % rooms.length) + rooms.length) % rooms.length];
      if (room.unread > 0) return this.openChat(room.rid);
    }
    this.announcement = 'No unread chats';
    this.host.requestUpdate();
  }

  private moveChat(step: number): void {
    const {rooms, selected} = this.controller!.store.snapshot;
    if (rooms.length === 0) return;
    const at = rooms.findIndex((r) => r.rid === selected?.rid);
    const next =
      at < 0
        ? step > 0
          ? 0
          : rooms.length - 1
        : Math.min(rooms.length - 1, Math.max(0, at + step));
    this.openChat(rooms[next].rid);
  }
}
