/**
 * Dates as agencies' exports write them, to the native YYYYMMDD every silo keeps:
 *
 * - 和暦: 令和6年4月1日, 令和元年5月1日, R6.4.1, R06/04/01, H31.4.30, S45-1-2 (also
 *   full-width digits, and lower-case era letters);
 * - 元号コード + YYMMDD, as 住民記録 systems write it: 5060401 (1 明治 … 5 令和);
 * - 西暦: 2024/04/01, 2024-4-1, 2024.4.1, 2024年4月1日, 20240401.
 *
 * A date must exist in the calendar and, for 和暦, lie within its era: H31.4.30 is the
 * last day of 平成, so H31.5.1 is refused (it is R1.5.1), as is R1.4.30.
 */
import { FieldError } from './errors';

interface Era {
  name: string;
  letter: string;
  code: string;
  /** First day, ISO. */
  start: string;
}

/**
 * Eras from 明治. 明治 dates before the 1873 calendar reform were lunar; no living
 * resident was born then, so the Gregorian start is enough.
 */
export const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', code: '1', start: '1868-01-25' },
  { name: '大正', letter: 'T', code: '2', start: '1912-07-30' },
  { name: '昭和', letter: 'S', code: '3', start: '1926-12-25' },
  { name: '平成', letter: 'H', code: '4', start: '1989-01-08' },
  { name: '令和', letter: 'R', code: '5', start: '2019-05-01' },
];

const MEIJI_START = '1868-01-25';

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO date if y-m-d exists in the Gregorian calendar, else null. */
function calendarDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

function eraOf(token: string): Era | undefined {
  const upper = token.toUpperCase();
  return ERAS.find((e) => e.name === token || e.letter === upper || e.code === token);
}

function fromEra(era: Era, year: number, m: number, d: number, raw: string): string {
  const startYear = Number(era.start.slice(0, 4));
  const iso = calendarDate(startYear + year - 1, m, d);
  if (!iso || year < 1) throw new FieldError(`no such date: "${raw}"`);
  const next = ERAS[ERAS.indexOf(era) + 1];
  if (iso < era.start || (next && iso >= next.start)) {
    const last = next ? ` (${era.name} ends on ${next.start} minus one day)` : '';
    throw new FieldError(`"${raw}" is not within ${era.name}${last}`);
  }
  return iso;
}

const ERA_NAMES = ERAS.map((e) => e.name).join('|');
const WAREKI = new RegExp(`^(${ERA_NAMES}|[MTSHRmtshr])(元|\\d{1,2})[年./-](\\d{1,2})[月./-](\\d{1,2})日?$`);
const SEIREKI = /^(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_CODE = /^([1-5])(\d{2})(\d{2})(\d{2})$/;

export const DATE_FORMATS_HINT = '令和6年4月1日, R6.4.1, 5060401, 2024/04/01 or 20240401';

/** Parses any supported form to ISO 8601 (YYYY-MM-DD); throws FieldError otherwise. */
export function parseDate(raw: string): string {
  // NFKC: full-width digits and punctuation (２０２４／０４／０１) become ASCII.
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  let m = WAREKI.exec(s);
  if (m) {
    const era = eraOf(m[1] as string) as Era;
    const year = m[2] === '元' ? 1 : Number(m[2]);
    return fromEra(era, year, Number(m[3]), Number(m[4]), raw);
  }
  m = ERA_CODE.exec(s);
  if (m) return fromEra(eraOf(m[1] as string) as Era, Number(m[2]), Number(m[3]), Number(m[4]), raw);
  m = SEIREKI.exec(s) ?? COMPACT.exec(s);
  if (m) {
    const iso = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!iso) throw new FieldError(`no such date: "${raw}"`);
    if (iso < MEIJI_START) throw new FieldError(`date before 明治: "${raw}"`);
    return iso;
  }
  throw new FieldError(`not a date: "${raw}" (expected e.g. ${DATE_FORMATS_HINT})`);
}

/** The native form every silo stores: YYYYMMDD. */
export function parseNativeDate(raw: string): string {
  return parseDate(raw).replaceAll('-', '');
}
