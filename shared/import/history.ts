/** Helpers for silo definitions: keeping what a re-import does not carry. */
import { FieldError } from './errors';

const json = (v: unknown) => JSON.stringify(v);

/**
 * History entries (consultations …): the stored ones, then the export's that are new.
 * An export usually carries the latest entry only; a re-import must not erase the rest.
 */
export function mergeHistory<T>(stored: readonly T[] | undefined, incoming: readonly T[]): T[] {
  const out = [...(stored ?? [])];
  const seen = new Set(out.map(json));
  for (const entry of incoming) {
    const key = json(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

/** Entries keyed by something (a 手帳 by its kind): the export's replace the stored ones of that key. */
export function mergeByKey<T>(
  stored: readonly T[] | undefined,
  incoming: readonly T[],
  key: (t: T) => string,
): T[] {
  const replaced = new Set(incoming.map(key));
  return [...(stored ?? []).filter((t) => !replaced.has(key(t))), ...incoming];
}

/**
 * A group of fields (a 認定, a plan): rebuilt from the row when the mapping feeds any
 * of its fields (an empty cell then clears it), kept as stored when it feeds none.
 */
export function fromRowOrKept<T>(
  mapped: ReadonlySet<string>,
  fields: readonly string[],
  fromRow: () => T,
  stored: T,
): T {
  return fields.some((f) => mapped.has(f)) ? fromRow() : stored;
}

/** Values a group needs once any of it is given, e.g. a 認定 needs its validity dates. */
export function requireTogether(
  group: string,
  values: Record<string, unknown>,
  labels: Record<string, string>,
): void {
  const missing = Object.keys(labels).filter((k) => values[k] === undefined);
  if (missing.length && missing.length < Object.keys(labels).length)
    throw new FieldError(`${group}: ${missing.map((k) => labels[k]).join(', ')} missing`);
}
