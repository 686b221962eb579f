import {AgentApiError} from './api.js';
import type {AgentEventMap} from './emit.js';
import {IntentController} from './intent-controller.js';
import type {AgentSession} from './types.js';
import {sendFile, uploadErrorText} from './upload-api.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/** A file on its way to a chat. */
export interface AgentUpload {
  id: number;
  name: string;
  /** 0 to 1. */
  fraction: number;
}

/** The files on their way to one chat and why the last one was refused ('' if it was not). */
export interface RoomUploads {
  uploads: readonly AgentUpload[];
  error: string;
}

/**
 * The agent's file uploads, for `<lc-agent-app>`: sends the files of `lc-agent-upload` as the
 * agent's messages, reports their progress and refusals per chat, and stops one on
 * `lc-agent-upload-cancel`. A sent file comes back over the live stream like any reply.
 */
export class ConsoleUploads extends IntentController {
  /** Each chat's uploads; a new map at each change, so that views see it changed. */
  snapshot: ReadonlyMap<string, RoomUploads> = new Map();
  private target: {
    baseUrl: string;
    session: AgentSession;
    onUnauthorized: () => void;
  } | null = null;
  private readonly aborts = new Map<number, AbortController>();
  private nextId = 1;

  /**
   * Follows a new session (or none after logout): uploads of the old one stop. A refused
   * session calls `onUnauthorized`, so that the agent logs in again.
   */
  attach(baseUrl: string, session: AgentSession | null, onUnauthorized: () => void): void {
    for (const abort of this.aborts.values()) abort.abort();
    this.aborts.clear();
    this.target = session ? {baseUrl, session, onUnauthorized} : null;
    this.snapshot = new Map();
    this.host.requestUpdate();
  }

  protected release(): void {
    this.attach('', null, () => undefined);
  }

  protected listeners(): [string, EventListener][] {
    return [
      ['lc-agent-upload', this.handleUpload],
      ['lc-agent-upload-cancel', this.handleCancel],
    ] as [string, EventListener][];
  }

  private handleUpload = (event: Intent<'lc-agent-upload'>): void => {
    event.stopPropagation();
    for (const file of event.detail.files) void this.send(event.detail.rid, file);
  };

  private handleCancel = (event: Intent<'lc-agent-upload-cancel'>): void => {
    event.stopPropagation();
    this.aborts.get(event.detail.id)?.abort();
  };

  private async send(rid: string, file: File): Promise<void> {
    const target = this.target;
    if (!target) return;
    const id = this.nextId++;
    const abort = new AbortController();
    this.aborts.set(id, abort);
    this.update(rid, (room) => ({
      uploads: [...room.uploads, {id, name: file.name, fraction: 0}],
      error: '',
    }));
    const progress = (sent: number, total: number) =>
      this.update(rid, (room) => ({
        ...room,
        uploads: room.uploads.map((u) => (u.id === id ? {...u, fraction: sent / total} : u)),
      }));
    let error = '';
    try {
      await sendFile(target.baseUrl, target.session, rid, file, progress, abort.signal);
    } catch (reason) {
      if (reason instanceof AgentApiError && reason.isUnauthorized && this.target === target) {
        target.onUnauthorized();
        return;
      }
      if (!(reason instanceof DOMException && reason.name === 'AbortError')) {
        error = `${file.name}: ${uploadErrorText(reason)}`;
      }
    }
    if (this.target !== target) return;
    this.aborts.delete(id);
    this.update(rid, (room) => ({
      uploads: room.uploads.filter((u) => u.id !== id),
      error: error || room.error,
    }));
  }

  private update(rid: string, change: (room: RoomUploads) => RoomUploads): void {
    const next = new Map(this.snapshot);
    const room = change(next.get(rid) ?? {uploads: [], error: ''});
    if (room.uploads.length === 0 && !room.error) next.delete(rid);
    else next.set(rid, room);
    this.snapshot = next;
    this.host.requestUpdate();
  }
}
