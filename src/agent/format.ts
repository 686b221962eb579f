const TIME = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});
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
