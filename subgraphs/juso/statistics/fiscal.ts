/**
 * 年度 (April to March) in the town's calendar: every date is placed by its calendar day
 * in Asia/Tokyo (shared/calendar.ts), whatever the server's time zone, so a
 * consultation received at 08:30 JST on 1 April counts in the new year.
 */
import { tokyoDay } from '../../../shared/calendar';

export interface FiscalMonth {
  /** 0 for April … 11 for March. */
  index: number;
  /** YYYY-MM of the calendar month. */
  yearMonth: string;
  /** As a municipal report writes it: 2026年4月. */
  label: string;
}

export interface FiscalYear {
  year: number;
  /** First and last day (YYYY-MM-DD, Tokyo). */
  from: string;
  to: string;
  /** The instants that bound the year: [startAt, endAt), ISO 8601 UTC as the store holds them. */
  startAt: string;
  endAt: string;
  /** The last day counted: `to` for a past year, today for the current one. */
  asOf: string;
  /** The months counted: all twelve for a past year, April to this month for the current one. */
  months: FiscalMonth[];
}

/** 00:00 in Tokyo of a calendar day, as an ISO instant (Tokyo is UTC+9 all year). */
export function tokyoMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+09:00`)).toISOString();
}

/** The 年度 a day (or instant) falls in. */
export function fiscalYearOf(at: Date | string): number {
  const day = tokyoDay(at);
  if (day === null) throw new Error(`not a date: ${String(at)}`);
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

export function fiscalYear(year: number, now: Date): FiscalYear {
  const from = `${year}-04-01`;
  const to = `${year + 1}-03-31`;
  const today = tokyoDay(now) as string;
  const asOf = today < to ? today : to;
  const months: FiscalMonth[] = [];
  for (let index = 0; index < 12; index++) {
    const calendarYear = index < 9 ? year : year + 1;
    const month = ((index + 3) % 12) + 1;
    const yearMonth = `${calendarYear}-${String(month).padStart(2, '0')}`;
    if (yearMonth > asOf.slice(0, 7)) break;
    months.push({ index, yearMonth, label: `${calendarYear}年${month}月` });
  }
  return {
    year,
    from,
    to,
    startAt: tokyoMidnight(from),
    endAt: tokyoMidnight(`${year + 1}-04-01`),
    asOf,
    months,
  };
}

const TOKYO_MS = 9 * 3600_000;

/**
 * The month (0 = April) of the year an instant falls in, or null when outside the months
 * counted. Called for every document counted, so by arithmetic on the instant (Tokyo is
 * UTC+9 all year) rather than through calendar strings.
 */
export function monthOf(fy: FiscalYear, at: string | null | undefined): number | null {
  if (!at) return null;
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  const tokyo = new Date(t + TOKYO_MS);
  const month = tokyo.getUTCFullYear() * 12 + tokyo.getUTCMonth() - (fy.year * 12 + 3);
  if (month < 0 || month >= fy.months.length) return null;
  // Within the months counted, but after today (the current year's last month).
  if (month === fy.months.length - 1 && tokyo.toISOString().slice(0, 10) > fy.asOf) return null;
  return month;
}

/** Whole calendar days from one Tokyo day to another (the same day: 0). */
export function daysBetween(fromAt: string, toAt: string): number {
  const a = tokyoDay(fromAt);
  const b = tokyoDay(toAt);
  if (a === null || b === null) throw new Error(`not a date: ${fromAt} / ${toAt}`);
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The median of a list (the mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
