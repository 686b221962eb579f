import type {AdminDepartment} from './admin-api.js';

/** A username the server takes. */
export const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
/** Loosely an email address: the server's mail transport says the rest. */
export const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Whether the browser knows `zone` as an IANA time zone. */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: zone});
    return true;
  } catch {
    return false;
  }
};

/** A department id from its name: readable, and unique among the others. */
export function departmentId(name: string, taken: readonly AdminDepartment[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'department';
  let id = base;
  for (let n = 2; taken.some((d) => d._id === id); n++) id = `${base}-${n}`;
  return id;
}
