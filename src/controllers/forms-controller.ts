import type {ReactiveController} from 'lit';
import type {ChatSnapshot, LiveChatClient, RateInput, RcConfig} from '../core/index.js';
import {
  FormStatus,
  IDLE_FORM,
  IDLE_FORMS,
  type FormError,
  type FormErrorCode,
  type FormState,
  type FormStates,
} from '../components/forms/form-status.js';
import {
  registrationCustomFields,
  registrationDepartments,
} from '../components/forms/registration-form.js';
import {ignore, listenIntent} from './intents.js';
import type {WidgetHost} from './widget-host.js';

type FormName = keyof FormStates;

const SENDING: FormState = Object.freeze({status: FormStatus.SENDING});
const SENT: FormState = Object.freeze({status: FormStatus.SENT});

const TOO_LONG = /too[ -]?(long|large)|exceed|more than \d+ characters/i;
const MISSING = /missing|required|empty/i;
// The reference server mails a transcript only to the address the visitor gave before.
const NOT_OWN_EMAIL = /own email/i;

/** How a field the server refused is marked: the form error code shown under it. */
function fieldCode(field: string, code: string, text: string): FormErrorCode {
  if (code === 'too-large' || TOO_LONG.test(text)) return 'too-large';
  if (field === 'email') return NOT_OWN_EMAIL.test(text) ? 'own-email' : 'email';
  if (field === 'name' || field === 'message' || MISSING.test(text)) return 'required';
  return field === 'department' ? 'invalid' : 'pattern';
}

/** The field a message speaks of, for servers that name none (the words of its text). */
function guessField(text: string, fields: readonly string[]): string | undefined {
  return ['email', 'message', 'name'].find((f) => fields.includes(f) && text.includes(f));
}

/**
 * Turns a client rejection into what a form shows: the field it is about (the one the server
 * named on the error, else one its text mentions) when the form has it, else a form-wide code.
 * `aliases` maps other names the server may use (a custom field's label) to the form's.
 */
export function toFormError(
  error: unknown,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormError {
  const {
    code = 'server',
    message = '',
    serverError = '',
    field: named,
  } = (error ?? {}) as {
    code?: string;
    message?: string;
    serverError?: string;
    field?: string;
  };
  const text = `${serverError} ${message}`.toLowerCase();
  const isInput = code === 'invalid-input' || code === 'server' || code === 'too-large';
  if (!isInput) return {code};
  const known = named === undefined ? undefined : (aliases[named] ?? named);
  const field = known && fields.includes(known) ? known : guessField(text, fields);
  return field ? {code: fieldCode(field, code, text), field} : {code};
}

const FIXED_FIELDS: Record<FormName, readonly string[]> = {
  register: [],
  offline: ['name', 'email', 'message'],
  transcript: ['email'],
  rating: [],
};

/** The fields a form shows for this config, and the labels its custom fields go by. */
function formFields(name: FormName, config: RcConfig | null) {
  const fields = [...FIXED_FIELDS[name]];
  const aliases: Record<string, string> = {};
  const settings = config?.settings;
  if (name === 'offline' && config?.departments?.some((d) => d.showOnOfflineForm)) {
    fields.push('department');
  }
  if (name === 'register') {
    if (settings?.nameFieldRegistrationForm) fields.push('name');
    if (settings?.emailFieldRegistrationForm) fields.push('email');
    if (registrationDepartments(config).length > 0) fields.push('department');
    for (const field of registrationCustomFields(config)) {
      fields.push(field._id);
      aliases[field.label] = field._id;
    }
  }
  return {fields, aliases};
}

/**
 * Runs the widget's forms: handles their intents (`lc-register`, `lc-leave-message`,
 * `lc-rate`, `lc-request-transcript`, `lc-set-department`) with the element's client, and
 * keeps where each submission stands (sending, failed with which error, sent) for the views.
 */
export class FormsController implements ReactiveController {
  private ui: FormStates = IDLE_FORMS;
  private cached: {key: string; ui: FormStates; states: FormStates} | null = null;
  private isListening = false;

  constructor(private readonly host: WidgetHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.isListening) return;
    this.isListening = true;
    const root = this.host.intentRoot;
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
      const {fields, aliases} = formFields(name, client.config);
      this.set(name, {status: FormStatus.FAILED, error: toFormError(error, fields, aliases)});
    }
  }

  private handleChatStarted(): void {
    this.ui = {...this.ui, transcript: IDLE_FORM, rating: IDLE_FORM};
    this.host.requestUpdate();
    // Without a form the page's guest-name / guest-email still name the visitor.
    const client = this.host.client;
    const visitor = client?.visitor;
    const {guestName, guestEmail} = this.host.shell;
    const name = guestName && !visitor?.name ? guestName : undefined;
    const email = guestEmail && !visitor?.email ? guestEmail : undefined;
    if (client && (name || email)) client.updateVisitor({name, email}).catch(ignore);
  }
}
