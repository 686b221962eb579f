import {channels} from '../ddp/streams.js';
import {meteorError, plainError} from '../errors.js';
import type {Livechat} from './livechat.js';
import {publishMessage} from './room-events.js';
import {messageLimit} from './settings.js';
import {checkMessageText} from './text.js';
import type {MessageDoc, VisitorDoc} from './types.js';

function ownMessage(
  livechat: Livechat,
  token: string,
  rid: string,
  id: string,
): {visitor: VisitorDoc; message: MessageDoc} {
  const {visitor, room} = livechat.requireRoom(token, rid);
  const message = livechat.ctx.messages.findInRoom(id, room._id);
  if (!message) throw plainError('invalid-message');
  return {visitor, message};
}

/**
 * `PUT livechat/message/:_id`: the visitor edits one of their own messages when editing is
 * allowed (`messageEditing`); everyone watching the room gets the message again with `editedAt`
 * and `editedBy` on stream-room-messages.
 */
export function editMessage(
  livechat: Livechat,
  token: string,
  rid: string,
  id: string,
  msg: string,
): MessageDoc {
  const {visitor, message} = ownMessage(livechat, token, rid, id);
  const {settings, messages} = livechat.ctx;
  if (!settings.messageEditing || message.u._id !== visitor._id || message.t) {
    throw meteorError('error-action-not-allowed', 'Message editing not allowed');
  }
  checkMessageText(msg, messageLimit(settings));
  const edited = messages.edit(id, msg, {_id: visitor._id, username: visitor.username});
  if (!edited) throw plainError('invalid-message');
  publishMessage(livechat.ctx, edited);
  return edited;
}

/**
 * `DELETE livechat/message/:_id`: the visitor deletes one of their own messages when deleting
 * is allowed (`messageDeleting`); subscribers of `<rid>/deleteMessage` get `{_id}`.
 */
export function deleteMessage(
  livechat: Livechat,
  token: string,
  rid: string,
  id: string,
): {_id: string; ts: string} {
  const {visitor, message} = ownMessage(livechat, token, rid, id);
  const {settings, messages, streams} = livechat.ctx;
  if (!settings.messageDeleting || message.u._id !== visitor._id || message.t) {
    throw meteorError('error-action-not-allowed', 'Message deleting not allowed');
  }
  messages.delete(id);
  streams.publish(channels.notifyRoom(message.rid, 'deleteMessage'), [{_id: id}]);
  return {_id: id, ts: new Date().toISOString()};
}
