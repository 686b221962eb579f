import {toVisitorInfo, type ChatDeps} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import {newVisitorToken} from './ids.js';
import {isResting, restingState} from './session-state.js';
import type {SessionSync} from './session-sync.js';
import {sendCustomFields} from './transport/livechat-api.js';
import type {VisitorInput} from './transport/rest.js';
import type {RegisterInput, VisitorUpdate} from './client-inputs.js';
import type {VisitorInfo} from './types.js';

const clean = (value: string | undefined) => value?.trim() || undefined;

/**
 * Mints the visitor token (on first need, never in the constructor) into the chat's state, and
 * creates or updates the visitor with `POST livechat/visitor`, then stores custom fields with
 * `POST livechat/custom.fields`, as Rocket.Chat's widget does; one request at a time.
 */
export class VisitorManager {
  #pending: Promise<VisitorInfo> | null = null;
  #chain: Promise<unknown> = Promise.resolve();

  readonly #deps: Pick<ChatDeps, 'rest' | 'model' | 'state' | 'department'>;
  readonly #sync: SessionSync;

  constructor(deps: Pick<ChatDeps, 'rest' | 'model' | 'state' | 'department'>, sync: SessionSync) {
    this.#deps = deps;
    this.#sync = sync;
  }

  /** Registers (or updates) the visitor now; leaves `registering` once the server has it. */
  register(input: RegisterInput): Promise<VisitorInfo> {
    return this.#save(input);
  }

  /** Updates fields of the visitor (creating it first if needed). */
  update(input: VisitorUpdate): Promise<VisitorInfo> {
    return this.#save(input);
  }

  /** The known visitor, or a new one created with a fresh token. */
  ensure(): Promise<VisitorInfo> {
    const known = this.#deps.model.snapshot.visitor;
    if (known?.id && this.#deps.state.token) return Promise.resolve(known);
    this.#pending ??= this.#save({}).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /**
   * The visitor's open room (`GET livechat/room`). A visitor the server no longer knows (the
   * reference server deletes visitors who never wrote once a day idle) registers again, with the
   * same token and fields, through `ensure`, and asks once more.
   */
  async room(visitor: VisitorInfo, ensure: () => Promise<VisitorInfo>) {
    const {rest, model} = this.#deps;
    try {
      return await rest.room(visitor.token);
    } catch (error) {
      if (toLiveChatError(error).code !== 'invalid-token' || !visitor.id) throw error;
      model.patch({visitor: {...visitor, id: undefined}});
      return rest.room((await ensure()).token);
    }
  }

  #save(input: VisitorUpdate): Promise<VisitorInfo> {
    // One after the other: two racing first saves would otherwise mint two visitors.
    const run = this.#chain.then(() => this.#send(input));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #send(input: VisitorUpdate): Promise<VisitorInfo> {
    const {rest, model, department, state} = this.#deps;
    this.#sync.enable();
    state.token ??= newVisitorToken();
    const token = state.token;
    const known = model.snapshot.visitor;
    const body: VisitorInput = {
      token,
      name: clean(input.name) ?? known?.name,
      email: clean(input.email) ?? known?.email,
      department: clean(input.department) ?? known?.department ?? department,
    };
    const phone = clean(input.phone);
    if (phone) body.phone = phone;
    Object.assign(body, browserLocale());
    const raw = await rest.visitor(body);
    const customFields = Object.entries(input.customFields ?? {}).map(([key, value]) => ({
      key,
      value: String(value),
      overwrite: true,
    }));
    // Registered only once every answer is stored: a refused custom field keeps the form up,
    // so the visitor can correct it where the server pointed.
    if (customFields.length > 0) await sendCustomFields(rest, token, customFields);
    const visitor = toVisitorInfo(raw, token);
    const snapshot = model.snapshot;
    const isIdle = isResting(snapshot.state);
    model.patch({visitor, state: isIdle ? restingState({...snapshot, visitor}) : snapshot.state});
    await this.#sync.save();
    return visitor;
  }
}

/** The browser's language and time zone, as its `Intl` defaults report them. */
function browserLocale(): {language?: string; timezone?: string} {
  const {locale, timeZone} = Intl.DateTimeFormat().resolvedOptions();
  return {...(locale ? {language: locale} : {}), ...(timeZone ? {timezone: timeZone} : {})};
}
