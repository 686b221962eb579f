import {LitElement, html} from 'lit';
import {property, state} from 'lit/decorators.js';
import {styles} from './agent-app.styles.js';
import {AgentApi, AgentApiError, loginAgent} from './api.js';
import {ConsoleAdmin} from './console-admin.js';
import {ConsoleController} from './console-controller.js';
import {ConsoleExtras} from './console-extras.js';
import {ConsoleInbox} from './console-inbox.js';
import {ConsoleTools} from './console-tools.js';
import {ConsoleUploads} from './console-uploads.js';
import type {AgentEventMap} from './emit.js';
import {focusSection} from './focus.js';
import type {SectionId} from './sections.js';
import {loginErrorText, retryAtOf} from './login-form.js';
import {renderSectionNav, sectionFromHash, sectionLabel} from './sections.js';
import {renderBanner, renderTopBar} from './render-top-bar.js';
import {clearSession, loadSession, saveSession, watchSession} from './session.js';
import {shared, tokens} from './shared.styles.js';
import type {AgentSession, ConsoleSnapshot, InboxSnapshot} from './types.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/**
 * The agent console: the login screen, then a shell with a sidebar of sections. Owns the
 * session and the `ConsoleController`; every view below only renders and sends intents up.
 */
export class LcAgentApp extends LitElement {
  static override styles = [tokens, shared, styles];

  private readonly extras = new ConsoleExtras(this);
  private readonly tools = new ConsoleTools(this);
  private readonly admin = new ConsoleAdmin(this);
  private readonly uploads = new ConsoleUploads(this);
  private readonly inboxIntents = new ConsoleInbox(this, (notice) => (this.notice = notice));

  @state() private session: AgentSession | null = null;
  @state() private snapshot: ConsoleSnapshot | null = null;
  @state() private loginError = '';
  @state() private isLoggingIn = false;
  @state() private loginRetryAt = 0;
  @state() private notice = '';
  @state() private section: SectionId = sectionFromHash(location.hash);
  @state() private inbox: InboxSnapshot | null = null;
  @state() private avatarVersion = 0;
  @state() private avatarStatus: 'idle' | 'sending' | 'failed' = 'idle';
  private controller: ConsoleController | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopWatch: (() => void) | null = null;

  /** The reference server's base URL; defaults to the page's own origin. */
  @property() server = '';

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.renderRoot as unknown as HTMLElement;
    root.addEventListener('lc-agent-login', this.handleLogin);
    const relay = <K extends keyof AgentEventMap>(name: K, act: (d: AgentEventMap[K]) => void) =>
      root.addEventListener(name, (event) => {
        event.stopPropagation();
        act((event as Intent<K>).detail);
      });
    relay('lc-agent-select-room', ({rid}) => void this.controller?.select(rid));
    relay('lc-agent-send', ({rid, text}) => void this.controller?.send(rid, text));
    relay('lc-agent-retry', ({rid, id}) => void this.controller?.retry(rid, id));
    relay('lc-agent-typing', ({rid, isTyping}) => this.controller?.setTyping(rid, isTyping));
    root.addEventListener('lc-agent-close-room', this.handleCloseRoom);
    root.addEventListener('lc-agent-set-avatar', this.handleSetAvatar);
    addEventListener('hashchange', this.handleHashChange);
    this.stopWatch = watchSession(this.handleSessionElsewhere);
    const session = loadSession();
    if (session && !this.controller) void this.begin(session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.handleHashChange);
    this.stopWatch?.();
    this.stop();
  }

  private get baseUrl(): string {
    return (this.server || location.origin).replace(/\/+$/, '');
  }

  private async begin(session: AgentSession): Promise<void> {
    this.stop();
    const onUnauthorized = () => this.endSession('Your session has ended. Please log in again.');
    const onNotice = (text: string) => (this.notice = text);
    const options = {baseUrl: this.baseUrl, session, onUnauthorized, onNotice};
    const controller = new ConsoleController(options);
    this.controller = controller;
    controller.store.showChat(this.section === 'chats');
    this.extras.attach(controller);
    this.inboxIntents.attach(controller);
    this.tools.attach(controller, new AgentApi(this.baseUrl, session), this.baseUrl);
    this.admin.attach(this.baseUrl, session);
    this.uploads.attach(this.baseUrl, session, onUnauthorized);
    this.session = session;
    this.snapshot = controller.store.snapshot;
    this.inbox = controller.inbox.snapshot;
    const offStore = controller.store.subscribe((s) => (this.snapshot = s));
    const offInbox = controller.inbox.subscribe((s) => (this.inbox = s));
    this.unsubscribe = () => [offStore, offInbox].forEach((off) => off());
    this.notice = 'Loading chats…';
    try {
      await controller.start();
      if (this.controller === controller) this.notice = '';
    } catch (error) {
      if (this.controller !== controller) return;
      // A refused session logs out; the server holding calls back has said so in the banner.
      if (error instanceof AgentApiError && (error.isUnauthorized || error.limitText)) return;
      this.notice = 'Could not load chats. Check the connection and reload the page.';
    }
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.controller?.dispose();
    this.controller = null;
    this.extras.attach(null);
    this.inboxIntents.attach(null);
    this.tools.attach(null, null, '');
    this.uploads.attach('', null, () => undefined);
  }

  private endSession(reason: string): void {
    this.stop();
    clearSession();
    this.session = null;
    this.snapshot = null;
    this.inbox = null;
    this.notice = '';
    this.loginError = reason;
  }

  /** Another tab logged in (this agent again, or someone else) or out. */
  private handleSessionElsewhere = (session: AgentSession | null): void => {
    if (!session) {
      if (this.session) this.endSession('You logged out in another tab.');
    } else if (session.authToken !== this.session?.authToken) {
      this.loginError = '';
      void this.begin(session);
    }
  };

  private handleLogin = async (event: Intent<'lc-agent-login'>): Promise<void> => {
    event.stopPropagation();
    const {username, password} = event.detail;
    this.isLoggingIn = true;
    this.loginError = '';
    try {
      const session = await loginAgent(this.baseUrl, username, password);
      saveSession(session);
      const started = this.begin(session);
      void this.updateComplete.then(() => focusSection(this.renderRoot));
      await started;
    } catch (error) {
      this.loginRetryAt = retryAtOf(error);
      this.loginError = loginErrorText(error);
    } finally {
      this.isLoggingIn = false;
    }
  };

  private handleHashChange = (): void => {
    this.section = sectionFromHash(location.hash);
    this.controller?.store.showChat(this.section === 'chats');
    void this.updateComplete.then(() => focusSection(this.renderRoot));
    this.inboxIntents.show(this.section);
    if (this.section === 'history') this.extras.showHistory();
  };

  private handleSetAvatar = (event: Intent<'lc-agent-set-avatar'>): void => {
    event.stopPropagation();
    this.avatarStatus = 'sending';
    this.controller?.setAvatar(event.detail.file).then(
      () => {
        this.avatarStatus = 'idle';
        this.avatarVersion++;
      },
      () => (this.avatarStatus = 'failed'),
    );
  };

  /** Says `failure` if `work` fails; once it succeeds, an earlier failure is old news. */
  private attempt(work: Promise<void> | undefined, failure: string): void {
    work?.then(
      () => (this.notice = ''),
      () => (this.notice = failure),
    );
  }

  private handleCloseRoom = (event: Intent<'lc-agent-close-room'>): void => {
    event.stopPropagation();
    const {rid, comment, tags} = event.detail;
    this.attempt(
      this.controller?.close(rid, comment, tags),
      'Could not close the chat. Try again.',
    );
  };

  private handleAvailabilityClick(): void {
    const isAvailable = !(this.snapshot?.isAvailable ?? true);
    this.attempt(this.controller?.setAvailable(isAvailable), 'Could not change your availability.');
  }

  private handleLogoutClick(): void {
    void this.controller?.logout();
    this.endSession('');
  }

  private renderSection() {
    switch (this.section) {
      case 'chats':
        return html`<lc-agent-chats
          .snapshot=${this.snapshot}
          .panel=${this.tools.panel?.snapshot ?? null}
          .replies=${this.tools.canned?.snapshot.replies ?? []}
          .uploads=${this.uploads.snapshot}
        ></lc-agent-chats>`;
      case 'queue':
        return html`<lc-agent-queue
          .entries=${this.inbox?.queue ?? []}
          status=${this.inbox?.queueStatus ?? 'idle'}
        ></lc-agent-queue>`;
      case 'offline':
        return html`<lc-agent-offline
          .messages=${this.inbox?.offline ?? []}
          .unread=${this.inbox?.offlineUnread ?? 0}
          .total=${this.inbox?.offlineTotal ?? 0}
          .departments=${this.inbox?.departments ?? []}
          status=${this.inbox?.offlineStatus ?? 'idle'}
        ></lc-agent-offline>`;
      case 'history':
        return this.extras.renderHistory();
      case 'settings':
        return this.admin.render();
      default: {
        const unknown: never = this.section;
        return unknown;
      }
    }
  }

  private renderShell(session: AgentSession) {
    const snapshot = this.snapshot;
    const isAvailable = snapshot?.isAvailable ?? true;
    const unread = snapshot?.totalUnread ?? 0;
    return html`
      <div class="shell">
        ${renderTopBar({
          isAvailable,
          name: session.me.name || session.me.username,
          avatarSrc: `${this.baseUrl}/avatar/${encodeURIComponent(session.me.username)}?v=${
            this.avatarVersion
          }`,
          avatarStatus: this.avatarStatus,
          sound: this.tools.renderSound(),
          tools: this.tools.renderButtons(),
          onChangePicture: () => this.renderRoot.querySelector('lc-agent-avatar')?.choose(),
          onAvailability: () => this.handleAvailabilityClick(),
          onLogout: () => this.handleLogoutClick(),
        })}
        ${renderBanner(this.notice, this.snapshot)}
        ${renderSectionNav(
          this.section,
          {
            chats: unread,
            queue: this.inbox?.queue.length ?? 0,
            offline: this.inbox?.offlineUnread ?? 0,
          },
          this.admin.isAdmin,
        )}
        <main aria-label=${sectionLabel(this.section)}>${this.renderSection()}</main>
        ${this.extras.renderTransfer()} ${this.tools.renderDialogs()}
      </div>
    `;
  }

  override render() {
    if (this.session) return this.renderShell(this.session);
    return html`<lc-agent-login
      .error=${this.loginError}
      ?busy=${this.isLoggingIn}
      .retryAt=${this.loginRetryAt}
    >
    </lc-agent-login>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-app': LcAgentApp;
  }
}
