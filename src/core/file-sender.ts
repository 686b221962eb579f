import {visitorAuthor, type ChatContext} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import {newMessageId} from './ids.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import type {RoomFeed} from './room-feed.js';
import {uploadFile} from './transport/upload.js';
import {LiveChatError, type Message, type SendFileOptions} from './types.js';

interface PendingFile {
  file: Blob;
  name: string;
  options: SendFileOptions;
}

function mediaTypeAllowed(type: string, whitelist: string): boolean {
  const patterns = whitelist.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (patterns.length === 0) return true;
  const actual = type.toLowerCase();
  return patterns.some((p) =>
    p === '*/*' || (p.endsWith('/*') ? actual.startsWith(p.slice(0, -1)) : actual === p),
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
 * `sendFile()`: an optimistic file message (pending, with the file's name, type and size),
 * then `POST livechat/upload/:rid` with progress and cancel. The server mints the message's
 * id, so the placeholder gives way to the server's message once the upload is done. A failed
 * upload keeps its file in memory so that `retry()` can send it again from this page.
 */
export class FileSender {
  private readonly files = new Map<string, PendingFile>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly feed: RoomFeed,
    private readonly start: () => Promise<RcRoom>,
  ) {}

  /** Checks, shows and uploads `file`; resolves with the server's message. */
  send(file: Blob, options: SendFileOptions = {}): Promise<Message> {
    const {model, clock} = this.ctx;
    checkFile(file, model.snapshot.config);
    if (options.signal?.aborted) throw new LiveChatError('aborted', 'The upload was cancelled');
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
    this.files.set(placeholder.id, {file, name, options});
    return this.upload(placeholder.id);
  }

  /** Whether `id` is a failed upload this page can send again. */
  has(id: string): boolean {
    return this.files.has(id);
  }

  /** Uploads a failed file again (without the cancelled signal). */
  retry(id: string): Promise<Message> {
    const pending = this.files.get(id);
    if (!pending) throw new LiveChatError('no-active-chat', `No file of yours with id ${id}`);
    pending.options = {...pending.options, signal: undefined};
    this.ctx.model.setStatus(id, 'pending');
    return this.upload(id);
  }

  /** Forgets the files kept for retries. */
  dispose(): void {
    this.files.clear();
  }

  private async upload(id: string): Promise<Message> {
    const {model, rest, emitter} = this.ctx;
    const pending = this.files.get(id)!;
    let message: Message | undefined;
    try {
      const room = await this.start();
      const token = this.ctx.token();
      if (!token) throw new LiveChatError('no-active-chat', 'There is no visitor yet');
      const {description, onProgress, signal} = pending.options;
      const raw = await uploadFile(this.ctx.extras.uploader, {
        url: rest.url(`livechat/upload/${encodeURIComponent(room._id)}`),
        token,
        file: pending.file,
        fileName: pending.name,
        description,
        onProgress,
        signal,
      });
      this.files.delete(id);
      model.remove(id);
      this.feed.ingest([raw]);
      message = model.find(raw._id);
    } catch (error) {
      const wrapped = toLiveChatError(error);
      const failed = model.setStatus(id, 'failed');
      if (failed) emitter.emit('message-failed', {message: failed, error: wrapped});
      throw wrapped;
    }
    if (!message) throw new LiveChatError('server', 'The server did not show the file message');
    emitter.emit('message-sent', {message});
    return message;
  }
}
