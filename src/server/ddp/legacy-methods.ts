import {clientKey} from '../client-key.js';
import {meteorError} from '../errors.js';
import {initialDataSettings} from '../livechat/config-view.js';
import type {Livechat} from '../livechat/livechat.js';
import {storeAndPublish} from '../livechat/room-events.js';
import {agentCard, getOrCreateRoom, isDeskOnline} from '../livechat/routing.js';
import {findDepartment, messageLimit} from '../livechat/settings.js';
import {checkMessageText, isWellFormed} from '../livechat/text.js';
import type {RoomDoc, VisitorDoc} from '../livechat/types.js';
import {showConnecting} from '../livechat/uploads.js';
import {registerLegacyFeedbackMethods} from './legacy-feedback-methods.js';
import {matchFailed, matchObject, matchString, maybeString} from './match.js';
import type {MethodHandler, MethodRegistry} from './method-registry.js';
import {holdVisitor} from './visitor-binding.js';

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The visitor as the legacy methods project it (`_id, token?, name, username, emails, dept`). */
function legacyVisitor(visitor: VisitorDoc, withToken: boolean) {
  return {
    _id: visitor._id,
    ...(withToken ? {token: visitor.token} : {}),
    ...(visitor.name ? {name: visitor.name} : {}),
    username: visitor.username,
    ...(visitor.visitorEmails ? {visitorEmails: visitor.visitorEmails} : {}),
    ...(visitor.department ? {department: visitor.department} : {}),
  };
}

/** The room projection of `getInitialData.js`: name, t, cl, usernames, v, servedBy, dept. */
function legacyRoom(room: RoomDoc) {
  return {
    _id: room._id,
    name: room.fname,
    t: room.t,
    cl: false,
    usernames: [room.v.username, ...(room.servedBy ? [room.servedBy.username] : [])],
    v: room.v,
    ...(room.servedBy ? {servedBy: room.servedBy} : {}),
    ...(room.departmentId ? {departmentId: room.departmentId} : {}),
  };
}

function agentData(livechat: Livechat, room: RoomDoc | null) {
  const agent = room?.servedBy ? livechat.ctx.agents.findById(room.servedBy._id) : null;
  return agent ? agentCard(livechat.ctx, agent) : null;
}

/**
 * `livechat:getInitialData(token, departmentId?)`: every field of the seed's table (plus the
 * keys Rocket.Chat added later). `room` is the open room (of that department, when given),
 * `visitor` the known visitor, `agentData` the serving agent; each is `null` when there is none.
 */
const getInitialData: MethodHandler = ({livechat}, [token, departmentId]) => {
  const visitorToken = maybeString(token) ?? '';
  const department = maybeString(departmentId);
  const {ctx} = livechat;
  const visitor = visitorToken ? ctx.visitors.findByToken(visitorToken) : null;
  const open = visitor ? ctx.rooms.findOpenByToken(visitorToken) : null;
  const room = open && (!department || open.departmentId === department) ? open : null;
  const wanted = findDepartment(ctx.settings, department ?? visitor?.department)?._id;
  return {
    ...initialDataSettings(ctx.settings),
    room: room ? legacyRoom(room) : null,
    visitor: visitor ? legacyVisitor(visitor, false) : null,
    online: isDeskOnline(ctx, wanted),
    agentData: agentData(livechat, room),
  };
};

/** `livechat:registerGuest({token, name, email, department, customFields})`. */
const registerGuest: MethodHandler = (context, [data]) => {
  const {livechat} = context;
  const input = data === undefined ? {} : matchObject(data);
  const token = maybeString(input.token);
  if (!token || token.trim() === '' || !isWellFormed(token)) {
    throw meteorError('error-invalid-token', 'Invalid token');
  }
  const name = maybeString(input.name);
  const email = maybeString(input.email, 254)?.trim().toLowerCase();
  if (email && !EMAIL.test(email)) throw meteorError('error-invalid-email', 'Invalid email');
  const rawFields = input.customFields ?? [];
  if (!Array.isArray(rawFields) || rawFields.length > 50) throw matchFailed();
  const customFields = rawFields
    .filter((f) => matchObject(f).scope !== 'room')
    .map((f) => ({
      key: matchString(f.key),
      value: matchString(f.value, 1024),
      overwrite: f.overwrite !== false,
    }));
  const visitor = livechat.registerVisitor({
    token,
    name: name || undefined,
    email: email || undefined,
    department: maybeString(input.department) || undefined,
    customFields,
  });
  holdVisitor(context, token);
  return {userId: visitor._id, visitor: legacyVisitor(visitor, true)};
};

/**
 * `sendMessageLivechat({_id, rid, msg, token}, agent?)`: creates the room when the visitor has
 * none open (the proposed rid is never used: the answer carries the server's), then stores the
 * message once. A repeated `_id` stores nothing and answers an empty result, as Rocket.Chat's
 * `sendMessage` returns nothing for an existing id.
 */
const sendMessageLivechat: MethodHandler = (context, [data, agentParam]) => {
  const {livechat} = context;
  const input = matchObject(data);
  const id = matchString(input._id, 64);
  matchString(input.rid, 64);
  const msg = matchString(input.msg, 64 * 1024);
  const token = matchString(input.token);
  if (!MESSAGE_ID.test(id)) throw matchFailed();
  const agent = agentParam === undefined || agentParam === null ? null : matchObject(agentParam);
  const agentId = agent ? matchString(agent.agentId, 64) : undefined;
  const {ctx} = livechat;
  const visitor = ctx.visitors.findByToken(token);
  if (!visitor) throw meteorError('invalid-token');
  holdVisitor(context, token);
  checkMessageText(msg, messageLimit(ctx.settings));
  if (ctx.messages.findById(id)) return undefined;
  const {room, newRoom} = getOrCreateRoom(ctx, visitor, {
    agentId,
    sourceType: 'api',
    openedFrom: clientKey(context.connection.address),
    maxOpenPerAddress: livechat.maxOpenChatsPerAddress,
  });
  const [message] = storeAndPublish(ctx, [livechat.visitorMessage(visitor, room, {_id: id, msg})]);
  if (!message) return undefined;
  return {...message, newRoom, showConnecting: showConnecting(livechat)};
};

/** `livechat:getAgentData({roomId, token})`: the serving agent, or nothing while none serves. */
const getAgentData: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  const roomId = matchString(input.roomId, 64);
  const token = matchString(input.token);
  const visitor = livechat.ctx.visitors.findByToken(token);
  const room = visitor ? livechat.ctx.rooms.findByIdAndToken(roomId, token) : null;
  if (!room) throw meteorError('error-invalid-room', 'Invalid room');
  return agentData(livechat, room) ?? undefined;
};

/** `livechat:getNextAgent({token, department})`: nothing when a room is open or nobody is free. */
const getNextAgent: MethodHandler = ({livechat}, [data]) => {
  const input = matchObject(data);
  const token = matchString(input.token);
  try {
    return livechat.nextAgent(token, maybeString(input.department, 64)) ?? undefined;
  } catch {
    return undefined;
  }
};

/** Registers the seeds' Livechat Realtime API (rocketchat-protocol.md §2.1) on the registry. */
export function registerLegacyMethods(registry: MethodRegistry): MethodRegistry {
  registry
    .register('livechat:getInitialData', getInitialData)
    .register('livechat:registerGuest', registerGuest)
    .register('sendMessageLivechat', sendMessageLivechat)
    .register('livechat:getAgentData', getAgentData)
    .register('livechat:getNextAgent', getNextAgent);
  return registerLegacyFeedbackMethods(registry);
}
