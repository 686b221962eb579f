import {isObject} from '../../core/protocol/index.js';
import {ddpError} from '../errors.js';
import type {DdpConnection} from './connection.js';
import {ejsonStringify} from './ejson.js';
import type {MethodContext} from './method-registry.js';
import {channels} from './streams.js';
import {replayPlaceInLine} from './sub-replay.js';
import {holdVisitor} from './visitor-binding.js';

/** The pseudo event name of `stream-room-messages` that feeds an agent every served room. */
export const AGENT_FEED = '__agent__';

// `typing` is the legacy form of `user-activity` (the 1.0 SDK and old widgets subscribe to it).
// `messagesRead` `{until}`: Rocket.Chat's read receipt, here sent when the agent has read.
const ROOM_EVENTS = new Set(['user-activity', 'typing', 'deleteMessage', 'messagesRead']);
/** The one event name of the inquiry queue stream that agents may follow. */
const QUEUE_EVENT = 'public';
const USER_EVENTS = new Set(['rooms-changed']);

type Extra = Record<string, unknown>;

/** `params[1]` of a stream sub: `{useCollection, args:[extraData]}`, or a legacy boolean. */
function extraDataOf(options: unknown): Extra {
  if (!isObject(options) || !Array.isArray(options.args)) return {};
  const [first] = options.args;
  return isObject(first) ? first : {};
}

function splitEvent(eventName: string): [string, string] | null {
  const slash = eventName.lastIndexOf('/');
  return slash > 0 ? [eventName.slice(0, slash), eventName.slice(slash + 1)] : null;
}

/** What a subscription may listen to; `token` and `rid` when a visitor's token granted it. */
export interface SubGrant {
  channel: string;
  token?: string;
  rid?: string;
}

/**
 * The channel a subscription may listen to, or `null` when it is not allowed. Visitors prove
 * themselves with the token in extraData (rocketchat-protocol.md §3.1: `visitorToken` for room
 * messages and livechat-room, `token` for notify-room); a logged-in agent reaches the rooms
 * they serve, plus `__agent__` on stream-room-messages, `<userId>/rooms-changed` on
 * stream-notify-user and `public` on stream-livechat-inquiry-queue-observer.
 */
export function authorizeSub(
  {connection, livechat}: MethodContext,
  stream: string,
  eventName: string,
  extra: Extra,
): SubGrant | null {
  const userId = connection.userId;
  const roomFor = (rid: string) => livechat.ctx.rooms.findById(rid);
  const agentServes = (rid: string) => userId !== null && roomFor(rid)?.servedBy?._id === userId;
  const asToken = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  // An absent token must never match: compare only real strings.
  const visitorToken = asToken(extra.visitorToken) ?? asToken(extra.token);
  const notifyToken = asToken(extra.token);
  // An agent's grant needs no revocation; a visitor's ends with the room (docs/security.md).
  const grant = (channel: string, rid: string, token: string | null, agentMay: boolean) => {
    if (agentMay) return {channel};
    return token !== null ? {channel, token, rid} : null;
  };
  switch (stream) {
    case 'stream-room-messages': {
      if (eventName === AGENT_FEED) {
        return userId ? {channel: channels.agentMessages(userId)} : null;
      }
      const room = roomFor(eventName);
      const visitorMay =
        room?.open === true && visitorToken !== null && room.v.token === visitorToken;
      if (!visitorMay && !agentServes(eventName)) return null;
      return grant(channels.roomMessages(eventName), eventName, visitorToken, !visitorMay);
    }
    case 'stream-livechat-room': {
      const visitorMay = visitorToken !== null && roomFor(eventName)?.v.token === visitorToken;
      if (!visitorMay && !agentServes(eventName)) return null;
      return grant(channels.livechatRoom(eventName), eventName, visitorToken, !visitorMay);
    }
    case 'stream-notify-room': {
      const parts = splitEvent(eventName);
      if (!parts || !ROOM_EVENTS.has(parts[1])) return null;
      const [rid, event] = parts;
      const visitorMay = notifyToken !== null && roomFor(rid)?.v.token === notifyToken;
      if (!visitorMay && !agentServes(rid)) return null;
      // The agent's activity channel carries the visitor's draft; a visitor's never does.
      if (!visitorMay && event === 'user-activity') return {channel: channels.agentActivity(rid)};
      return grant(channels.notifyRoom(rid, event), rid, notifyToken, !visitorMay);
    }
    case 'stream-notify-user': {
      const parts = splitEvent(eventName);
      if (!parts || !USER_EVENTS.has(parts[1]) || parts[0] !== userId) return null;
      return {channel: channels.notifyUser(parts[0], parts[1])};
    }
    case 'stream-livechat-inquiry-queue-observer':
      return userId && eventName === QUEUE_EVENT ? {channel: channels.inquiryQueue()} : null;
    default:
      return null;
  }
}

let lastArgs: readonly unknown[] | null = null;
let lastEncoded = '';

/**
 * The EJSON of a publication's args, remembered until the current tick ends: every subscriber
 * of the channel (and a message published to the room and the agent feed alike) shares it.
 */
function encodeArgs(args: readonly unknown[]): string {
  if (args !== lastArgs) {
    if (lastArgs === null) queueMicrotask(() => (lastArgs = null));
    lastArgs = args;
    lastEncoded = ejsonStringify(args);
  }
  return lastEncoded;
}

const KNOWN_STREAMS = new Set([
  'stream-room-messages',
  'stream-livechat-room',
  'stream-notify-room',
  'stream-notify-user',
  'stream-livechat-inquiry-queue-observer',
]);

/** Live subscriptions one connection may hold: a visitor's and a logged-in agent's. */
export interface SubscriptionCaps {
  visitor: number;
  agent: number;
}

/**
 * The widget holds a handful; the agent console holds three plus one typing sub per open room
 * it serves, so a logged-in connection gets room for a busy desk.
 */
export const DEFAULT_SUBSCRIPTION_CAPS: SubscriptionCaps = {visitor: 100, agent: 2000};

/**
 * Handles a `sub` frame: checks it, then forwards every publication on its channel as a
 * `changed` frame, and answers `ready` (or `nosub` with an error). Past the connection's cap a
 * new sub gets `nosub` with `too-many-subscriptions` (every listener costs memory). A sub for
 * events the connection already gets joins that delivery (`sharedDelivery`).
 */
export function subscribe(
  context: MethodContext,
  id: string,
  name: string,
  params: unknown[],
  caps: SubscriptionCaps = DEFAULT_SUBSCRIPTION_CAPS,
): void {
  const connection: DdpConnection = context.connection;
  connection.subs.get(id)?.();
  connection.subs.delete(id);
  const cap = connection.userId ? caps.agent : caps.visitor;
  if (connection.subs.size >= cap) {
    const error = ddpError(
      'too-many-subscriptions',
      `At most ${cap} subscriptions per connection`,
      {limit: cap},
    );
    connection.send({msg: 'nosub', id, error});
    return;
  }
  if (!KNOWN_STREAMS.has(name)) {
    const error = ddpError(404, `Subscription '${name}' not found`);
    connection.send({msg: 'nosub', id, error});
    return;
  }
  const [eventName, options] = params;
  const granted =
    typeof eventName === 'string' && eventName !== ''
      ? authorizeSub(context, name, eventName, extraDataOf(options))
      : null;
  if (!granted) {
    connection.send({msg: 'nosub', id, error: ddpError('not-allowed', 'Not allowed')});
    return;
  }
  // Following a room with its token is being on the page, as setUpConnection says it.
  if (granted.token) holdVisitor(context, granted.token);
  const shared = sharedDelivery(context, name, eventName as string, granted);
  shared.ids.add(id);
  if (!granted.token) connection.agentSubs.add(id);
  connection.subs.set(id, () => {
    connection.agentSubs.delete(id);
    if (shared.ids.delete(id) && shared.ids.size === 0) shared.stop();
  });
  connection.send({msg: 'ready', subs: [id]});
  replayPlaceInLine(context, name, eventName as string, granted);
}

/** The sub ids of one connection that asked for the same events, and their one listener. */
interface SharedDelivery {
  ids: Set<string>;
  stop: () => void;
}

const deliveries = new WeakMap<DdpConnection, Map<string, SharedDelivery>>();

/**
 * The delivery of `name`/`eventName` on this connection, started on first use. Further sub ids
 * asking for the same events join it and get `ready`, as in Meteor, where each sub id is its own
 * subscription, but no second copy of each event: without this, one socket with 100 subs on its
 * room received every message 100 times. It stops when its last sub id ends.
 */
function sharedDelivery(
  context: MethodContext,
  name: string,
  eventName: string,
  granted: SubGrant,
): SharedDelivery {
  const {connection} = context;
  let byKey = deliveries.get(connection);
  if (!byKey) {
    byKey = new Map();
    deliveries.set(connection, byKey);
  }
  // The token is part of the key: a visitor's grant ends with the room, an agent's does not.
  const key = JSON.stringify([name, eventName, granted.channel, granted.token ?? null]);
  const existing = byKey.get(key);
  if (existing) return existing;
  const {streams} = context.livechat.ctx;
  // The frame `{msg:'changed', collection, id:'id', fields:{eventName, args}}`, built around
  // args that are encoded once per publication whatever the number of subscribers.
  const head =
    `{"msg":"changed","collection":${JSON.stringify(name)},"id":"id",` +
    `"fields":{"eventName":${JSON.stringify(eventName)},"args":`;
  const stopEvents = streams.subscribe(granted.channel, (args, originId) => {
    if (originId === connection.id) return;
    connection.sendEncoded(`${head}${encodeArgs(args)}}}`);
  });
  let stopRevocation = () => {};
  const shared: SharedDelivery = {
    ids: new Set(),
    stop: () => {
      stopEvents();
      stopRevocation();
      if (byKey.get(key) === shared) byKey.delete(key);
    },
  };
  if (granted.token) {
    stopRevocation = streams.subscribe(channels.visitorAccess(granted.token), ([change]) => {
      const rid = isObject(change) ? change.rid : undefined;
      if (rid !== undefined && rid !== granted.rid) return;
      // Every sub id of the delivery ends; the last one stops the listeners.
      for (const id of [...shared.ids]) {
        connection.subs.get(id)?.();
        connection.subs.delete(id);
        connection.send({msg: 'nosub', id});
      }
    });
  }
  byKey.set(key, shared);
  return shared;
}

/** Handles an `unsub` frame: stops the sub and answers `nosub`. */
export function unsubscribe(connection: DdpConnection, id: string): void {
  connection.subs.get(id)?.();
  connection.subs.delete(id);
  connection.send({msg: 'nosub', id});
}
