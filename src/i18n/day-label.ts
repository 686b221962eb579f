const DAY_MS = 86_400_000;

// A render of the log asks for the day of every shown message and its neighbour: the answers
// are kept (a local date of a moment only changes with the time zone, not within a page's life).
const dayStarts = new Map<number, number>();
const MAX_KEPT_DAYS = 5000;

function startOfDay(ts: number): number {
  let start = dayStarts.get(ts);
  if (start === undefined) {
    if (dayStarts.size >= MAX_KEPT_DAYS) dayStarts.clear();
    const day = new Date(ts);
    day.setHours(0, 0, 0, 0);
    dayStarts.set(ts, (start = day.getTime()));
  }
  return start;
}

/** Calendar days from the day of `ts` to the day of `now`, in local time (≤ 0: today or later). */
export function daysBefore(ts: number, now: number): number {
  // A day with a daylight-saving change lasts 23 or 25 hours.
  return Math.round((startOfDay(now) - startOfDay(ts)) / DAY_MS);
}

const formats = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
) {
  let format = formats.get(key) as T | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

/**
 * The heading of a day in a conversation, in `locale`: "Today" and "Yesterday" in the browser's
 * own words (no translation to keep), else the weekday and date, with the year when it is not
 * this year's.
 */
export function dayLabel(ts: number, now: number, locale?: string): string {
  const days = daysBefore(ts, now);
  if (days <= 1) {
    const relative = cached(
      `r ${locale}`,
      () => new Intl.RelativeTimeFormat(locale, {numeric: 'auto'}),
    );
    const word = relative.format(days <= 0 ? 0 : -1, 'day');
    return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  }
  const withYear = new Date(ts).getFullYear() !== new Date(now).getFullYear();
  const key = `${withYear ? 'y' : 'd'} ${locale}`;
  return cached(key, () => {
    const year = withYear ? ({year: 'numeric'} as const) : {};
    return new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      ...year,
    });
  }).format(ts);
}

/** The local date of `ts` as `YYYY-MM-DD`, for a `<time datetime>`. */
export function isoDay(ts: number): string {
  const day = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}

/**
 * Whether a message at `ts` opens a new day in the conversation, after one at `previous`
 * (undefined when none is shown before it): the first message gets a heading only when it is
 * not from today, so a chat started today looks as it did.
 */
export function startsDay(ts: number, previous: number | undefined, now: number): boolean {
  if (!Number.isFinite(ts)) return false;
  if (previous === undefined || !Number.isFinite(previous)) return daysBefore(ts, now) > 0;
  return daysBefore(previous, ts) > 0;
}
