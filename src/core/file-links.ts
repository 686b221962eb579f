import type {ChatContext} from './chat-context.js';
import type {RcMessage} from './protocol/index.js';

type FileUpload = NonNullable<RcMessage['fileUpload']>;

const signedLink = (raw: RcMessage): FileUpload | null =>
  typeof raw.fileUpload?.publicFilePath === 'string' && raw.fileUpload.publicFilePath
    ? raw.fileUpload
    : null;

/**
 * Gets file messages a link the visitor can open. A file is served to the visitor only with
 * Rocket.Chat's widget cookies (set in its own iframe on the server's origin, out of reach of
 * an in-page widget) or with the signed link of `fileUpload.publicFilePath`. History carries
 * that link; stream messages and upload answers do not, so for those the client asks
 * `GET livechat/message/:_id?token&rid` once, which both Rocket.Chat and the reference server
 * answer with `fileUpload` (`normalizeMessageFileUpload`). The token stays in that request.
 */
export class FileLinks {
  private readonly known = new Map<string, FileUpload>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly ingest: (raws: RcMessage[]) => void,
  ) {}

  /**
   * `raws` with the signed link already known for their file, so that a later copy without
   * it (the upload's answer after the stream's) does not take the link away again.
   */
  complete(raws: readonly RcMessage[]): RcMessage[] {
    return raws.map((raw) => {
      const signed = signedLink(raw);
      if (signed) this.known.set(raw._id, signed);
      const known = raw.file && !signed ? this.known.get(raw._id) : undefined;
      return known ? {...raw, fileUpload: known} : raw;
    });
  }

  /** Asks once for the signed link of each file message in `raws` that came without one. */
  resolve(raws: readonly RcMessage[]): void {
    for (const raw of raws) {
      if (!raw.file || signedLink(raw) || this.known.has(raw._id)) continue;
      if (this.asked.has(raw._id)) continue;
      this.asked.add(raw._id);
      void this.fetch(raw);
    }
  }

  private async fetch(raw: RcMessage): Promise<void> {
    const token = this.ctx.token();
    if (!token) return;
    try {
      const full = await this.ctx.rest.getMessage(raw._id, token, raw.rid);
      if (!signedLink(full) || !this.ctx.model.find(raw._id)) return;
      this.ingest([full]);
    } catch {
      // The bare link stays (rate limit, network); history brings the signed one later.
    }
  }
}
