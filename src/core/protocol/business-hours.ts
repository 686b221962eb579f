/** The days of the reference server's business hours, Monday first (server and console). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One weekday's opening time, `HH:MM`. */
export interface OpeningTime {
  open: string;
  close: string;
}
