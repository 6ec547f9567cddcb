/**
 * The workflow's input rules, pure and shared by every aggregate: trimmed text, dates,
 * lists. A malformed argument is refused with its name (errors.ts invalidArgument).
 */
import type { WelfareField } from '../../../shared/domain';
import { WELFARE_FIELDS } from '../../../shared/domain';
import { invalidArgument } from './errors';

export const MAX_TEXT = 4000;
export const MAX_ITEMS = 50;

/** Trimmed text; refused when required and blank, or longer than `max` characters. */
export function text(
  value: string | null | undefined,
  name: string,
  required = true,
  max = MAX_TEXT,
): string | null {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw invalidArgument(name, `${name} must not be blank`);
    return null;
  }
  if (trimmed.length > max) throw invalidArgument(name, `${name} is longer than ${max} characters`);
  return trimmed;
}

export function texts(values: readonly string[], name: string): string[] {
  if (values.length > MAX_ITEMS) throw invalidArgument(name, `${name}: at most ${MAX_ITEMS} entries`);
  return values.map((v, i) => text(v, `${name}[${i}]`) as string);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date, YYYY-MM-DD (monitoring dates). */
export function calendarDate(value: string, name: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw invalidArgument(name, `${name} must be a date (YYYY-MM-DD), not "${value}"`);
  return value;
}

/** A moment with its time zone, normalised to UTC ISO. */
export function instant(value: string, name: string): string {
  const t = Date.parse(value);
  if (!DATE_TIME.test(value) || Number.isNaN(t))
    throw invalidArgument(name, `${name} must be a date and time with zone (ISO 8601), not "${value}"`);
  return new Date(t).toISOString();
}

export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function welfareFields(values: readonly WelfareField[]): WelfareField[] {
  return WELFARE_FIELDS.filter((f) => values.includes(f));
}
