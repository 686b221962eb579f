import {mkdir, rename, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import nodemailer, {type Transporter} from 'nodemailer';
import {randomId} from '../ids.js';

/** One e-mail the server sends (a transcript, an offline message). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
}

/**
 * Sends mail through SMTP when `smtpUrl` is set; otherwise writes each message as an `.eml`
 * file into `outboxDir`, so the demo and the tests can read what would have been sent.
 */
export class Mailer {
  private transport: Transporter | null = null;
  /** The SMTP URL `transport` was made for: a new URL saved in Settings gets a new one. */
  private transportUrl = '';
  /** Why the latest send failed; cleared by the next one that succeeds. */
  private lastError: string | null = null;

  constructor(
    private readonly options: {
      /** A value, or a getter so that a change in the Settings screen applies to the next mail. */
      smtpUrl: string | (() => string);
      from: string | (() => string);
      outboxDir: string;
      onError?: (error: unknown) => void;
    },
  ) {}

  private get smtpUrl(): string {
    const {smtpUrl} = this.options;
    return typeof smtpUrl === 'function' ? smtpUrl() : smtpUrl;
  }

  private get toFolder(): boolean {
    return this.smtpUrl === '';
  }

  private currentTransport(): Transporter {
    const url = this.smtpUrl;
    if (!this.transport || this.transportUrl !== url) {
      this.transport?.close();
      this.transport =
        url === ''
          ? nodemailer.createTransport({streamTransport: true, buffer: true, newline: 'unix'})
          : // Bounded waits: a server that accepts and then stalls must not hold the queue forever.
            nodemailer.createTransport({
              url,
              connectionTimeout: 15_000,
              greetingTimeout: 15_000,
              socketTimeout: 30_000,
            } as Parameters<typeof nodemailer.createTransport>[0]);
      this.transportUrl = url;
    }
    return this.transport;
  }

  /** Sends one mail; resolves with the `.eml` path when written to the outbox folder. */
  async send(mail: Mail): Promise<string | null> {
    try {
      const file = await this.deliver(mail);
      this.lastError = null;
      return file;
    } catch (error) {
      this.lastError = (error as Error).message ?? String(error);
      throw error;
    }
  }

  /**
   * For `/healthz`: `file` when mail goes to the outbox folder, else `ok`, or `error: …` with
   * the reason while the latest send has failed.
   */
  status(): string {
    if (this.lastError !== null) return `error: ${this.lastError.split('\n')[0]}`;
    return this.toFolder ? 'file' : 'ok';
  }

  private async deliver(mail: Mail): Promise<string | null> {
    const toFolder = this.toFolder;
    const {from} = this.options;
    const sender = typeof from === 'function' ? from() : from;
    const info = await this.currentTransport().sendMail({from: sender, ...mail});
    if (!toFolder) return null;
    await mkdir(this.options.outboxDir, {recursive: true});
    const file = join(this.options.outboxDir, `${Date.now()}-${randomId()}.eml`);
    // Written aside, then renamed: whoever watches the folder never reads a half-written mail.
    await writeFile(`${file}.part`, (info as unknown as {message: Buffer}).message);
    await rename(`${file}.part`, file);
    return file;
  }

  /** Lets go of the SMTP connection pool (server shutdown). */
  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
