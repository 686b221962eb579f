import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ChatSnapshot, LiveChatClient, RateInput} from '../core/index.js';
import {
  FormStatus,
  IDLE_FORM,
  IDLE_FORMS,
  type FormError,
  type FormState,
  type FormStates,
} from '../components/forms/form-status.js';
import {ignore, listenIntent} from './intents.js';

type FormName = keyof FormStates;

/** What the controller needs from the window's host (`lc-app`). */
export interface FormsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly client: LiveChatClient | null;
  readonly guestName?: string;
  readonly guestEmail?: string;
  /** The `<live-chat>` element, where `lc-chat-started` fires. */
  readonly shell: HTMLElement;
}

const SENDING: FormState = Object.freeze({status: FormStatus.SENDING});
const SENT: FormState = Object.freeze({status: FormStatus.SENT});

/**
 * Turns a client rejection into what a form shows: the field it is about when the error names
 * one (an email the server refused, a missing name or message), else a form-wide code.
 */
export function toFormError(error: unknown, fields: readonly string[]): FormError {
  const {code = 'server', message = '', serverError = ''} = (error ?? {}) as {
    code?: string;
    message?: string;
    serverError?: string;
  };
  const text = `${serverError} ${message}`.toLowerCase();
  const isInput = code === 'invalid-input' || code === 'server' || code === 'too-large';
  if (!isInput) return {code};
  if (fields.includes('email') && text.includes('email')) return {code: 'email', field: 'email'};
  if (fields.includes('message') && text.includes('message')) {
    return {code: code === 'too-large' ? 'too-large' : 'required', field: 'message'};
  }
  if (fields.includes('name') && text.includes('name')) return {code: 'required', field: 'name'};
  return {code};
}

const FIELDS: Record<FormName, readonly string[]> = {
  register: ['name', 'email'],
  offline: ['name', 'email', 'message'],
  transcript: ['email'],
  rating: [],
};

/**
 * Runs the widget's forms: handles their intents (`lc-register`, `lc-leave-message`,
 * `lc-rate`, `lc-request-transcript`, `lc-set-department`) with the element's client, and
 * keeps where each submission stands (sending, failed with which error, sent) for the views.
 */
export class FormsController implements ReactiveController {
  private ui: FormStates = IDLE_FORMS;
  private cached: {key: string; ui: FormStates; states: FormStates} | null = null;
  private isListening = false;

  constructor(private readonly host: FormsHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.isListening) return;
    this.isListening = true;
    const root = this.host.renderRoot;
    listenIntent(root, 'lc-register', (detail) => {
      void this.submit('register', (client) => client.register(detail));
    });
    listenIntent(root, 'lc-leave-message', (detail) => {
      void this.submit('offline', (client) => client.leaveMessage(detail));
    });
    listenIntent(root, 'lc-rate', ({answers, comment}) => {
      const input: RateInput = {...answers, ...(comment ? {comment} : {})};
      void this.submit('rating', (client) => client.rate(input));
    });
    listenIntent(root, 'lc-request-transcript', ({email}) => {
      void this.submit('transcript', (client) => client.requestTranscript(email));
    });
    listenIntent(root, 'lc-set-department', ({department}) => {
      this.host.client?.setDepartment(department).catch(ignore);
    });
    this.host.shell.addEventListener('lc-chat-started', () => this.handleChatStarted());
  }

  /** Each form's submission, with what the client already knows was sent. */
  states(snapshot: ChatSnapshot | null): FormStates {
    const offline = snapshot?.offlineMessageSent === true;
    const transcript = snapshot?.transcriptSent === true;
    const rating = snapshot?.surveySent === true;
    const key = `${offline}${transcript}${rating}`;
    // The same object while nothing changed: forms react to a new submission object.
    if (this.cached?.key === key && this.cached.ui === this.ui) return this.cached.states;
    const states: FormStates = {
      register: this.ui.register,
      offline: offline ? SENT : this.ui.offline,
      transcript: transcript ? SENT : this.ui.transcript,
      rating: rating ? SENT : this.ui.rating,
    };
    this.cached = {key, ui: this.ui, states};
    return states;
  }

  private set(name: FormName, state: FormState): void {
    this.ui = {...this.ui, [name]: state};
    this.host.requestUpdate();
  }

  private async submit(name: FormName, run: (client: LiveChatClient) => Promise<unknown>) {
    const client = this.host.client;
    if (!client) return this.set(name, {status: FormStatus.FAILED, error: {code: 'network'}});
    this.set(name, SENDING);
    try {
      await run(client);
      this.set(name, name === 'register' ? IDLE_FORM : SENT);
    } catch (error) {
      this.set(name, {status: FormStatus.FAILED, error: toFormError(error, FIELDS[name])});
    }
  }

  private handleChatStarted(): void {
    this.ui = {...this.ui, transcript: IDLE_FORM, rating: IDLE_FORM};
    this.host.requestUpdate();
    // Without a form the page's guest-name / guest-email still name the visitor.
    const client = this.host.client;
    const visitor = client?.visitor;
    const {guestName, guestEmail} = this.host;
    const name = guestName && !visitor?.name ? guestName : undefined;
    const email = guestEmail && !visitor?.email ? guestEmail : undefined;
    if (client && (name || email)) client.updateVisitor({name, email}).catch(ignore);
  }
}
