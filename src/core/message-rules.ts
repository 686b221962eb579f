import type {Author, MessageStatus} from './types.js';

// The rules about messages that the core, the store and the views all follow: one copy here,
// so that a new message type or field is added in one place.

// System messages Rocket.Chat's own widget shows (canRenderMessage.ts); every other `t`
// (command, navigation history, priority changes, …) stays hidden.
const VISIBLE_SYSTEM_TYPES: ReadonlySet<string> = new Set([
  'uj',
  'ul',
  'livechat-close',
  'livechat_transfer_history',
  'livechat_transfer_history_fallback',
]);

/**
 * Whether a message of `type` is shown: a normal message (no type), or a system line Rocket.Chat's
 * widget shows that the config's `hiddenSystemMessages` (`hidden`) does not hide.
 */
export function isVisibleType(type: string | undefined, hidden: readonly string[] = []): boolean {
  if (!type) return true;
  return VISIBLE_SYSTEM_TYPES.has(type) && !hidden.includes(type);
}

/** Who may author a message. */
export const AUTHOR_ROLES: readonly Author['role'][] = ['visitor', 'agent', 'system'];

/** Whether `value` is one of `AUTHOR_ROLES`. */
export function isAuthorRole(value: unknown): value is Author['role'] {
  return AUTHOR_ROLES.includes(value as Author['role']);
}

/**
 * The role of a server message: a typed one is the system's, one this visitor wrote (`isOwn`)
 * the visitor's, any other an agent's.
 */
export function roleOf(type: string | undefined, isOwn: boolean): Author['role'] {
  return type ? 'system' : isOwn ? 'visitor' : 'agent';
}

/** The statuses a message can have (a stored one with another is dropped). */
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['pending', 'sent', 'failed'];

/** The visitor's optional string fields that the stored session keeps (with the token). */
export const STORED_VISITOR_FIELDS = ['name', 'email', 'department', 'username', 'id'] as const;
