import type {MethodContext} from './method-registry.js';

/**
 * Visitor tokens one socket may hold online. The widget's tabs share one socket and one token; a
 * socket naming more visitors than this is not one visitor's page, and each further visitor
 * counts as present only for the grace, as a REST request does.
 */
export const MAX_VISITORS_PER_SOCKET = 20;

/**
 * The visitor `token` is on this socket: it counts as online until the socket closes, then for
 * the grace (livechat/visitor-presence.ts). `livechat:setUpConnection` says so explicitly; an
 * older client that never calls it proves the same by using the token on the socket
 * (`livechat:registerGuest`, `sendMessageLivechat`, a room subscription with the token), and
 * without this it stayed online in the console for good once it had gone. Once per token and
 * socket; unknown tokens are ignored.
 */
export function holdVisitor({connection, livechat, presence}: MethodContext, token: string): void {
  if (connection.visitorTokens.has(token)) return;
  if (!livechat.ctx.visitors.findByToken(token)) return;
  if (connection.visitorTokens.size >= MAX_VISITORS_PER_SOCKET) return presence.seen(token);
  connection.visitorTokens.add(token);
  presence.bind(token);
}
