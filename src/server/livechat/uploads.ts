import {objectFailure, plainError} from '../errors.js';
import {detectFileKind, safeFileName} from './file-types.js';
import type {Livechat} from './livechat.js';
import {storeAndPublish} from './room-events.js';
import type {MessageDoc} from './types.js';

/** What `POST livechat/upload/:rid` hands the domain. */
export interface UploadInput {
  token: string;
  rid: string;
  filename: string;
  bytes: Buffer;
  description?: string;
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
 * Stores an upload under a random 128-bit id and posts the file message of
 * rocketchat-protocol.md §3.2 (`file`, `files`, `attachments`) into the visitor's room.
 * Answers like Rocket.Chat: the message plus `newRoom` and `showConnecting`.
 */
export async function uploadFile(
  livechat: Livechat, input: UploadInput,
): Promise<MessageDoc & {newRoom: boolean; showConnecting: boolean}> {
  const {visitor, room} = requireUploadRoom(livechat, input.token, input.rid);
  const kind = checkUpload(livechat, input.bytes);
  const {ctx} = livechat;
  const name = safeFileName(input.filename, kind);
  const file = await ctx.uploads.save(room._id, name, kind.type, input.bytes, visitor._id);
  const link = `/file-upload/${file._id}/${encodeURIComponent(name)}`;
  const ref = {_id: file._id, name, type: kind.type};
  const attachment = {
    title: name,
    type: 'file',
    ...(input.description ? {description: input.description} : {}),
    title_link: link,
    title_link_download: true,
    ...(kind.isImage ? {image_url: link, image_type: kind.type, image_size: file.size} : {}),
  };
  const base = livechat.visitorMessage(visitor, room, {msg: ''});
  const [message] = storeAndPublish(ctx, [{
    ...base,
    extra: {groupable: false, file: ref, files: [ref], attachments: [attachment]},
  }]);
  if (!message) throw plainError('error-file-upload');
  return {...message, newRoom: false, showConnecting: showConnecting(livechat)};
}

/** Whether the widget shows "connecting…" until an agent joins. */
export function showConnecting(livechat: Livechat): boolean {
  const {settings} = livechat.ctx;
  return settings.showConnecting || settings.routing === 'manual';
}
