import {CLOSE_LIMITS} from '../livechat/closing.js';
import {matchFailed, matchObject, matchString, maybeString} from './match.js';
import {DdpMethodError} from './method-error.js';
import type {MethodHandler, MethodRegistry} from './method-registry.js';

/** The agent logged in on the connection (DDP `login`), else Rocket.Chat's refusal. */
function agentOfConnection({connection, desk}: Parameters<MethodHandler>[0]) {
  const agent = connection.userId ? desk.ctx.agents.findById(connection.userId) : undefined;
  if (!agent) throw new DdpMethodError('error-not-authorized', 'Not authorized');
  return agent;
}

/** `options.tags` of a close: absent, or at most `CLOSE_LIMITS.tags` short strings. */
function matchTags(options: unknown): string[] {
  if (options === undefined || options === null) return [];
  const {tags} = matchObject(options);
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags) || tags.length > CLOSE_LIMITS.tags) throw matchFailed();
  return tags.map((tag) => matchString(tag, CLOSE_LIMITS.tag));
}

/**
 * `livechat:closeRoom(roomId, comment?, {tags?})`, Rocket.Chat's agent-side close: the serving
 * agent ends the chat with an optional comment and tags, checked as `room.closeByUser` checks
 * them; true once closed.
 */
const closeRoom: MethodHandler = (context, [roomId, comment, options]) => {
  const agent = agentOfConnection(context);
  const rid = matchString(roomId, 64);
  const text = maybeString(comment, CLOSE_LIMITS.comment) ?? '';
  context.desk.closeRoom(agent, rid, text, matchTags(options));
  return true;
};

/** Registers the methods a logged-in agent calls. */
export function registerAgentMethods(registry: MethodRegistry): MethodRegistry {
  return registry.register('livechat:closeRoom', closeRoom);
}
