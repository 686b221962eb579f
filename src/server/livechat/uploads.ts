import {readFile, rm} from 'node:fs/promises';
import {objectFailure, plainError} from '../errors.js';
import {detectFileKind, safeFileName, type FileKind} from './file-types.js';
import {imageSize, type ImageSize} from './image-size.js';
import type {Livechat} from './livechat.js';
import {storeAndPublish} from './room-events.js';
import {randomId} from '../ids.js';
import {notAllowed} from './agent-desk.js';
import type {NewMessage} from './messages.js';
import {messageLimit} from './settings.js';
import {codePointLength} from '../../core/protocol/index.js';
import {checkMessageText} from './text.js';
import type {AgentRecord, MessageDoc, RoomDoc} from './types.js';

/** A received file and its form fields. */
interface ReceivedFile {
  filename: string;
  /** The received file (`UploadStore.partialPath()`); the upload functions take it over. */
  partial: string;
  description?: string;
  /**
   * The message id the client chose (Rocket.Chat spreads the form's fields into the message, so
   * an `_id` field names it): a retried upload is then stored once.
   */
  messageId?: string;
}

/** What `POST livechat/upload/:rid` hands the domain: a complete file in the partial folder. */
export interface UploadInput extends ReceivedFile {
  token: string;
  rid: string;
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

/**
 * A file's `description` may be no longer than a message. (A multipart field arrives as UTF-8,
 * so it cannot hold a lone surrogate.)
 */
function checkCaption(description: string, limit: number): void {
  if (codePointLength(description) > limit) {
    throw plainError('message-length-exceeds-character-limit');
  }
}

/** The answer to an upload whose `_id` is already stored: Rocket.Chat's `success(undefined)`. */
export interface RepeatedUpload {
  repeated: true;
}

/**
 * Stores a complete upload under a random 128-bit id and posts the file message of
 * rocketchat-protocol.md §3.2 (`file`, `files`, `attachments`) into the room: the message exists
 * only once the whole file does. `author` checks the room and gives the message's own fields
 * (`_id`, `rid`, `msg`, `u`…; `u._id` uploaded the file): asked before the file is read and
 * again right before it is stored, so that a room that closed or changed hands meanwhile
 * refuses it. An `_id` already stored keeps nothing.
 */
async function storeUpload(
  livechat: Livechat,
  input: ReceivedFile,
  author: () => {room: RoomDoc; base: Omit<NewMessage, 'extra'>},
): Promise<MessageDoc | RepeatedUpload> {
  const {ctx} = livechat;
  let placed: string | null = null;
  try {
    // The caption under the file: checked as a message's text, before a byte is stored.
    const description = input.description?.trim() || undefined;
    if (description) checkCaption(description, messageLimit(ctx.settings));
    author();
    const bytes = await readFile(input.partial);
    const kind = checkUpload(livechat, bytes);
    if (input.messageId && ctx.messages.findById(input.messageId)) return {repeated: true};
    const name = safeFileName(input.filename, kind);
    const {room, base} = author();
    placed = await ctx.uploads.place(input.partial);
    const file = ctx.uploads.record(placed, {
      rid: room._id,
      name,
      type: kind.type,
      size: bytes.length,
      uploadedBy: base.u._id,
    });
    const size = kind.isImage ? imageSize(bytes, kind.type) : null;
    const extra = fileMessageFields({file, name, kind, description, size});
    const [message] = storeAndPublish(ctx, [{...base, extra}]);
    // Stored meanwhile by a twin request with the same `_id`: this copy goes.
    if (!message) return {repeated: true};
    placed = null;
    return message;
  } finally {
    if (placed) ctx.uploads.discard(placed);
    await rm(input.partial, {force: true});
  }
}

/**
 * `POST livechat/upload/:rid`: the visitor's file into their own open room. Answers like
 * Rocket.Chat: the message plus `newRoom` and `showConnecting`; an `_id` already stored answers
 * without a message (the client looks it up, as after a repeated `POST livechat/message`).
 */
export async function uploadFile(
  livechat: Livechat,
  input: UploadInput,
): Promise<(MessageDoc & {newRoom: boolean; showConnecting: boolean}) | RepeatedUpload> {
  const answer = await storeUpload(livechat, input, () => {
    const {visitor, room} = requireUploadRoom(livechat, input.token, input.rid);
    return {room, base: livechat.visitorMessage(visitor, room, {_id: input.messageId, msg: ''})};
  });
  if ('repeated' in answer) return {repeated: true};
  return {...answer, newRoom: false, showConnecting: showConnecting(livechat)};
}

/** What `POST rooms.upload/:rid` hands the domain: the agent's file and optional text. */
export interface AgentUploadInput extends ReceivedFile {
  rid: string;
  /** Text sent with the file (Rocket.Chat's `msg` field), checked as a reply's text. */
  msg?: string;
}

/**
 * The open room an agent may send a file to: one they serve (`error-not-allowed` otherwise, as
 * for every agent route), still open (`room-closed`, as `chat.sendMessage`).
 */
export function requireAgentUploadRoom(livechat: Livechat, agent: AgentRecord, rid: string) {
  const room = livechat.ctx.rooms.findById(rid);
  if (!room || room.servedBy?._id !== agent.id) throw notAllowed();
  if (!room.open) throw plainError('room-closed');
  return room;
}

/**
 * `POST rooms.upload/:rid`: the agent's file into a room they serve, posted as their message
 * with the same file fields as a visitor's, so the widget shows it as it shows its own.
 */
export async function uploadAgentFile(
  livechat: Livechat,
  agent: AgentRecord,
  input: AgentUploadInput,
): Promise<MessageDoc | RepeatedUpload> {
  const msg = input.msg?.trim() ?? '';
  return storeUpload(livechat, input, () => {
    if (msg) checkMessageText(msg, messageLimit(livechat.ctx.settings));
    const room = requireAgentUploadRoom(livechat, agent, input.rid);
    const u = {_id: agent.id, username: agent.username, name: agent.name};
    return {room, base: {_id: input.messageId ?? randomId(), rid: room._id, msg, u}};
  });
}

/** The `file`, `files` and `attachments` of a file message (§3.2). */
function fileMessageFields(parts: {
  file: {_id: string; size: number};
  name: string;
  kind: FileKind;
  description?: string;
  size: ImageSize | null;
}) {
  const {file, name, kind, description, size} = parts;
  const link = `/file-upload/${file._id}/${encodeURIComponent(name)}`;
  const ref = {_id: file._id, name, type: kind.type};
  const attachment = {
    title: name,
    type: 'file',
    ...(description ? {description} : {}),
    title_link: link,
    title_link_download: true,
    ...(kind.isImage ? {image_url: link, image_type: kind.type, image_size: file.size} : {}),
    ...(size ? {image_dimensions: size} : {}),
  };
  return {groupable: false, file: ref, files: [ref], attachments: [attachment]};
}

/** Whether the widget shows "connecting…" until an agent joins. */
export function showConnecting(livechat: Livechat): boolean {
  const {settings} = livechat.ctx;
  return settings.showConnecting || settings.routing === 'manual';
}
