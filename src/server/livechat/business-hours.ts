import type {BusinessHours, Weekday} from './settings.js';

const DAY_NAMES: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** Weekday and `HH:MM` of an instant in an IANA time zone. */
export function localTime(now: Date, timeZone: string): {day: Weekday; time: string} {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return {day: DAY_NAMES[parts.weekday!]!, time: `${parts.hour}:${parts.minute}`};
}

/** Whether `timeZone` is a zone `Intl` knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', {timeZone});
    return true;
  } catch {
    return false;
  }
}

/** True when the desk is open at `now`: business hours off, or inside today's opening time. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  const {day, time} = localTime(now, hours.timeZone);
  const today = hours.days[day];
  // `HH:MM` strings compare in time order.
  return !!today && time >= today.open && time < today.close;
}
