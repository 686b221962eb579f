import {isObject} from '../core/protocol/index.js';
import type {AgentApi} from './api.js';
import {AgentApiError} from './api.js';
import {SnapshotModel} from './snapshot-model.js';
import type {LoadStatus} from './types.js';

/** One of the agent's saved replies. */
export interface CannedReply {
  id: string;
  shortcut: string;
  text: string;
}

/** The saved replies and where the last change stands. */
export interface CannedSnapshot {
  replies: readonly CannedReply[];
  status: LoadStatus;
  /** Why the last save or delete failed, in words for the agent; '' when it did not. */
  error: string;
}

/** `GET canned-responses` → the replies (malformed ones drop). */
export function parseCanned(body: unknown): CannedReply[] {
  const list = isObject(body) && Array.isArray(body.cannedResponses) ? body.cannedResponses : [];
  return list.flatMap((c) =>
    isObject(c) &&
    typeof c._id === 'string' &&
    typeof c.shortcut === 'string' &&
    typeof c.text === 'string'
      ? [{id: c._id, shortcut: c.shortcut, text: c.text}]
      : [],
  );
}

/**
 * The replies a `/` word matches, best first: shortcuts starting with it, then shortcuts and
 * texts containing it (any case).
 */
export function matchReplies(replies: readonly CannedReply[], typed: string): CannedReply[] {
  const q = typed.toLocaleLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLocaleLowerCase().startsWith(q));
  const contains = replies.filter(
    (r) =>
      !starts.includes(r) &&
      (r.shortcut.toLocaleLowerCase().includes(q) || r.text.toLocaleLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

/** The agent's saved replies (Rocket.Chat's canned responses of scope `user`). */
export class CannedModel extends SnapshotModel<CannedSnapshot> {
  constructor(private readonly api: AgentApi) {
    super({replies: [], status: 'idle', error: ''});
  }

  /** Fetches the replies. */
  async load(): Promise<void> {
    if (this.current.status === 'idle') this.set({status: 'loading'});
    try {
      this.set({
        replies: parseCanned(await this.api.call('GET', 'canned-responses')),
        status: 'loaded',
      });
    } catch {
      this.set({status: 'failed'});
    }
  }

  /** Adds a reply, or changes reply `id`; true once stored. */
  async save(reply: {id?: string; shortcut: string; text: string}): Promise<boolean> {
    const body = {
      ...(reply.id ? {_id: reply.id} : {}),
      shortcut: reply.shortcut,
      text: reply.text,
      scope: 'user',
    };
    try {
      await this.api.call('POST', 'canned-responses', body);
    } catch (error) {
      const taken = error instanceof AgentApiError && error.message.includes('already exists');
      this.set({
        error: taken
          ? `You already have a reply with the shortcut /${reply.shortcut}.`
          : 'Could not save the reply. Try again.',
      });
      return false;
    }
    this.set({error: ''});
    await this.load();
    return true;
  }

  /** Deletes reply `id`. */
  async remove(id: string): Promise<void> {
    try {
      await this.api.call('DELETE', 'canned-responses', {_id: id});
      this.set({error: ''});
    } catch {
      this.set({error: 'Could not delete the reply. Try again.'});
    }
    await this.load();
  }
}
