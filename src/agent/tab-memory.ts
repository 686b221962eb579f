/**
 * What the console keeps for its tab across a reload, in `sessionStorage` (the login itself is
 * the browser's, session.ts): the chat that is open and each chat's unsent reply. Logging out
 * forgets it all.
 */
const PREFIX = 'live-chat-agent:';

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value) sessionStorage.setItem(PREFIX + key, value);
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage may be disabled or full: the draft then lasts as long as the page.
  }
}

/** The reply the agent left unsent in a chat. */
export const draftOf = (rid: string): string => read(`draft:${rid}`) ?? '';

/** Keeps (or, empty, forgets) the unsent reply of a chat. */
export const keepDraft = (rid: string, text: string): void => write(`draft:${rid}`, text);

/** The chat that was open before a reload. */
export const openChatOf = (): string | null => read('open');

/** Remembers which chat is open (none: null). */
export const keepOpenChat = (rid: string | null): void => write('open', rid);

/** Forgets everything above (logout, or the session was refused). */
export function forgetTab(): void {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // Nothing stored when storage is disabled.
  }
}
