/**
 * The town's calendar. Dates of consent and meetings are calendar days in Japan time
 * (DOMAIN.md): a consent valid "until 2026-03-31" is valid through 2026-03-31 23:59:59
 * JST and expired from 2026-04-01 00:00 JST, whatever the server's time zone. Asia/Tokyo
 * is UTC+09:00 all year (Japan has no daylight saving time), so a fixed offset is exact.
 */
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day in Asia/Tokyo, YYYY-MM-DD, of an instant in epoch milliseconds. */
export function tokyoDayAt(ms: number): string {
  return new Date(ms + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day in Asia/Tokyo, YYYY-MM-DD, of an instant (a Date, or ISO 8601 with
 * its zone); a bare YYYY-MM-DD is already a day in the town and is returned as is.
 * Null for anything that is not a date.
 */
export function tokyoDay(at: Date | string): string | null {
  if (typeof at === 'string' && DATE.test(at)) {
    const d = new Date(`${at}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === at ? at : null;
  }
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isNaN(t) ? null : tokyoDayAt(t);
}

/**
 * Whether a date "until" which something holds (a consent's expiry) has passed at `now`:
 * it holds through the whole of its Tokyo day. What is not a date has passed (fail closed).
 */
export function isPastTokyoDay(until: string, now: Date): boolean {
  const day = tokyoDay(until);
  return day === null || day < (tokyoDay(now) as string);
}
