import {LitElement, css, html} from 'lit';
import {property, state} from 'lit/decorators.js';
import {AgentApiError} from './api.js';
import {emit} from './emit.js';
import {deepActiveElement} from './focus.js';
import {shared} from './shared.styles.js';

/**
 * The agent's sign-in form.
 * @fires lc-agent-login - The agent submits the form. Detail: { username, password }.
 */
export class LcAgentLogin extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: 1rem;
        background: var(--_ag-bg);
      }
      main {
        width: min(100%, 22rem);
      }
      form {
        display: grid;
        gap: 1rem;
        background: var(--_ag-surface);
        border: 1px solid var(--_ag-border);
        border-radius: var(--_ag-radius);
        padding: 1.5rem;
      }
      h1 {
        margin: 0;
        font-size: 1.35rem;
      }
      p {
        margin: 0;
      }
    `,
  ];

  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Why the last attempt failed, shown under the form; empty when there is nothing to say. */
  @property() error = '';
  /** True while the login request is in flight. */
  @property({type: Boolean}) busy = false;
  /** Until when (ms) the server refuses more attempts; the form counts down to it. 0: none. */
  @property({type: Number}) retryAt = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('retryAt')) return;
    clearInterval(this.timer);
    this.now = Date.now();
    if (this.retryAt > this.now) {
      this.timer = setInterval(() => {
        this.now = Date.now();
        if (this.now >= this.retryAt) clearInterval(this.timer);
      }, 1000);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override firstUpdated(): void {
    // `autofocus` works once per page: after "Log out" the form came back with focus nowhere.
    const active = deepActiveElement();
    if (active && active !== document.body) return;
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  /** The error, or while locked out the wait that is left. */
  private get message(): string {
    if (this.retryAt === 0) return this.error;
    const seconds = Math.ceil((this.retryAt - this.now) / 1000);
    if (seconds <= 0) return 'You can try again now.';
    const wait =
      seconds < 60
        ? `${seconds} second${seconds === 1 ? '' : 's'}`
        : `${Math.ceil(seconds / 60)} min`;
    return `Too many failed attempts. Try again in ${wait}.`;
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    emit(this, 'lc-agent-login', {
      username: String(data.get('username') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    });
  }

  // The page's one task is this form: the username field takes the focus it would get next.
  /* eslint-disable lit-a11y/no-autofocus */
  override render() {
    return html`<main>
      <form @submit=${this.handleSubmit} aria-labelledby="title" aria-busy=${this.busy}>
        <h1 id="title">Agent console</h1>
        <div>
          <label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required autofocus />
        </div>
        <div>
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <p class="error" role="alert">${this.message}</p>
        <button class="primary" type="submit" ?disabled=${this.busy || this.retryAt > this.now}>
          Log in
        </button>
      </form>
    </main>`;
  }
  /* eslint-enable lit-a11y/no-autofocus */
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-login': LcAgentLogin;
  }
}

/** What the login form says when a login fails. */
export function loginErrorText(error: unknown): string {
  if (!(error instanceof AgentApiError)) return 'Could not reach the server. Try again.';
  if (error.isUnauthorized) return 'Wrong username or password.';
  const seconds = error.retryAfterSeconds;
  if (seconds !== undefined) {
    return `Too many failed attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  }
  return error.status === 0
    ? 'Could not reach the server. Try again.'
    : 'The server refused the login. Try again.';
}

/** Until when (ms) a refused login asks to wait before the next attempt; 0 when it does not. */
export function retryAtOf(error: unknown): number {
  const seconds = error instanceof AgentApiError ? error.retryAfterSeconds : undefined;
  return seconds === undefined ? 0 : Date.now() + seconds * 1000;
}
