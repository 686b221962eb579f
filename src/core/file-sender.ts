import {visitorAuthor, type ChatContext} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import {newMessageId} from './ids.js';
import {IdbFileStash, type FileStash} from './file-stash.js';
import type {RcConfig, RcMessage, RcRoom} from './protocol/index.js';
import {assertNotEnded} from './message-sender.js';
import type {RoomFeed} from './room-feed.js';
import {abortedError, fetchUploader, uploadFile, xhrUploader} from './transport/upload.js';
import type {Uploader} from './transport/upload.js';
import type {SendFileOptions} from './client-inputs.js';
import {LiveChatError, type Message} from './types.js';

/** What sending files needs: the chat, REST and its uploader, the store's namespace. */
export type FileSenderDeps = Pick<
  ChatContext,
  | 'model'
  | 'state'
  | 'clock'
  | 'rest'
  | 'uploader'
  | 'emitter'
  | 'sync'
  | 'server'
  | 'siteId'
  | 'sharesTabs'
>;

interface PendingFile {
  file: Blob;
  name: string;
  options: SendFileOptions;
}

function mediaTypeAllowed(type: string, whitelist: string): boolean {
  const patterns = whitelist
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (patterns.length === 0) return true;
  const actual = type.toLowerCase();
  return patterns.some(
    (p) => p === '*/*' || (p.endsWith('/*') ? actual.startsWith(p.slice(0, -1)) : actual === p),
  );
}

/**
 * Checks a file against the config before any upload: uploads on, not empty, within
 * `settings.fileUploadMaxFileSize` (bytes) and `settings.fileUploadMediaTypeWhiteList`
 * (Rocket.Chat's comma list, `image/*` allowed) when the server sends them.
 */
export function checkFile(file: unknown, config: RcConfig | null): asserts file is Blob {
  if (!(file instanceof Blob)) throw new LiveChatError('invalid-file', 'That is not a file');
  const settings = config?.settings;
  if (settings?.fileUpload === false) {
    throw new LiveChatError('invalid-file', 'File uploads are switched off');
  }
  if (file.size === 0) throw new LiveChatError('invalid-file', 'The file is empty');
  const max = settings?.fileUploadMaxFileSize;
  if (typeof max === 'number' && max > 0 && file.size > max) {
    throw new LiveChatError('too-large', `Files are limited to ${max} bytes`);
  }
  const whitelist = settings?.fileUploadMediaTypeWhiteList;
  if (typeof whitelist === 'string' && !mediaTypeAllowed(file.type, whitelist)) {
    const type = file.type || 'unknown';
    throw new LiveChatError('invalid-file', `Files of type ${type} are not allowed`);
  }
}

/**
 * Uploads use XMLHttpRequest (real progress) unless the caller injected its own `fetch`, which
 * then carries uploads too.
 */
export function uploaderFor(customFetch?: typeof fetch): Uploader {
  const hasXhr = typeof XMLHttpRequest === 'function';
  return customFetch || !hasXhr
    ? fetchUploader((input, init) => (customFetch ?? globalThis.fetch)(input, init))
    : xhrUploader;
}

/** A restored visitor file message that never reached the server (its bytes may be stashed). */
function isUnsentFile(message: Message | undefined): boolean {
  if (!message || message.author.role !== 'visitor' || message.status === 'sent') return false;
  return !message.text && (message.attachments?.length ?? 0) > 0;
}

/**
 * `sendFile()`: an optimistic file message (pending, with the file's name, type and size),
 * then `POST livechat/upload/:rid` with progress and cancel (a cancelled file leaves the
 * transcript). The message id is minted here and
 * sent as the form's `_id`, so a server that honours it (Rocket.Chat and ours do) stores an
 * upload sent twice once; a server that mints its own id replaces the placeholder.
 *
 * Navigation: before the first byte goes out, the placeholder is saved with the session
 * and the file itself is kept in the `FileStash` (IndexedDB, when the session lives there).
 * The next page shows the file as failed; `retry()` sends it again from the stash, or rejects
 * `invalid-file` when the bytes are gone (another store, or IndexedDB failed), and the visitor
 * chooses the file again.
 */
export class FileSender {
  readonly #files = new Map<string, PendingFile>();
  readonly #stash: FileStash | null;

  readonly #ctx: FileSenderDeps;
  readonly #feed: RoomFeed;
  readonly #start: () => Promise<RcRoom>;

  constructor(ctx: FileSenderDeps, feed: RoomFeed, start: () => Promise<RcRoom>) {
    this.#ctx = ctx;
    this.#feed = feed;
    this.#start = start;
    // Only an IndexedDB session (persist="local", no injected store) outlives the page with
    // its files; elsewhere a stashed file would be an orphan.
    this.#stash = ctx.sharesTabs ? new IdbFileStash(ctx.siteId ?? ctx.server) : null;
  }

  /** Checks, shows and uploads `file`; resolves with the server's message. */
  send(file: Blob, options: SendFileOptions = {}): Promise<Message> {
    const {model, clock} = this.#ctx;
    assertNotEnded(model.snapshot);
    checkFile(file, model.snapshot.config);
    if (options.signal?.aborted) throw abortedError();
    const name = (file as Partial<File>).name || 'file';
    const snapshot = model.snapshot;
    const placeholder: Message = {
      id: newMessageId(),
      rid: snapshot.room?._id ?? '',
      text: '',
      ts: clock.now(),
      author: visitorAuthor(snapshot.visitor),
      status: 'pending',
      attachments: [{title: name, size: file.size}],
    };
    // Shaped like Rocket.Chat's file message, so the view does not jump when it arrives.
    if (file.type) placeholder.attachments![0].type = file.type;
    if (options.description) placeholder.attachments![0].description = options.description;
    model.putLocal(placeholder);
    this.#files.set(placeholder.id, {file, name, options});
    return this.#upload(placeholder.id, true);
  }

  /** Whether `id` is a file of this visitor that has not reached the server. */
  has(id: string): boolean {
    return this.#files.has(id) || isUnsentFile(this.#ctx.model.find(id));
  }

  /** Uploads a failed file again (without the cancelled signal), from memory or the stash. */
  async retry(id: string): Promise<Message> {
    let pending = this.#files.get(id);
    if (!pending && isUnsentFile(this.#ctx.model.find(id))) {
      const stashed = await this.#stash?.get(id);
      if (stashed) pending = {...stashed, options: {}};
    }
    if (!pending) {
      throw new LiveChatError('invalid-file', 'The file is no longer here: choose it again');
    }
    this.#files.set(id, {...pending, options: {...pending.options, signal: undefined}});
    this.#ctx.model.setStatus(id, 'pending');
    return this.#upload(id, false);
  }

  /** Forgets the files kept for retries in this page (the stash keeps its copies). */
  dispose(): void {
    this.#files.clear();
  }

  #forget(id: string): void {
    this.#files.delete(id);
    void this.#stash?.delete(id);
  }

  async #upload(id: string, isFirst: boolean): Promise<Message> {
    const {model, rest, emitter, sync} = this.#ctx;
    const pending = this.#files.get(id)!;
    let confirmed: RcMessage;
    try {
      const room = await this.#start();
      const token = this.#ctx.state.token;
      if (!token) throw new LiveChatError('no-active-chat', 'There is no visitor yet');
      model.setStatus(id, 'pending', room._id);
      // Kept before the first byte goes out, so the next page can offer the retry.
      const kept = isFirst ? this.#stash?.put(id, {file: pending.file, name: pending.name}) : null;
      await Promise.all([kept, sync.save()]);
      const {description, onProgress, signal} = pending.options;
      const raw = await uploadFile(this.#ctx.uploader, {
        url: rest.url(`livechat/upload/${encodeURIComponent(room._id)}`),
        token,
        file: pending.file,
        fileName: pending.name,
        description,
        messageId: id,
        onProgress,
        signal,
      });
      // No message in the answer: an earlier attempt stored this id, so ask for it.
      confirmed = raw ?? (await rest.getMessage(id, token, room._id));
    } catch (error) {
      const wrapped = toLiveChatError(error);
      if (wrapped.code === 'aborted') {
        // The visitor took the file back: nothing to retry, so nothing stays behind. Had the
        // server stored it already, its message arrives by stream like any other.
        this.#forget(id);
        model.remove(id);
        void sync.save();
        throw wrapped;
      }
      const failed = model.setStatus(id, 'failed');
      if (failed) emitter.emit('message-failed', {message: failed, error: wrapped});
      throw wrapped;
    }
    this.#forget(id);
    const isSameId = confirmed._id === id;
    if (!isSameId) model.remove(id);
    // Under its own id the feed confirms the placeholder and fires `message-sent` itself.
    this.#feed.ingest([confirmed]);
    const message = model.find(confirmed._id);
    if (!message) throw new LiveChatError('server', 'The server did not show the file message');
    if (!isSameId) emitter.emit('message-sent', {message});
    return message;
  }
}
