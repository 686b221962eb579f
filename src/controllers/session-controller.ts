import type {ReactiveController} from 'lit';
import type {LcEventDetails, LcSaveViewDetail} from '../events/events.js';
import {listenIntent} from './intents.js';
import {listen, type Listener} from './listeners.js';
import type {WidgetHost} from './widget-host.js';

type Receiver = (view: LcSaveViewDetail) => void;

/**
 * The page side of "never lose a conversation" (docs/reliability.md):
 *
 * - gives a restored session's view back: the composer and the log get their draft and the
 *   message being read (`lc-request-view`; `<live-chat>` itself reopens the window on
 *   `lc-restored`);
 * - keeps what the views report (`lc-save-view`) with the session;
 * - reconnects at once when the network returns, the tab becomes visible or the page comes
 *   back from the back/forward cache or from being frozen, and lets go of the live link when
 *   the page enters that cache (an open socket keeps some browsers from caching the page at
 *   all) or is frozen (a frozen tab that holds the site's shared link hands it over at once).
 */
export class SessionController implements ReactiveController {
  private restoredView: LcSaveViewDetail = {};
  private readonly receivers = new Set<Receiver>();
  private hasIntents = false;

  constructor(private readonly host: WidgetHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.hasIntents) {
      this.hasIntents = true;
      const root = this.host.intentRoot;
      listenIntent(root, 'lc-save-view', (view) => this.handleSave(view));
      listenIntent(root, 'lc-request-view', ({receive}) => {
        this.receivers.add(receive);
        receive(this.restoredView);
      });
    }
    listen(true, this.listeners);
  }

  hostDisconnected(): void {
    listen(false, this.listeners);
  }

  private get listeners(): Listener[] {
    return [
      [this.host.shell, 'lc-restored', this.handleRestored],
      [window, 'online', this.handleWake],
      [window, 'offline', this.handleOffline],
      [window, 'pageshow', this.handlePageShow],
      [window, 'pagehide', this.handlePageHide],
      [document, 'visibilitychange', this.handleVisibility],
      [document, 'freeze', this.handleFreeze],
      [document, 'resume', this.handleWake],
    ];
  }

  private handleSave(view: LcSaveViewDetail): void {
    // Once the visitor changed it, an older restored value must not come back.
    const rest = {...this.restoredView};
    for (const key of Object.keys(view) as (keyof LcSaveViewDetail)[]) delete rest[key];
    this.restoredView = rest;
    this.host.client?.saveView(view);
  }

  private readonly handleRestored = (event: Event): void => {
    const {view} = (event as CustomEvent<LcEventDetails['lc-restored']>).detail;
    // The log comes back to the message being read; a pixel scrollTop alone (an older record)
    // is no place to come back to: it leaves the log at the newest messages.
    this.restoredView = {draft: view.draft, reading: view.reading ?? null};
    for (const receive of this.receivers) receive(this.restoredView);
  };

  private readonly handleWake = (): void => {
    this.host.client?.reconnectNow();
  };

  // A socket may stay open through a lost network and only its heartbeat would tell, 35 s on;
  // a ping now finds it dead within one timeout, and the other tabs take its messages sooner.
  private readonly handleOffline = (): void => {
    const client = this.host.client;
    if (client?.connection === 'connected') client.reconnectNow();
  };

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'visible') this.handleWake();
    // Hidden may be the last moment a mobile browser gives: note the time of last activity.
    else this.host.client?.saveView({});
  };

  private readonly handlePageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.handleWake();
  };

  private readonly handleFreeze = (): void => {
    this.host.client?.saveView({});
    this.host.client?.disconnect();
  };

  private readonly handlePageHide = (event: PageTransitionEvent): void => {
    this.host.client?.saveView({});
    if (event.persisted) this.host.client?.disconnect();
  };
}
