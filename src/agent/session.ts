import {isObject} from '../core/protocol/index.js';
import {forgetTab} from './tab-memory.js';
import type {AgentSession} from './types.js';

const SESSION_KEY = 'live-chat-agent-session';

/**
 * The agent's session from `localStorage`, where Rocket.Chat's own client keeps its login too:
 * it survives a reload, and a second tab of the console is logged in as well (logging out in
 * one tab logs out all, `watchSession`). Returns `null` when nothing usable is stored.
 */
export function loadSession(): AgentSession | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
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

/** Remembers the session for this browser's tabs of the console. */
export function saveSession(session: AgentSession): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage may be disabled; the console then simply asks to log in after a reload.
  }
}

/** Forgets the session (logout, or credentials refused). */
export function clearSession(): void {
  forgetTab();
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored when storage is disabled.
  }
}

/**
 * Calls `onChange` when another tab logs in (with its session) or out (with null); returns
 * the function that stops watching. A tab never hears its own writes.
 */
export function watchSession(onChange: (session: AgentSession | null) => void): () => void {
  const listener = (event: StorageEvent) => {
    // A null key: the other tab cleared all of the origin's storage.
    if (event.key === SESSION_KEY || event.key === null) onChange(loadSession());
  };
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}
