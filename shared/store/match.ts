/**
 * MongoDB's matching and ordering rules that the embedded store needs outside mingo:
 * the values a dotted path reaches, a fast matcher for equality and `$in` filters, the
 * index-usable conditions of a filter, and sort order across types.
 */
import { Query } from 'mingo';
import type { Filter, StoredDoc } from './types';

export function getPath(doc: unknown, dotted: string): unknown {
  let cur: unknown = doc;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Every value a dotted path reaches, as MongoDB sees it: a path through an array of
 * documents reaches into each element (`team.agencyId` over `team: [{agencyId}, …]`),
 * and an array at the end contributes its elements (multikey). `arrays.hit` is set when
 * an array was crossed, which makes an index on the path multikey.
 */
export function pathValues(node: unknown, parts: readonly string[], arrays?: { hit: boolean }): unknown[] {
  if (parts.length === 0) {
    if (Array.isArray(node)) {
      if (arrays) arrays.hit = true;
      return node;
    }
    return node === undefined ? [] : [node];
  }
  if (Array.isArray(node)) {
    if (arrays) arrays.hit = true;
    return node.flatMap((item) => pathValues(item, parts, arrays));
  }
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = parts as [string, ...string[]];
  return pathValues((node as Record<string, unknown>)[head], rest, arrays);
}

export type Primitive = string | number | boolean;
export const isPrimitive = (v: unknown): v is Primitive =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Values an equality condition can take: `{f: v}`, `{f: {$eq: v}}` or `{f: {$in: [...]}}`. */
export function equalityValues(condition: unknown): unknown[] | null {
  if (!isPlainObject(condition)) return Array.isArray(condition) ? null : [condition];
  const keys = Object.keys(condition);
  if (keys.length === 1 && keys[0] === '$in') {
    const list = condition.$in;
    return Array.isArray(list) ? list : null;
  }
  if (keys.length === 1 && keys[0] === '$eq') return [condition.$eq];
  return null;
}

/** A range an index can answer: bounds of one type (numbers or strings). */
export interface Range {
  type: 'number' | 'string';
  gt?: Primitive;
  gte?: Primitive;
  lt?: Primitive;
  lte?: Primitive;
}

/** `{f: {$gt: 1, $lte: 9}}` → a range; anything else (mixed types, other operators) → null. */
export function rangeOf(condition: unknown): Range | null {
  if (!isPlainObject(condition)) return null;
  const keys = Object.keys(condition);
  if (keys.length === 0) return null;
  let type: Range['type'] | null = null;
  const range: Partial<Range> = {};
  for (const key of keys) {
    if (key !== '$gt' && key !== '$gte' && key !== '$lt' && key !== '$lte') return null;
    const bound = condition[key];
    const t = typeof bound === 'number' && Number.isFinite(bound) ? 'number' : typeof bound;
    if (t !== 'number' && t !== 'string') return null;
    if (type !== null && type !== t) return null;
    type = t;
    range[key.slice(1) as 'gt' | 'gte' | 'lt' | 'lte'] = bound as Primitive;
  }
  return type ? { ...range, type } : null;
}

/**
 * `{arr: {$elemMatch: {f: v}}}` with primitive equality inside: the same documents are
 * among those whose `arr.f` index holds v, so that index can supply the candidates.
 */
export function elemMatchEqualities(field: string, condition: unknown): [string, unknown[]][] {
  if (!isPlainObject(condition) || Object.keys(condition).length !== 1) return [];
  const inner = condition.$elemMatch;
  if (!isPlainObject(inner)) return [];
  const out: [string, unknown[]][] = [];
  for (const [k, v] of Object.entries(inner)) {
    if (k.startsWith('$')) continue;
    const values = equalityValues(v);
    if (values) out.push([`${field}.${k}`, values]);
  }
  return out;
}

/**
 * The repositories' lookups are equality and `$in` on strings, numbers and booleans
 * (`{ _id: { $in: ids } }`, `{ personIds: { $in: ids }, status: 'OPEN' }`). Those are
 * matched here as MongoDB matches them (a path reaches into arrays of documents; an
 * array matches when one of its elements does), without compiling a mingo query per
 * read, which was a quarter of a subgraph's CPU under the dashboard benchmark. Any
 * other filter (null, objects, operators, `$or`, regex) returns null and goes to mingo.
 */
export function equalityMatcher(filter: Filter): ((doc: StoredDoc) => boolean) | null {
  const conditions: { parts: string[]; values: Primitive[] }[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key.startsWith('$')) return null;
    const values = equalityValues(condition);
    const parts = key.split('.');
    // Numeric segments are array positions in MongoDB (`a.0`): left to mingo.
    if (!values || !values.every(isPrimitive) || parts.some((p) => /^\d+$/.test(p))) return null;
    conditions.push({ parts, values });
  }
  return (doc) =>
    conditions.every(({ parts, values }) =>
      pathValues(doc, parts).some((v) => values.includes(v as Primitive)),
    );
}

/** The test a filter makes, as MongoDB (mingo) defines it. */
export function matcher(filter: Filter): (doc: StoredDoc) => boolean {
  const fast = equalityMatcher(filter);
  if (fast) return fast;
  const query = new Query(filter);
  return (doc) => query.test(doc);
}

/** BSON's order of types: null < numbers < strings < objects < arrays < booleans. */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'object') return 3;
  if (typeof v === 'boolean') return 5;
  return 6;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2 || ra === 5) {
    const x = a as Primitive;
    const y = b as Primitive;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 0) return 0;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value a document sorts by: an array sorts by its least element ascending, greatest descending. */
function sortKey(doc: StoredDoc, field: string, dir: 1 | -1): unknown {
  const values = pathValues(doc, field.split('.'));
  if (values.length === 0) return null;
  let best = values[0];
  for (const v of values.slice(1)) if (compareValues(v, best) * dir < 0) best = v;
  return best;
}

/** A comparator for `sort: { field: 1 | -1, … }` as MongoDB orders documents. */
export function sorter(sort: Record<string, 1 | -1>): (a: StoredDoc, b: StoredDoc) => number {
  const order = Object.entries(sort);
  return (a, b) => {
    for (const [field, dir] of order) {
      const c = compareValues(sortKey(a, field, dir), sortKey(b, field, dir));
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}
