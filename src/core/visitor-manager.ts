import {toVisitorInfo, type ChatDeps} from './chat-context.js';
import {newVisitorToken} from './ids.js';
import type {SessionSync} from './session-sync.js';
import type {RegisterInput, VisitorInfo} from './types.js';

/**
 * Owns the visitor token (minted on first need, never in the constructor) and creates or
 * updates the visitor with `POST livechat/visitor`, one request at a time.
 */
export class VisitorManager {
  /** The visitor's token: `null` until the visitor interacts or a session is restored. */
  token: string | null = null;
  private pending: Promise<VisitorInfo> | null = null;

  constructor(
    private readonly deps: ChatDeps,
    private readonly sync: SessionSync,
  ) {}

  /** Registers (or updates) the visitor now; the state shows `registering` meanwhile. */
  async register(input: RegisterInput): Promise<VisitorInfo> {
    const {model} = this.deps;
    const before = model.snapshot.state;
    const isIdle = before === 'idle' || before === 'offline';
    if (isIdle) model.patch({state: 'registering'});
    try {
      return await this.save(input);
    } finally {
      if (isIdle && model.snapshot.state === 'registering') model.patch({state: before});
    }
  }

  /** The known visitor, or a new one created with a fresh token. */
  ensure(): Promise<VisitorInfo> {
    const known = this.deps.model.snapshot.visitor;
    if (known?.id && this.token) return Promise.resolve(known);
    this.pending ??= this.save({}).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async save(input: RegisterInput): Promise<VisitorInfo> {
    const {rest, model, department} = this.deps;
    this.sync.enable();
    this.token ??= newVisitorToken();
    const customFields = Object.entries(input.customFields ?? {}).map(([key, value]) => ({
      key,
      value,
      overwrite: true,
    }));
    const known = model.snapshot.visitor;
    const raw = await rest.visitor({
      token: this.token,
      name: input.name ?? known?.name,
      email: input.email ?? known?.email,
      department: input.department ?? known?.department ?? department,
      customFields: customFields.length > 0 ? customFields : undefined,
    });
    const visitor = toVisitorInfo(raw, this.token);
    model.patch({visitor});
    await this.sync.save();
    return visitor;
  }
}
