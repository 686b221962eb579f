import type {ChatContext} from './chat-context.js';
import type {RcAttachment, RcMessage} from './protocol/index.js';
import type {Message} from './types.js';

/** A cached link this close to its expiry is asked for again when the chat catches up. */
export const LINK_REFRESH_MARGIN_MS = 60 * 60 * 1000;
// The newest stale files only: each costs one request, and Rocket.Chat limits the route.
const MAX_REFRESHES = 5;

type FileUpload = NonNullable<RcMessage['fileUpload']>;

const signedLink = (raw: RcMessage): FileUpload | null =>
  typeof raw.fileUpload?.publicFilePath === 'string' && raw.fileUpload.publicFilePath
    ? raw.fileUpload
    : null;

/**
 * `raw` without the links of its file (the attachments `toMessage()` would give the signed link):
 * shown by them, the file would be asked for once in vain (a 404, an error in the console).
 */
function withoutFileLinks(raw: RcMessage): RcMessage {
  const attachments = raw.attachments ?? [];
  const fileId = raw.file?._id;
  const isTheFile = (a: RcAttachment) => {
    const link = a.image_url ?? a.audio_url ?? a.video_url ?? a.title_link;
    return attachments.length === 1 || (!!fileId && !!link?.includes(`/${fileId}/`));
  };
  return {
    ...raw,
    attachments: attachments.map((a) => {
      if (!isTheFile(a)) return a;
      const {image_url: _i, audio_url: _a, video_url: _v, title_link: _t, ...rest} = a;
      return rest;
    }),
  };
}

/**
 * When the signed link `url` stops working (ms), from the `exp` of its `?token=` JWT, as both
 * Rocket.Chat and the reference server sign them; null for any other link.
 */
export function linkExpiresAt(url: string | undefined): number | null {
  try {
    const token = new URL(url ?? '').searchParams.get('token') ?? '';
    const payload = token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/');
    const exp: unknown = payload ? JSON.parse(atob(payload)).exp : undefined;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Gets file messages a link the visitor can open. A file is served to the visitor only with
 * Rocket.Chat's widget cookies (set in its own iframe on the server's origin, out of reach of
 * an in-page widget) or with the signed link of `fileUpload.publicFilePath`. History carries
 * that link; stream messages and upload answers do not, so for those the client asks
 * `GET livechat/message/:_id?token&rid` once, which both Rocket.Chat and the reference server
 * answer with `fileUpload` (`normalizeMessageFileUpload`). The token stays in that request.
 * Until that answer, the file shows without a link (its card); should it fail, with the bare
 * link after all. Cached links near their expiry are asked for again after a catch-up.
 */
export class FileLinks {
  readonly #known = new Map<string, FileUpload>();
  readonly #asked = new Set<string>();
  /** The newest copy of each file message shown without its links while they are asked for. */
  readonly #waiting = new Map<string, RcMessage>();
  /** Files whose signed link could not be had: they keep the bare one. */
  readonly #unsigned = new Set<string>();

  readonly #ctx: Pick<ChatContext, 'clock' | 'model' | 'rest' | 'state'>;
  readonly #ingest: (raws: RcMessage[]) => void;

  constructor(
    ctx: Pick<ChatContext, 'clock' | 'model' | 'rest' | 'state'>,
    ingest: (raws: RcMessage[]) => void,
  ) {
    this.#ctx = ctx;
    this.#ingest = ingest;
  }

  /**
   * `raws` with the signed link already known for their file, so that a later copy without
   * it (the upload's answer after the stream's) does not take the link away again.
   */
  complete(raws: readonly RcMessage[]): RcMessage[] {
    return raws.map((raw) => {
      const signed = signedLink(raw);
      if (signed) {
        this.#known.set(raw._id, signed);
        this.#waiting.delete(raw._id);
      }
      if (!raw.file || signed) return raw;
      const known = this.#known.get(raw._id);
      if (known) return {...raw, fileUpload: known};
      if (!this.#ctx.state.token || this.#unsigned.has(raw._id)) return raw;
      this.#waiting.set(raw._id, raw);
      return withoutFileLinks(raw);
    });
  }

  /** Asks once for the signed link of each file message in `raws` that came without one. */
  resolve(raws: readonly RcMessage[]): void {
    for (const raw of raws) {
      if (!raw.file || signedLink(raw) || this.#known.has(raw._id)) continue;
      if (this.#asked.has(raw._id)) continue;
      this.#asked.add(raw._id);
      void this.#fetch(raw._id, raw.rid);
    }
  }

  /**
   * Asks again for the newest cached files whose signed link has expired or soon will (a
   * transcript kept across days): the catch-up only brings messages newer than the cache.
   */
  refreshStale(messages: readonly Message[]): void {
    const soon = this.#ctx.clock.now() + LINK_REFRESH_MARGIN_MS;
    const isStale = (m: Message) =>
      m.status === 'sent' &&
      (m.attachments ?? []).some((a) => (linkExpiresAt(a.url) ?? Infinity) < soon);
    for (const message of messages.filter(isStale).slice(-MAX_REFRESHES)) {
      this.#known.delete(message.id);
      void this.#fetch(message.id, message.rid);
    }
  }

  async #fetch(id: string, rid: string): Promise<void> {
    const token = this.#ctx.state.token;
    if (!token) return;
    try {
      const full = await this.#ctx.rest.getMessage(id, token, rid);
      if (!this.#ctx.model.find(id)) this.#waiting.delete(id);
      else if (signedLink(full)) this.#ingest([full]);
      else this.#keepBare(id);
    } catch {
      // A rate limit, the network: history brings the signed link later.
      this.#keepBare(id);
    }
  }

  #keepBare(id: string): void {
    const raw = this.#waiting.get(id);
    this.#waiting.delete(id);
    this.#unsigned.add(id);
    if (raw && !this.#known.has(id) && this.#ctx.model.find(id)) this.#ingest([raw]);
  }
}
