import {html} from 'lit';
import type {ConsoleController} from './console-controller.js';
import type {AgentEventMap} from './emit.js';
import {IntentController} from './intent-controller.js';
import {sectionFromHash} from './sections.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/**
 * The History section and the transfer dialog, for `<lc-agent-app>`: handles their intents,
 * re-renders the app when their models change and renders both. Holds no state of its own
 * beyond the session's `ConsoleController`.
 */
export class ConsoleExtras extends IntentController {
  private controller: ConsoleController | null = null;
  private unsubscribe: (() => void) | null = null;

  /** Follows a new session's models (or none after logout). */
  attach(controller: ConsoleController | null): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.controller = controller;
    if (!controller) return;
    const update = () => this.host.requestUpdate();
    const offHistory = controller.history.subscribe(update);
    const offTransfer = controller.transfer.subscribe(update);
    this.unsubscribe = () => {
      offHistory();
      offTransfer();
    };
    // A reload of the page on #history shows the list without a hash change.
    if (sectionFromHash(location.hash) === 'history') void controller.history.reload();
  }

  /** The History section was opened: it lists what is closed now. */
  showHistory(): void {
    void this.controller?.history.reload();
  }

  /** The History section. */
  renderHistory() {
    return html`<lc-agent-history .state=${this.controller?.history.snapshot ?? null}>
    </lc-agent-history>`;
  }

  /** The transfer dialog (closed unless a chat is being transferred). */
  renderTransfer() {
    const state = this.controller?.transfer.snapshot ?? null;
    const rooms = this.controller?.store.snapshot.rooms ?? [];
    const visitorName = rooms.find((room) => room.rid === state?.rid)?.visitorName ?? '';
    return html`<lc-agent-transfer-dialog .state=${state} .visitorName=${visitorName}>
    </lc-agent-transfer-dialog>`;
  }

  protected release(): void {
    this.attach(null);
  }

  protected listeners(): [string, EventListener][] {
    return [
      ['lc-agent-history-search', this.handleSearch],
      ['lc-agent-history-more', this.handleMore],
      ['lc-agent-history-open', this.handleOpen],
      ['lc-agent-transfer-open', this.handleTransferOpen],
      ['lc-agent-transfer', this.handleTransfer],
      ['lc-agent-transfer-cancel', this.handleTransferCancel],
    ] as [string, EventListener][];
  }

  private handleSearch = (event: Intent<'lc-agent-history-search'>): void => {
    event.stopPropagation();
    this.controller?.history.search(event.detail.query);
  };

  private handleMore = (event: Intent<'lc-agent-history-more'>): void => {
    event.stopPropagation();
    void this.controller?.history.loadMore();
  };

  private handleOpen = (event: Intent<'lc-agent-history-open'>): void => {
    event.stopPropagation();
    void this.controller?.history.open(event.detail.rid);
  };

  private handleTransferOpen = (event: Intent<'lc-agent-transfer-open'>): void => {
    event.stopPropagation();
    void this.controller?.transfer.open(event.detail.rid);
  };

  private handleTransfer = (event: Intent<'lc-agent-transfer'>): void => {
    event.stopPropagation();
    const {rid, userId, departmentId, comment} = event.detail;
    void this.controller?.forward(rid, userId ? {userId} : {departmentId}, comment);
  };

  private handleTransferCancel = (event: Intent<'lc-agent-transfer-cancel'>): void => {
    event.stopPropagation();
    this.controller?.transfer.cancel();
  };
}
