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
  private readonly transport: Transporter;
  private readonly toFolder: boolean;
  /** Why the latest send failed; cleared by the next one that succeeds. */
  private lastError: string | null = null;

  constructor(private readonly options: {
    smtpUrl: string;
    from: string;
    outboxDir: string;
    onError?: (error: unknown) => void;
  }) {
    this.toFolder = options.smtpUrl === '';
    this.transport = this.toFolder
      ? nodemailer.createTransport({streamTransport: true, buffer: true, newline: 'unix'})
      : nodemailer.createTransport(options.smtpUrl);
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
    const info = await this.transport.sendMail({from: this.options.from, ...mail});
    if (!this.toFolder) return null;
    await mkdir(this.options.outboxDir, {recursive: true});
    const file = join(this.options.outboxDir, `${Date.now()}-${randomId()}.eml`);
    // Written aside, then renamed: whoever watches the folder never reads a half-written mail.
    await writeFile(`${file}.part`, (info as unknown as {message: Buffer}).message);
    await rename(`${file}.part`, file);
    return file;
  }

  /** Sends in the background: the visitor's request has succeeded once it is stored. */
  sendLater(mail: Mail): void {
    this.send(mail).catch((error: unknown) => this.options.onError?.(error));
  }
}
