import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {LiveChatClient, LiveChatErrorCode} from '../core/index.js';

/** One file on its way: `fraction` of it sent so far (0…1). */
export interface UploadEntry {
  id: string;
  name: string;
  fraction: number;
}

/** A file that was not sent, and why (`maxSize`: the server's limit in bytes, when known). */
export interface UploadError {
  id: string;
  name: string;
  code: LiveChatErrorCode;
  maxSize?: number;
}

/** What the views show of the visitor's files: uploads in flight and refused files. */
export interface UploadsView {
  uploads: readonly UploadEntry[];
  errors: readonly UploadError[];
}

/** No upload and no error. */
export const NO_UPLOADS: UploadsView = {uploads: [], errors: []};

/** What the controller needs from its host: the client that uploads. */
export interface UploadsHost extends ReactiveControllerHost {
  readonly client: LiveChatClient | null;
}

/**
 * The visitor's uploads as the window shows them: each file goes to `client.sendFile()` with
 * its own AbortController (Cancel upload) and progress; a refused file (by the config's
 * checks or by the server) becomes an error to show, and a cancelled one just goes away.
 * This is view state: the transcript's file message itself lives in the client.
 */
export class UploadsController implements ReactiveController {
  /** The current uploads and errors, a new object after each change. */
  view: UploadsView = NO_UPLOADS;

  private readonly aborts = new Map<string, AbortController>();
  private count = 0;

  constructor(private readonly host: UploadsHost) {
    host.addController(this);
  }

  /** Uploads start on demand and outlive a re-attached element: nothing to set up. */
  hostConnected(): void {}

  /** Sends `file`; earlier errors go, since the visitor has moved on. */
  send(file: File): void {
    const client = this.host.client;
    if (!client) return;
    const id = `upload-${++this.count}`;
    const name = file.name || 'file';
    const abort = new AbortController();
    this.aborts.set(id, abort);
    this.set({uploads: [...this.view.uploads, {id, name, fraction: 0}], errors: []});
    const onProgress = (fraction: number) => {
      const uploads = this.view.uploads.map((u) => (u.id === id ? {...u, fraction} : u));
      this.set({...this.view, uploads});
    };
    client.sendFile(file, {onProgress, signal: abort.signal}).then(
      () => this.settle(id),
      (error: unknown) => this.settle(id, {id, name, code: codeOf(error), maxSize: this.maxSize()}),
    );
  }

  /** Stops the upload `id`; the client drops its file message. */
  cancel(id: string): void {
    this.aborts.get(id)?.abort();
  }

  /**
   * The visitor retries a message of the log: the alerts say what they no longer mean (a
   * failed file's message says "Please try again" while it is being tried again).
   */
  retried(): void {
    if (this.view.errors.length > 0) this.set({...this.view, errors: []});
  }

  /** Takes the error `id` away. */
  dismiss(id: string): void {
    this.set({...this.view, errors: this.view.errors.filter((e) => e.id !== id)});
  }

  private settle(id: string, error?: UploadError): void {
    this.aborts.delete(id);
    const uploads = this.view.uploads.filter((u) => u.id !== id);
    const isShown = error !== undefined && error.code !== 'aborted';
    this.set({uploads, errors: isShown ? [...this.view.errors, error] : this.view.errors});
  }

  private maxSize(): number | undefined {
    const max = this.host.client?.getSnapshot().config?.settings?.fileUploadMaxFileSize;
    return typeof max === 'number' && max > 0 ? max : undefined;
  }

  private set(view: UploadsView): void {
    this.view = view;
    this.host.requestUpdate();
  }
}

function codeOf(error: unknown): LiveChatErrorCode {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? (code as LiveChatErrorCode) : 'server';
}
