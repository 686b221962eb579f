const TIME = new Intl.DateTimeFormat(undefined, {hour: 'numeric', minute: '2-digit'});
const DATE_TIME = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

/** Short clock time for a message or a room's last activity. */
export function formatTime(ms: number): string {
  return ms > 0 ? TIME.format(ms) : '';
}

/** Full date and time, for a tooltip. */
export function formatDateTime(ms: number): string {
  return ms > 0 ? DATE_TIME.format(ms) : '';
}

/** ISO timestamp for a `<time datetime>` attribute. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

// Explicit embeddings, overrides and isolates (LRE…RLO, LRI…PDI).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A visitor-given name as the console shows it: without bidi control characters, which would
 * otherwise show "Mallory" as "yrollaM". The markup still isolates it (`<bdi>`), so that a
 * right-to-left name never reorders the text around it.
 */
export function displayName(name: string): string {
  return name.replace(BIDI_CONTROLS, '');
}

/** A mail the SMTP server refused for good, with its reason (it is not retried). */
export function mailFailure(reason: string): string {
  return reason ? `Mail not sent: ${reason}` : 'Mail not sent';
}
