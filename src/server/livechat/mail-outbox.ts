import type {Db} from '../db.js';
import {randomId} from '../ids.js';
import type {Mail, Mailer} from './mailer.js';

/** What a queued mail belongs to, so the console can show whether it went out. */
export type MailKind = 'transcript' | 'offline';

/** Delivery state of a mail as the console shows it. */
export type MailState = 'pending' | 'sent' | 'failed';

/** A mail's state, with the SMTP server's reason when it was refused for good. */
export interface MailStatus {
  state: MailState;
  error?: string;
}

/** Waits between attempts: `baseMs`, doubling, at most `maxMs`. */
export interface MailRetry {
  baseMs: number;
  maxMs: number;
}

/**
 * 5 s, 10 s, 20 s … up to 10 min between attempts, until the SMTP server takes the mail or
 * refuses it for good (see `isPermanent`).
 */
export const DEFAULT_MAIL_RETRY: MailRetry = {baseMs: 5_000, maxMs: 10 * 60_000};

interface OutboxRow {
  id: string;
  kind: MailKind;
  ref: string | null;
  mail: string;
  attempts: number;
}

/** Keeps a mail's reason short enough for a row and a console line. */
const ERROR_MAX = 500;

/**
 * Whether a failed send can never succeed as it is: the SMTP server refused the recipient or
 * the message with a 5xx reply (an unknown or invalid address, a message it will not take), or
 * nodemailer found no valid recipient. Anything else (4xx, refused or lost connections, TLS,
 * timeouts, authentication, a refused sender, which Settings can fix) is worth another try.
 */
export function isPermanent(error: unknown): boolean {
  const {code, command, responseCode} = (error ?? {}) as {
    code?: string;
    command?: string;
    responseCode?: number;
  };
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    return command === 'RCPT TO' || command === 'DATA';
  }
  return code === 'EENVELOPE' && responseCode === undefined;
}

/** The SMTP server's own words when it gave any, else the error's message. */
function reasonOf(error: unknown): string {
  const {response, message} = (error ?? {}) as {response?: unknown; message?: unknown};
  const text =
    typeof response === 'string' && response !== ''
      ? response
      : typeof message === 'string'
        ? message
        : String(error);
  return text.split('\n')[0]!.slice(0, ERROR_MAX);
}

/**
 * Mail kept in SQLite (`mail_outbox`) until the SMTP server (or the `.eml` folder) has it: a
 * mail survives an SMTP outage and a restart, and is retried with backoff; a mail refused for
 * good is marked failed with the server's reason and not tried again. `onSent` tells the
 * domain (a transcript request gets its `sentAt`).
 */
export class MailOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isStopped = false;

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly options: {
      retry?: Partial<MailRetry>;
      now?: () => number;
      onSent?: (kind: MailKind, ref: string | null) => void;
      onError?: (error: unknown) => void;
    } = {},
  ) {}

  private get retry(): MailRetry {
    return {...DEFAULT_MAIL_RETRY, ...this.options.retry};
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Stores a mail and tries it at once; the caller's request has succeeded either way. */
  enqueue(mail: Mail, kind: MailKind, ref: string | null): void {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO mail_outbox (id, kind, ref, mail, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(randomId(), kind, ref, JSON.stringify(mail), now, now);
    this.kick();
  }

  /** Mail not yet delivered (for `/healthz`). */
  pendingCount(): number {
    return this.db
      .prepare<[], {n: number}>(
        'SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL',
      )
      .get()!.n;
  }

  /**
   * The delivery state of the mail of `ref` (its latest, when several were queued), or `null`
   * when none was.
   */
  stateOf(kind: MailKind, ref: string): MailStatus | null {
    const row = this.db
      .prepare<
        [string, string],
        {
          sent_at: number | null;
          failed_at: number | null;
          last_error: string | null;
        }
      >(
        `SELECT sent_at, failed_at, last_error FROM mail_outbox WHERE kind = ? AND ref = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(kind, ref);
    if (!row) return null;
    if (row.sent_at !== null) return {state: 'sent'};
    if (row.failed_at !== null) return {state: 'failed', error: row.last_error ?? ''};
    return {state: 'pending'};
  }

  /** Starts delivering (mail left pending by an earlier run included). */
  start(): void {
    this.isStopped = false;
    this.kick();
  }

  /** Stops the retries; resolves once an attempt under way has ended. */
  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs a delivery pass now unless one is under way (it then picks the new mail up). */
  private kick(): void {
    if (this.isStopped || !this.db.open) return;
    if (this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.flush()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  private async flush(): Promise<void> {
    const due = this.db.prepare<[number], OutboxRow>(
      `SELECT id, kind, ref, mail, attempts FROM mail_outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
       ORDER BY created_at LIMIT 20`,
    );
    for (
      let rows = due.all(this.now());
      rows.length > 0 && !this.isStopped;
      rows = due.all(this.now())
    ) {
      for (const row of rows) {
        if (this.isStopped) return;
        await this.attempt(row);
      }
    }
  }

  private async attempt(row: OutboxRow): Promise<void> {
    try {
      await this.mailer.send(JSON.parse(row.mail) as Mail);
    } catch (error) {
      const {baseMs, maxMs} = this.retry;
      const wait = Math.min(maxMs, baseMs * 2 ** Math.min(row.attempts, 20));
      const failedAt = isPermanent(error) ? this.now() : null;
      this.db
        .prepare(
          `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
         failed_at = ? WHERE id = ?`,
        )
        .run(this.now() + wait, reasonOf(error), failedAt, row.id);
      this.options.onError?.(error);
      return;
    }
    this.db
      .prepare('UPDATE mail_outbox SET attempts = attempts + 1, sent_at = ? WHERE id = ?')
      .run(this.now(), row.id);
    this.options.onSent?.(row.kind, row.ref);
  }

  /** Wakes up for the earliest retry still waiting. */
  private schedule(): void {
    if (this.isStopped || !this.db.open) return;
    const next = this.db
      .prepare<[], {at: number | null}>(
        `SELECT MIN(next_attempt_at) AS at FROM mail_outbox
       WHERE sent_at IS NULL AND failed_at IS NULL`,
      )
      .get()!.at;
    if (next === null) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.kick();
      },
      Math.max(0, next - this.now()),
    );
    this.timer.unref();
  }
}
