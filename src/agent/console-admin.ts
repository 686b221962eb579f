import {html} from 'lit';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {AdminAgent, AdminSettings} from './admin-api.js';
import {AdminApi} from './admin-api.js';
import {AgentApiError} from './api.js';
import {deepActiveElement} from './focus.js';
import {sectionFromHash} from './sections.js';
import type {AgentSession} from './types.js';

type Host = ReactiveControllerHost & HTMLElement & {renderRoot: HTMLElement | DocumentFragment};

/** The outcome of one form of the Settings screen, shown in its status line. */
export interface FormState {
  busy: boolean;
  /** `Saved.` after success, the reason after a failure; empty before. */
  message: string;
  isError: boolean;
  /** The field the server's refusal is about, so the form marks it. */
  field?: string;
}

/** What the Settings screen renders. */
export interface AdminState {
  status: 'loading' | 'loaded' | 'failed';
  settings: AdminSettings | null;
  agents: readonly AdminAgent[];
  /**
   * By form: `widget`, `mail`, `hours`, `files`, `departments`, `add-agent`, `agents` (removals),
   * `agent:<username>` (its password).
   */
  forms: Readonly<Record<string, FormState>>;
  /** The username of the admin looking (their own account has no "Remove": the server refuses). */
  self?: string;
}

/** What the Settings screen asks for (`lc-agent-admin` events). */
export type AdminIntent =
  | {action: 'save-settings'; form: string; values: Partial<AdminSettings>}
  | {action: 'add-agent'; username: string; name: string; password: string; admin: boolean}
  | {action: 'remove-agent'; username: string}
  | {action: 'reset-password'; username: string; password: string};

declare global {
  interface HTMLElementEventMap {
    'lc-agent-admin': CustomEvent<AdminIntent>;
  }
}

/** The server's reason without Rocket.Chat's ` [error-code]` suffix. */
const reason = (error: unknown): string => {
  if (!(error instanceof AgentApiError)) return 'Could not save. Try again.';
  if (error.status === 0) return 'Could not reach the server. Try again.';
  if (error.status === 403) return 'Only administrators can change settings.';
  return error.message.replace(/\s*\[[\w-]+\]$/, '');
};

/**
 * The Settings section for `<lc-agent-app>`: knows whether the agent is an admin (the link is
 * shown only then), loads the settings and accounts when the section opens, runs the forms'
 * saves and renders `<lc-agent-settings>`.
 */
export class ConsoleAdmin implements ReactiveController {
  /** True once `GET me` named the `admin` role. */
  isAdmin = false;
  /** False until `GET me` answered: an admin's reload of Settings is not told it is not theirs. */
  private isRoleKnown = false;
  private api: AdminApi | null = null;
  private state: AdminState = {status: 'loading', settings: null, agents: [], forms: {}};

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.renderRoot.addEventListener('lc-agent-admin', this.handleIntent as EventListener);
    addEventListener('hashchange', this.handleHashChange);
  }

  hostDisconnected(): void {
    this.host.renderRoot.removeEventListener('lc-agent-admin', this.handleIntent as EventListener);
    removeEventListener('hashchange', this.handleHashChange);
    this.attach('', null);
  }

  // Opening the section shows what the server has now.
  private handleHashChange = (): void => {
    if (sectionFromHash(location.hash) === 'settings') void this.load();
  };

  /** Follows a new session (or none after logout). */
  attach(baseUrl: string, session: AgentSession | null): void {
    this.isAdmin = false;
    this.isRoleKnown = false;
    const self = session?.me.username;
    this.state = {status: 'loading', settings: null, agents: [], forms: {}, self};
    const api = session ? new AdminApi(baseUrl, session) : null;
    this.api = api;
    if (!api) return;
    api.isAdmin().then(
      (isAdmin) => {
        if (this.api !== api) return;
        this.isAdmin = isAdmin;
        this.isRoleKnown = true;
        this.host.requestUpdate();
        if (isAdmin && sectionFromHash(location.hash) === 'settings') void this.load();
      },
      () => {
        if (this.api !== api) return;
        this.isRoleKnown = true;
        this.host.requestUpdate();
      },
    );
  }

  /** The section was opened: show what the server has now. */
  async load(): Promise<void> {
    const api = this.api;
    if (!api || !this.isAdmin) return;
    this.set({status: this.state.settings ? 'loaded' : 'loading'});
    try {
      const [settings, agents] = await Promise.all([api.settings(), api.agents()]);
      if (this.api === api) this.set({status: 'loaded', settings, agents});
    } catch {
      if (this.api === api) this.set({status: 'failed'});
    }
  }

  /** The Settings section. */
  render() {
    if (this.isAdmin) return html`<lc-agent-settings .state=${this.state}></lc-agent-settings>`;
    return html`<p class="section-note" role="status">
      ${this.isRoleKnown ? 'Only administrators can change settings.' : 'Loading settings…'}
    </p>`;
  }

  private set(patch: Partial<AdminState>): void {
    this.state = {...this.state, ...patch};
    this.host.requestUpdate();
  }

  private setForm(form: string, value: FormState): void {
    this.set({forms: {...this.state.forms, [form]: value}});
  }

  /** An agent or a department removed took the focus with its row: it goes to the list's heading. */
  private async keepFocus(headingId: string): Promise<void> {
    await this.host.updateComplete;
    const view = this.host.renderRoot.querySelector('lc-agent-settings');
    await view?.updateComplete;
    const active = deepActiveElement();
    if (active && active !== document.body) return;
    view?.shadowRoot?.getElementById(headingId)?.focus();
  }

  /**
   * Departments are saved as one list, built from the one on screen: a change another admin
   * made since it loaded would be undone. Then the newest list is shown, and nothing is saved.
   */
  private async departmentsMoved(api: AdminApi): Promise<boolean> {
    const fresh = await api.settings();
    const shown = this.state.settings?.departments;
    if (JSON.stringify(fresh.departments) === JSON.stringify(shown)) return false;
    this.set({settings: fresh});
    return true;
  }

  private handleIntent = (event: CustomEvent<AdminIntent>): void => {
    event.stopPropagation();
    void this.run(event.detail);
  };

  private async run(intent: AdminIntent): Promise<void> {
    const api = this.api;
    if (!api) return;
    const form =
      intent.action === 'save-settings'
        ? intent.form
        : intent.action === 'add-agent'
          ? 'add-agent'
          : intent.action === 'remove-agent'
            ? 'agents'
            : `agent:${intent.username}`;
    // Its button stays focusable while saving (a disabled one drops the keyboard focus onto the
    // page), so a second submit arrives here and is let go.
    if (this.state.forms[form]?.busy) return;
    this.setForm(form, {busy: true, message: 'Saving…', isError: false});
    try {
      let done = 'Saved.';
      if (intent.action === 'save-settings') {
        if (intent.form === 'departments' && (await this.departmentsMoved(api))) {
          const moved =
            'Another administrator changed the departments meanwhile. They show as saved now: make your change again.';
          this.setForm(form, {busy: false, message: moved, isError: true});
          return;
        }
        this.set({settings: await api.saveSettings(intent.values)});
      } else {
        if (intent.action === 'add-agent') {
          const {action: _action, ...agent} = intent;
          await api.addAgent(agent);
          done = `Added ${agent.username}. They can log in now.`;
        } else if (intent.action === 'remove-agent') {
          await api.removeAgent(intent.username);
          done = `Removed ${intent.username}.`;
        } else {
          await api.setPassword(intent.username, intent.password);
          done =
            intent.username === this.state.self
              ? 'New password set; your other sessions have ended.'
              : `New password set for ${intent.username}; their sessions have ended.`;
        }
        this.set({agents: await api.agents()});
      }
      this.setForm(form, {busy: false, message: done, isError: false});
      if (form === 'agents' || form === 'departments') void this.keepFocus(`${form}-title`);
    } catch (error) {
      const field = error instanceof AgentApiError ? error.field : undefined;
      this.setForm(form, {busy: false, message: reason(error), isError: true, field});
    }
  }
}
