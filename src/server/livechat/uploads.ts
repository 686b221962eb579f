import {readFile, rm} from 'node:fs/promises';
import {objectFailure, plainError} from '../errors.js';
import {detectFileKind, safeFileName, type FileKind} from './file-types.js';
import {imageSize, type ImageSize} from './image-size.js';
import type {Livechat} from './livechat.js';
import {storeAndPublish} from './room-events.js';
import type {MessageDoc, RoomDoc, VisitorDoc} from './types.js';

/** What `POST livechat/upload/:rid` hands the domain: a complete file in the partial folder. */
export interface UploadInput {
  token: string;
  rid: string;
  filename: string;
  /** The received file (`UploadStore.partialPath()`); this function takes it over. */
  partial: string;
  description?: string;
  /**
   * The message id the client chose (Rocket.Chat spreads the form's fields into the message, so
   * an `_id` field names it): a retried upload is then stored once.
   */
  messageId?: string;
}

/** RC's 401 for a missing or wrong `x-visitor-token`, or a room that is not the token's. */
export const uploadUnauthorized = () => plainError('unauthorized', 401);

const UNITS = ['B', 'KB', 'MB', 'GB'];

/** A size as Rocket.Chat's `filesize()` writes `sizeAllowed` ("10 MB", base 1024). */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${UNITS[unit]}`;
}

/** The room a token may upload to: its own open room, else a 401. */
export function requireUploadRoom(livechat: Livechat, token: string, rid: string) {
  const visitor = livechat.ctx.visitors.findByToken(token);
  const room = visitor ? livechat.ctx.rooms.findByIdAndToken(rid, token) : null;
  if (!visitor || !room?.open) throw uploadUnauthorized();
  return {visitor, room};
}

/** Checks size and content before anything is stored. */
export function checkUpload(livechat: Livechat, bytes: Buffer) {
  const {settings} = livechat.ctx;
  if (!settings.fileUpload) throw objectFailure('upload', {reason: 'error-file-upload-disabled'});
  if (bytes.length > settings.fileUploadMaxBytes) {
    const sizeAllowed = formatSize(settings.fileUploadMaxBytes);
    throw objectFailure('upload', {reason: 'error-size-not-allowed', sizeAllowed});
  }
  const kind = detectFileKind(bytes);
  if (!kind) throw objectFailure('upload', {reason: 'error-type-not-allowed'});
  return kind;
}

/** The answer to an upload whose `_id` is already stored: Rocket.Chat's `success(undefined)`. */
export interface RepeatedUpload {
  repeated: true;
}

/**
 * Stores a complete upload under a random 128-bit id and posts the file message of
 * rocketchat-protocol.md §3.2 (`file`, `files`, `attachments`) into the visitor's room: the
 * message exists only once the whole file does. Answers like Rocket.Chat: the message plus
 * `newRoom` and `showConnecting`; an `_id` already stored keeps nothing and answers without a
 * message (the client looks it up, as after a repeated `POST livechat/message`).
 */
export async function uploadFile(
  livechat: Livechat,
  input: UploadInput,
): Promise<(MessageDoc & {newRoom: boolean; showConnecting: boolean}) | RepeatedUpload> {
  const {ctx} = livechat;
  let placed: string | null = null;
  try {
    const {visitor, room} = requireUploadRoom(livechat, input.token, input.rid);
    const bytes = await readFile(input.partial);
    const kind = checkUpload(livechat, bytes);
    if (input.messageId && ctx.messages.findById(input.messageId)) return {repeated: true};
    const name = safeFileName(input.filename, kind);
    placed = await ctx.uploads.place(input.partial);
    const file = ctx.uploads.record(placed, {
      rid: room._id,
      name,
      type: kind.type,
      size: bytes.length,
      uploadedBy: visitor._id,
    });
    const size = kind.isImage ? imageSize(bytes, kind.type) : null;
    const message = postFileMessage(livechat, {visitor, room, file, name, kind, input, size});
    // Stored meanwhile by a twin request with the same `_id`: this copy goes.
    if (!message) return {repeated: true};
    placed = null;
    return {...message, newRoom: false, showConnecting: showConnecting(livechat)};
  } finally {
    if (placed) ctx.uploads.discard(placed);
    await rm(input.partial, {force: true});
  }
}

function postFileMessage(
  livechat: Livechat,
  parts: {
    visitor: VisitorDoc;
    room: RoomDoc;
    file: {_id: string; size: number};
    name: string;
    kind: FileKind;
    input: UploadInput;
    size: ImageSize | null;
  },
): MessageDoc | null {
  const {visitor, room, file, name, kind, input, size} = parts;
  const {ctx} = livechat;
  const link = `/file-upload/${file._id}/${encodeURIComponent(name)}`;
  const ref = {_id: file._id, name, type: kind.type};
  const attachment = {
    title: name,
    type: 'file',
    ...(input.description ? {description: input.description} : {}),
    title_link: link,
    title_link_download: true,
    ...(kind.isImage ? {image_url: link, image_type: kind.type, image_size: file.size} : {}),
    ...(size ? {image_dimensions: size} : {}),
  };
  const base = livechat.visitorMessage(visitor, room, {_id: input.messageId, msg: ''});
  const [message] = storeAndPublish(ctx, [
    {
      ...base,
      extra: {groupable: false, file: ref, files: [ref], attachments: [attachment]},
    },
  ]);
  return message ?? null;
}

/** Whether the widget shows "connecting…" until an agent joins. */
export function showConnecting(livechat: Livechat): boolean {
  const {settings} = livechat.ctx;
  return settings.showConnecting || settings.routing === 'manual';
}
