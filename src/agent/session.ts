import {isObject} from '../core/protocol/index.js';
import {forgetTab} from './tab-memory.js';
import type {AgentSession} from './types.js';

const SESSION_KEY = 'live-chat-agent-session';

/**
 * The agent's session from `sessionStorage`: it survives a reload of the tab, and closing
 * the tab logs out. Returns `null` when nothing usable is stored.
 */
export function loadSession(): AgentSession | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (!isObject(value) || !isObject(value.me)) return null;
    const {userId, authToken, me} = value;
    if (typeof userId !== 'string' || typeof authToken !== 'string') return null;
    if (typeof me._id !== 'string' || typeof me.username !== 'string') return null;
    const name = typeof me.name === 'string' ? me.name : undefined;
    return {userId, authToken, me: {_id: me._id, username: me.username, name}};
  } catch {
    return null;
  }
}

/** Remembers the session for this tab. */
export function saveSession(session: AgentSession): void {
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage may be disabled; the console then simply asks to log in after a reload.
  }
}

/** Forgets the session (logout, or credentials refused). */
export function clearSession(): void {
  forgetTab();
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored when storage is disabled.
  }
}
