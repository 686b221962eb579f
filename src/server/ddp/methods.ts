import {isObject} from '../../core/protocol/index.js';
import {LivechatError, ddpError} from '../errors.js';
import type {DdpConnection} from './connection.js';
import {registerAgentMethods} from './agent-methods.js';
import {registerLegacyMethods} from './legacy-methods.js';
import {MethodRegistry, type MethodHandler} from './method-registry.js';
import {DdpMethodError} from './method-error.js';
import {channels} from './streams.js';
import {holdVisitor} from './visitor-binding.js';

export {DdpMethodError};

const notAllowed = () => new DdpMethodError('not-allowed', 'Not allowed');
const LOGGED_OUT = "You've been logged out by the server. Please log in again.";
const MAX_ACTIVITY_EXTRA_BYTES = 1024;

/** DDP error object for a thrown value (DdpMethodError, domain error or bug). */
export function methodError(error: unknown) {
  if (error instanceof DdpMethodError) return ddpError(error.error, error.reason);
  if (error instanceof LivechatError && error.form !== 'bare') {
    return ddpError(error.code, error.reason);
  }
  return ddpError(500, 'Internal server error');
}

/** Close code when an agent's session ends: not final, so the console reconnects, is refused. */
export const SESSION_ENDED_CLOSE = 4401;

/**
 * Ends the agent login of a connection: its agent subscriptions stop (`nosub` with the
 * logged-out error), later agent calls are refused, and the socket closes so that the console
 * logs in again, is refused, and shows its login form.
 */
function endAgentSession(connection: DdpConnection): void {
  connection.unwatchSession();
  connection.userId = null;
  const error = ddpError(403, LOGGED_OUT);
  for (const id of [...connection.agentSubs]) {
    connection.subs.get(id)?.();
    connection.subs.delete(id);
    connection.send({msg: 'nosub', id, error});
  }
  connection.close(SESSION_ENDED_CLOSE, 'logged out');
}

/** `login` with `[{resume: authToken}]`: binds an agent to the connection. */
const login: MethodHandler = ({connection, desk}, [options]) => {
  const resume = isObject(options) && typeof options.resume === 'string' ? options.resume : '';
  const session = resume ? desk.authenticate(resume) : null;
  if (!session) throw new DdpMethodError(403, LOGGED_OUT);
  connection.unwatchSession();
  connection.unwatchSession = desk.ctx.streams.subscribe(channels.agentSession(resume), () =>
    endAgentSession(connection),
  );
  connection.userId = session.agent.id;
  const tokenExpires = new Date(session.expiresAt);
  return {id: session.agent.id, token: resume, tokenExpires, type: 'resume'};
};

const logout: MethodHandler = ({connection}) => {
  connection.unwatchSession();
  connection.userId = null;
};

/**
 * `livechat:setUpConnection` `[{token}]`: binds the visitor to this socket, so that they count as
 * online until it closes (livechat/visitor-presence.ts). Once per token and socket: the tabs of
 * a site share one socket and each sends it.
 */
const setUpConnection: MethodHandler = (context, [data]) => {
  if (!isObject(data) || typeof data.token !== 'string' || data.token === '') {
    throw new DdpMethodError(400, 'Match failed');
  }
  holdVisitor(context, data.token);
};

function activityExtra(extra: unknown): Record<string, unknown> | undefined {
  if (!isObject(extra)) return undefined;
  const {token: _token, visitorToken: _visitorToken, ...rest} = extra;
  if (Object.keys(rest).length === 0) return undefined;
  return JSON.stringify(rest).length <= MAX_ACTIVITY_EXTRA_BYTES ? rest : undefined;
}

function parseActivity(event: string, value: unknown): string[] {
  if (event === 'typing') {
    if (typeof value !== 'boolean') throw new DdpMethodError(400, 'Match failed');
    return value ? ['user-typing'] : [];
  }
  const valid =
    Array.isArray(value) &&
    value.length <= 5 &&
    value.every((a) => typeof a === 'string' && a.length <= 64);
  if (!valid) throw new DdpMethodError(400, 'Match failed');
  return value as string[];
}

/**
 * `stream-notify-room` writes: `<rid>/user-activity` (`[username, activity[], extra]`) or the
 * legacy `<rid>/typing` (`[username, boolean, extra]`), from the visitor whose token matches the
 * room (extraData `token`) or from the agent serving it. Each is sent out in both forms, as a
 * transitional Rocket.Chat does. The username is the writer's own, whatever the params claim,
 * and the token never leaves the server.
 */
const notifyRoom: MethodHandler = ({connection, livechat, desk}, params) => {
  const [eventName, , rawActivity, extra] = params;
  if (typeof eventName !== 'string') throw notAllowed();
  const slash = eventName.lastIndexOf('/');
  const rid = eventName.slice(0, slash);
  const event = eventName.slice(slash + 1);
  if (slash < 1 || (event !== 'user-activity' && event !== 'typing')) throw notAllowed();
  const activity = parseActivity(event, rawActivity);
  const room = livechat.ctx.rooms.findById(rid);
  if (!room) throw notAllowed();
  let username: string;
  if (connection.userId && room.servedBy?._id === connection.userId) {
    username = room.servedBy.username;
  } else if (isObject(extra) && extra.token === room.v.token) {
    username = room.v.username;
  } else {
    throw notAllowed();
  }
  const {streams, settings} = desk.ctx;
  const rest = activityExtra(extra);
  // The draft goes to the serving agent only, and only while the server allows sneak peeks.
  const {sneakPeek, ...others} = rest ?? {};
  const hasOthers = Object.keys(others).length > 0;
  const shared = hasOthers ? [username, activity, others] : [username, activity];
  const isVisitor = username === room.v.username;
  const isPeek = typeof sneakPeek === 'string' && settings.sneakPeek && isVisitor;
  const forAgent = isPeek ? [username, activity, {...others, sneakPeek}] : shared;
  streams.publish(channels.notifyRoom(rid, 'user-activity'), shared, connection.id);
  streams.publish(channels.agentActivity(rid), forAgent, connection.id);
  const isTyping = activity.includes('user-typing');
  streams.publish(channels.notifyRoom(rid, 'typing'), [username, isTyping], connection.id);
};

/**
 * A registry holding the base methods (login, presence, typing); see legacy-methods.ts and
 * agent-methods.ts too.
 */
export function createMethodRegistry(): MethodRegistry {
  return registerAgentMethods(
    registerLegacyMethods(
      new MethodRegistry()
        .register('login', login)
        .register('logout', logout)
        .register('livechat:setUpConnection', setUpConnection)
        .register('stream-notify-room', notifyRoom),
    ),
  );
}
