import {parseWireDate} from '../../core/protocol/index.js';
import {LivechatError, meteorError} from '../errors.js';
import {closeRoom} from '../livechat/closing.js';
import {checkCustomFields, storeCustomFields} from '../livechat/custom-fields.js';
import {leaveOfflineMessage, saveSurvey} from '../livechat/feedback.js';
import {transferToDepartment} from '../livechat/transfer.js';
import {pageVisited} from '../livechat/visitor-actions.js';
import {matchFailed, matchObject, matchString, maybeString} from './match.js';
import type {MethodHandler, MethodRegistry} from './method-registry.js';

const HISTORY_MAX = 100;
/** What Mongo's updateOne reports; the legacy survey method answers with it. */
const UPDATE_RESULT = {
  acknowledged: true,
  matchedCount: 1,
  modifiedCount: 1,
  upsertedCount: 0,
  upsertedId: null,
};

/** `livechat:closeByVisitor({roomId, token})`: true once closed, false when not open. */
const closeByVisitor: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  const roomId = matchString(input.roomId, 64);
  const token = matchString(input.token);
  const visitor = livechat.ctx.visitors.findByToken(token);
  if (!visitor) throw meteorError('invalid-token');
  const room = livechat.ctx.rooms.findByIdAndToken(roomId, token);
  if (!room?.open) return false;
  return closeRoom(livechat.ctx, room, {kind: 'visitor', visitor}, 'Closed by visitor');
};

/** `livechat:sendOfflineMessage({name, email, message})`: the offline form; nothing back. */
const sendOfflineMessage: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  const email = matchString(input.email, 254);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw meteorError('error-invalid-email', 'Invalid email');
  leaveOfflineMessage(livechat, {
    name: matchString(input.name),
    email,
    message: matchString(input.message, 64 * 1024),
    department: maybeString(input.department, 64),
  });
};

/**
 * `livechat:saveSurveyFeedback(token, rid, [{name, value}])`: like `room.survey`, with
 * `agentResposiveness` (sic); answers Mongo's update result, or nothing for a foreign room or
 * when no answer is accepted, as Rocket.Chat does.
 */
const saveSurveyFeedback: MethodHandler = ({livechat}, [token, rid, formData]) => {
  const visitorToken = matchString(token);
  const roomId = matchString(rid, 64);
  if (!Array.isArray(formData) || formData.length > 20) throw matchFailed();
  const items = formData.map((item) => {
    const entry = matchObject(item);
    return {name: matchString(entry.name, 64), value: matchString(entry.value, 4096)};
  });
  try {
    saveSurvey(livechat, visitorToken, roomId, items);
    return UPDATE_RESULT;
  } catch (error) {
    if (error instanceof LivechatError) return undefined;
    throw error;
  }
};

/** `livechat:pageVisited(token, rid, {change, title, location})`: records the page quietly. */
const pageVisitedMethod: MethodHandler = ({livechat}, [token, rid, pageInfo]) => {
  const info = matchObject(pageInfo);
  const location = matchObject(info.location);
  const page = {
    change: matchString(info.change, 64),
    title: matchString(info.title, 1024),
    location: {href: matchString(location.href, 4096)},
  };
  try {
    pageVisited(livechat, matchString(token), maybeString(rid, 64) || undefined, page);
  } catch (error) {
    if (!(error instanceof LivechatError)) throw error;
  }
};

/**
 * `livechat:loadHistory({token, rid, end?, limit = 20, ls?})`: `{messages (newest first),
 * firstUnread, unreadNotLoaded}`. A rid that is not a string (the `{$regex}` of the old IDOR)
 * or not the token's own is `invalid-room`.
 */
const loadHistory: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  if (typeof input.token !== 'string' || input.token === '') return undefined;
  const {ctx} = livechat;
  if (!ctx.visitors.findByToken(input.token)) {
    throw meteorError('invalid-visitor', 'Invalid Visitor');
  }
  const room =
    typeof input.rid === 'string' ? ctx.rooms.findByIdAndToken(input.rid, input.token) : null;
  if (!room) throw meteorError('invalid-room', 'Invalid Room');
  const limit =
    typeof input.limit === 'number' && input.limit >= 1
      ? Math.min(Math.floor(input.limit), HISTORY_MAX)
      : 20;
  const before = input.end === undefined ? undefined : (parseWireDate(input.end) ?? undefined);
  const ls = input.ls === undefined ? null : parseWireDate(input.ls);
  const messages = ctx.messages.page(room._id, {before, limit, offset: 0});
  const oldest = messages[messages.length - 1];
  let firstUnread;
  let unreadNotLoaded = 0;
  if (ls !== null && oldest && oldest.ts.getTime() > ls) {
    [firstUnread] = ctx.messages.page(room._id, {
      after: ls,
      limit: 1,
      offset: 0,
      oldestFirst: true,
    });
    unreadNotLoaded = ctx.messages.countBetween(room._id, ls, oldest.ts.getTime());
  }
  return {messages, ...(firstUnread ? {firstUnread} : {}), unreadNotLoaded};
};

/** `livechat:setCustomField(token, key, value, overwrite = true)`: true; unknown keys pass. */
const setCustomField: MethodHandler = ({livechat}, [token, key, value, overwrite]) => {
  const visitorToken = matchString(token);
  const field = {
    key: matchString(key),
    value: matchString(value, 1024),
    overwrite: overwrite !== false,
  };
  const checked = checkCustomFields(livechat.ctx.settings, [field], true);
  if (checked.length > 0 && !livechat.ctx.visitors.findByToken(visitorToken)) return false;
  storeCustomFields(livechat.ctx, visitorToken, checked);
  return true;
};

/** `livechat:setDepartmentForVisitor({roomId, visitorToken, departmentId})`: a transfer. */
const setDepartmentForVisitor: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  const roomId = matchString(input.roomId, 64);
  const token = matchString(input.visitorToken);
  const departmentId = matchString(input.departmentId, 64);
  const visitor = livechat.ctx.visitors.findByToken(token);
  if (!visitor || !livechat.ctx.rooms.findByIdAndToken(roomId, token)) {
    throw meteorError('error-invalid-room', 'Invalid room');
  }
  try {
    transferToDepartment(livechat, token, roomId, departmentId);
    return true;
  } catch (error) {
    if (error instanceof LivechatError && error.form === 'bare') return false;
    throw error;
  }
};

/** Registers the legacy methods around feedback, history and the visitor's data. */
export function registerLegacyFeedbackMethods(registry: MethodRegistry): MethodRegistry {
  return registry
    .register('livechat:closeByVisitor', closeByVisitor)
    .register('livechat:sendOfflineMessage', sendOfflineMessage)
    .register('livechat:saveSurveyFeedback', saveSurveyFeedback)
    .register('livechat:pageVisited', pageVisitedMethod)
    .register('livechat:loadHistory', loadHistory)
    .register('livechat:setCustomField', setCustomField)
    .register('livechat:setDepartmentForVisitor', setDepartmentForVisitor);
}
