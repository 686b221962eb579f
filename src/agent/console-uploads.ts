import {AgentApiError} from './api.js';
import type {AgentEventMap} from './emit.js';
import {IntentController} from './intent-controller.js';
import {draftOf, keepDraft} from './tab-memory.js';
import type {AgentSession} from './types.js';
import {sendFile, uploadErrorText} from './upload-api.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/** A file on its way to a chat. */
export interface AgentUpload {
  id: number;
  name: string;
  /** 0 to 1. */
  fraction: number;
  /** The text that goes with it, shown under it ('' for none). */
  caption: string;
}

/** The files on their way to one chat and why the last one was refused ('' if it was not). */
export interface RoomUploads {
  uploads: readonly AgentUpload[];
  error: string;
  /**
   * Counts the captions given back to the chat's stored reply (their file was refused or
   * cancelled): a reply box that sees it change reads its draft again.
   */
  returned?: number;
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
    const {rid, files, caption = ''} = event.detail;
    // Several files at once carry the caption once, under the first.
    files.forEach((file, i) => void this.send(rid, file, i === 0 ? caption : ''));
  };

  private handleCancel = (event: Intent<'lc-agent-upload-cancel'>): void => {
    event.stopPropagation();
    this.aborts.get(event.detail.id)?.abort();
  };

  private async send(rid: string, file: File, caption: string): Promise<void> {
    const target = this.target;
    if (!target) return;
    const id = this.nextId++;
    const abort = new AbortController();
    this.aborts.set(id, abort);
    this.update(rid, (room) => ({
      uploads: [...room.uploads, {id, name: file.name, fraction: 0, caption}],
      error: '',
    }));
    const progress = (sent: number, total: number) =>
      this.update(rid, (room) => ({
        ...room,
        uploads: room.uploads.map((u) => (u.id === id ? {...u, fraction: sent / total} : u)),
      }));
    let error = '';
    let isSent = false;
    try {
      await sendFile(target.baseUrl, target.session, rid, file, caption, progress, abort.signal);
      isSent = true;
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
    const isReturned = !isSent && caption !== '';
    if (isReturned) {
      // The agent's words are not lost with the file: back into the reply box, before the rest.
      const draft = draftOf(rid);
      keepDraft(rid, draft ? `${caption}\n${draft}` : caption);
      if (error) error += ' Its caption is back in the reply box.';
    }
    this.update(rid, (room) => ({
      uploads: room.uploads.filter((u) => u.id !== id),
      error: error || room.error,
      returned: (room.returned ?? 0) + (isReturned ? 1 : 0),
    }));
  }

  private update(rid: string, change: (room: RoomUploads) => RoomUploads): void {
    const next = new Map(this.snapshot);
    const room = change(next.get(rid) ?? {uploads: [], error: ''});
    if (room.uploads.length === 0 && !room.error && !room.returned) next.delete(rid);
    else next.set(rid, room);
    this.snapshot = next;
    this.host.requestUpdate();
  }
}
