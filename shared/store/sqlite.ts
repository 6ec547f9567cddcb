/**
 * The embedded store: the store interface on SQLite (better-sqlite3), one database file
 * per service, for towns that run without a database server, and in memory for tests.
 *
 * Layout (docs/STORAGE.md): each collection is a table `c:<name>` of (id, doc JSON);
 * each index a side table `i:<name>:<keys>` of (type, value, …, id) rows, one row per
 * key a document has (several for a path through arrays: multikey), written in the same
 * transaction as the document. Keys are stored as (BSON type rank, SQLite value), so
 * numbers compare as numbers, strings as strings, and types sort in MongoDB's order:
 * equality, `$in` and ranges on an indexed field, and a sort on it with a limit, are
 * answered by SQLite's B-trees. The rest of a filter is evaluated by mingo on the
 * candidate rows only. Documents are never cached in memory: every read goes to the
 * database, so writes by another process (an import, a seed, `npm run link`) are seen
 * on the next read.
 *
 * Each write is one `BEGIN IMMEDIATE` transaction (all or nothing), committed with
 * `synchronous=FULL` in WAL mode, so an acknowledged write survives a crash or power
 * cut; other processes wait up to `busy_timeout` for the write lock.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { update as applyUpdate } from 'mingo';
import type { JournalEntry } from './journal';
import { JOURNAL_FILE, MIGRATED_SUFFIX, replayJournal } from './journal';
import type { Primitive, Range } from './match';
import {
  elemMatchEqualities,
  equalityValues,
  isPrimitive,
  matcher,
  pathValues,
  rangeOf,
  sorter,
} from './match';
import type {
  Collection,
  Filter,
  FindOptions,
  IndexSpec,
  Store,
  StoredDoc,
  StoreStats,
  Update,
  UpdateResult,
} from './types';
import { DuplicateKeyError } from './types';

/** The database file inside a service's data folder. */
export const STORE_FILE = 'store.sqlite';
/** How long a write waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;
const FORMAT = '1';

type SqlValue = number | string;
type Statement = Database.Statement<unknown[], unknown>;
interface Sql {
  sql: string;
  params: SqlValue[];
}

interface IndexDef {
  keys: string[];
  parts: string[][];
  unique: boolean;
  sparse: boolean;
  /** Some document has an array on the path: rows per document vary, so no ordered walks. */
  multikey: boolean;
  table: string;
}

interface CollectionDef {
  name: string;
  table: string;
  indexes: IndexDef[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const dataTable = (collection: string) => quote(`c:${collection}`);
const indexTable = (collection: string, keys: readonly string[]) =>
  quote(`i:${collection}:${keys.join(',')}`);
const idIndexName = (collection: string, keys: readonly string[]) =>
  quote(`x:${collection}:${keys.join(',')}`);

/** An index key as stored: BSON type rank (null 0, number 1, string 2, object 3, array 4, boolean 5) and value. */
function encodeKey(v: unknown): [number, SqlValue] {
  if (typeof v === 'number') return Number.isFinite(v) ? [1, v] : [0, 0]; // JSON stores NaN as null
  if (typeof v === 'string') return [2, v];
  if (typeof v === 'boolean') return [5, v ? 1 : 0];
  if (v === null || v === undefined) return [0, 0];
  return Array.isArray(v) ? [4, JSON.stringify(v)] : [3, JSON.stringify(v)];
}
const tagOf = (v: Primitive) => encodeKey(v)[0];

/** By code, not class: the native addon keeps the SqliteError class of the first module registry that loaded it (Jest has one per test file). */
function isConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The documents with these ids in natural (insertion) order. Through the rowids: SQLite
 * reads them from a sorted list as it goes, instead of sorting whole documents before the
 * first row comes out (7 ms instead of 60 ms for the first 5 of 14,000 candidates).
 */
function naturalOrder(table: string, ids: string): string {
  return `SELECT doc FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE id IN (${ids})) ORDER BY rowid`;
}

type Plan =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'eq'; index: IndexDef; values: Primitive[] }
  | { kind: 'range'; index: IndexDef; range: Range }
  | { kind: 'scan' };

export interface EmbeddedStoreOptions {
  /** Folder for the database file (`store.sqlite`); without it the store lives in memory (tests). */
  dataDir?: string;
  /**
   * How a write is made durable before it is acknowledged (a file store only):
   * - `commit` (default): `synchronous=FULL`, the WAL fsynced inside the commit, on the
   *   event loop; a write is never visible to a reader before it is durable.
   * - `wal-fsync`: `synchronous=NORMAL`, then the WAL file fsynced on the thread pool
   *   before the write's promise resolves. As durable once acknowledged (the WAL holds
   *   every frame up to the commit; fsync flushes them; a checkpoint syncs the WAL first),
   *   but a reader may see the write a moment before it is durable. For the audit log,
   *   whose guarantee is "written before the answer leaves", not "invisible until then":
   *   the gateway's event loop no longer waits for the disk (issue 13).
   */
  durability?: 'commit' | 'wal-fsync';
}

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  readonly stats: StoreStats = { reads: 0, writes: 0 };
  /** The database file, or null in memory. */
  readonly file: string | null;
  /** Tests set this to simulate a failing disk: every write is refused before it applies. */
  failWrites = false;

  private readonly db: Database.Database;
  /** Other connections may change the catalog (collections, indexes): checked per operation. */
  private readonly shared: boolean;
  private catalog = new Map<string, CollectionDef>();
  /** The catalog version this process last read; '' forces a reload. */
  private epoch = '';
  private readonly statements = new Map<string, Statement>();
  private readonly handles = new Map<string, Collection<StoredDoc>>();
  private readonly tx: Database.Transaction<(work: () => unknown) => unknown>;
  /** `wal-fsync`: the WAL file, opened on the first flush (SQLite creates it lazily). */
  private readonly walSync: boolean;
  private wal: Promise<fs.promises.FileHandle> | null = null;

  constructor(options: EmbeddedStoreOptions = {}) {
    if (options.dataDir) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      this.file = path.join(options.dataDir, STORE_FILE);
    } else this.file = null;
    this.shared = this.file !== null;
    this.walSync = this.shared && options.durability === 'wal-fsync';
    this.db = new Database(this.file ?? ':memory:', { timeout: BUSY_TIMEOUT_MS });
    if (this.shared) {
      // WAL: readers never block the writer or each other, across processes.
      this.db.pragma('journal_mode = WAL');
      // FULL: the WAL is fsynced at every commit, so an acknowledged write survives a power
      // cut (NORMAL would survive a process crash only). A commit costs one fsync (~0.3 ms here).
      // (`wal-fsync`: NORMAL, and the WAL is fsynced off the event loop before acknowledging.)
      this.db.pragma(this.walSync ? 'synchronous = NORMAL' : 'synchronous = FULL');
      // Bounded page cache (16 MiB) and WAL file (truncated to 64 MiB after a checkpoint).
      this.db.pragma('cache_size = -16384');
      this.db.pragma('journal_size_limit = 67108864');
    }
    this.tx = this.db.transaction((work: () => unknown) => {
      if (this.shared) this.refresh();
      return work();
    });
    this.db.transaction(() => this.createSchema()).immediate();
    if (options.dataDir) this.migrateJournal(options.dataDir);
  }

  private createSchema(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _meta (k TEXT PRIMARY KEY NOT NULL, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (
        coll TEXT NOT NULL, keys TEXT NOT NULL, uniq INTEGER NOT NULL, sparse INTEGER NOT NULL,
        multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (coll, keys));
    `);
    const format = this.getMeta('format');
    if (format !== null && format !== FORMAT)
      throw new Error(
        `embedded store ${this.file}: format ${format} is not ${FORMAT} (a newer version wrote it)`,
      );
    if (format === null) this.setMeta('format', FORMAT);
    if (this.getMeta('catalog') === null) this.bumpEpoch();
    this.refresh();
  }

  // ---- plumbing -------------------------------------------------------------------

  private stmt(sql: string, pluck = false): Statement {
    const key = (pluck ? 'P' : 'R') + sql;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      if (pluck) s.pluck();
      this.statements.set(key, s);
    }
    return s;
  }

  private getMeta(k: string): string | null {
    return (this.stmt('SELECT v FROM _meta WHERE k = ?', true).get(k) as string | undefined) ?? null;
  }

  private setMeta(k: string, v: string): void {
    this.stmt('INSERT INTO _meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v').run(k, v);
  }

  /** Marks a catalog change, so other connections reload theirs before their next operation. */
  private bumpEpoch(): void {
    this.epoch = randomBytes(8).toString('hex');
    this.setMeta('catalog', this.epoch);
  }

  /** Reloads collections and index definitions if another connection changed them. */
  private refresh(): void {
    const epoch = this.getMeta('catalog') ?? '';
    if (epoch === this.epoch) return;
    const catalog = new Map<string, CollectionDef>();
    for (const name of this.stmt('SELECT name FROM _collections', true).all() as string[])
      catalog.set(name, { name, table: dataTable(name), indexes: [] });
    const rows = this.stmt(
      'SELECT coll, keys, uniq, sparse, multikey FROM _indexes ORDER BY rowid',
    ).all() as {
      coll: string;
      keys: string;
      uniq: number;
      sparse: number;
      multikey: number;
    }[];
    for (const row of rows) {
      const keys = JSON.parse(row.keys) as string[];
      catalog.get(row.coll)?.indexes.push({
        keys,
        parts: keys.map((k) => k.split('.')),
        unique: row.uniq === 1,
        sparse: row.sparse === 1,
        multikey: row.multikey === 1,
        table: indexTable(row.coll, keys),
      });
    }
    this.catalog = catalog;
    this.epoch = epoch;
    // Statements on dropped tables would fail; the cache refills on demand.
    this.statements.clear();
  }

  /** A consistent read: one snapshot for the catalog check and the query. */
  read<R>(work: () => R): R {
    if (!this.shared || this.db.inTransaction) return work();
    return this.tx.deferred(work) as R;
  }

  /** One write transaction, all or nothing; the catalog is reloaded if it rolled back. */
  write<R>(work: () => R): R {
    if (this.failWrites) throw new Error('store unavailable');
    try {
      return this.tx.immediate(work) as R;
    } catch (error) {
      this.epoch = '';
      if (!this.shared) this.refresh();
      throw error;
    }
  }

  private ensureCollection(name: string): CollectionDef {
    const found = this.catalog.get(name);
    if (found) return found;
    const def: CollectionDef = { name, table: dataTable(name), indexes: [] };
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${def.table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
    this.stmt('INSERT OR IGNORE INTO _collections (name) VALUES (?)').run(name);
    this.catalog.set(name, def);
    this.bumpEpoch();
    return def;
  }

  // ---- index keys -----------------------------------------------------------------

  /** The rows a document contributes to an index: [t0, v0, t1, v1, …] per key. */
  private indexRows(index: IndexDef, doc: StoredDoc): { rows: SqlValue[][]; multikey: boolean } {
    const arrays = { hit: false };
    let rows: SqlValue[][] = [[]];
    for (const parts of index.parts) {
      let values = pathValues(doc, parts, arrays);
      if (values.length === 0) {
        // A missing field is a null key (as MongoDB indexes it), unless the index is sparse.
        if (index.sparse) return { rows: [], multikey: arrays.hit };
        values = [null];
      }
      const keys = values.map(encodeKey);
      rows = rows.flatMap((row) => keys.map((k) => [...row, ...k]));
    }
    if (rows.length > 1) {
      const seen = new Set<string>();
      rows = rows.filter((r) => {
        const k = JSON.stringify(r);
        return seen.has(k) ? false : (seen.add(k), true);
      });
    }
    return { rows, multikey: arrays.hit };
  }

  private insertKeys(coll: CollectionDef, index: IndexDef, doc: StoredDoc): void {
    const { rows, multikey } = this.indexRows(index, doc);
    if (multikey && !index.multikey) {
      this.stmt('UPDATE _indexes SET multikey = 1 WHERE coll = ? AND keys = ?').run(
        coll.name,
        JSON.stringify(index.keys),
      );
      index.multikey = true;
      this.bumpEpoch();
    }
    if (rows.length === 0) return;
    const cols = index.keys.map((_, i) => `t${i}, v${i}`).join(', ');
    const marks = index.keys.map(() => '?, ?').join(', ');
    const insert = this.stmt(
      `INSERT ${index.unique ? '' : 'OR IGNORE '}INTO ${index.table} (${cols}, id) VALUES (${marks}, ?)`,
    );
    for (const row of rows) {
      try {
        insert.run(...row, doc._id);
      } catch (error) {
        if (!isConstraint(error)) throw error;
        const values = row.filter((_, i) => i % 2 === 1);
        throw new DuplicateKeyError(coll.name, `${index.keys.join(',')}=${JSON.stringify(values)}`);
      }
    }
  }

  private deleteKeys(index: IndexDef, id: string): void {
    this.stmt(`DELETE FROM ${index.table} WHERE id = ?`).run(id);
  }

  // ---- planning and reading -------------------------------------------------------

  /** Which index (if any) supplies the candidate rows for a filter. */
  private plan(coll: CollectionDef, filter: Filter): Plan {
    if ('_id' in filter) {
      const values = equalityValues(filter._id);
      // _ids are strings: other values match nothing, so they add no candidates.
      if (values && values.every(isPrimitive))
        return { kind: 'ids', ids: values.filter((v): v is string => typeof v === 'string') };
    }
    const options: Extract<Plan, { kind: 'eq' }>[] = [];
    let range: Plan | null = null;
    const lookup = (field: string) =>
      coll.indexes.find((i) => i.keys[0] === field && (i.keys.length === 1 || !i.sparse));
    const consider = (field: string, values: unknown[]) => {
      const index = lookup(field);
      if (index && values.every(isPrimitive))
        options.push({ kind: 'eq', index, values: values as Primitive[] });
    };
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const values = equalityValues(condition);
      if (values) consider(field, values);
      else {
        const bounds = rangeOf(condition);
        const index = bounds && lookup(field);
        if (bounds && index && !range) range = { kind: 'range', index, range: bounds };
        for (const [subField, subValues] of elemMatchEqualities(field, condition))
          consider(subField, subValues);
      }
    }
    if (options.length === 0) return range ?? { kind: 'scan' };
    if (options.length === 1) return options[0] as Plan;
    // Several indexed conditions: the one with the fewest entries (counted up to a cap)
    // supplies the candidates; the others are checked on them.
    let best = options[0] as Extract<Plan, { kind: 'eq' }>;
    let fewest = Infinity;
    for (const option of options) {
      const q = this.eqIdsSql(option.index, option.values);
      const n = q
        ? (this.stmt(`SELECT count(*) FROM (${q.sql} LIMIT 1000)`, true).get(...q.params) as number)
        : 0;
      if (n < fewest) [best, fewest] = [option, n];
    }
    return best;
  }

  private rangeSql(range: Range): { where: string; params: SqlValue[] } {
    const where = ['i.t0 = ?'];
    const params: SqlValue[] = [range.type === 'number' ? 1 : 2];
    const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
      const bound = range[key];
      if (bound === undefined) continue;
      where.push(`i.v0 ${ops[key]} ?`);
      params.push(bound as SqlValue);
    }
    return { where: where.join(' AND '), params };
  }

  /** The ids whose index entries hold one of these values (of any type). Null: none. */
  private eqIdsSql(index: IndexDef, values: readonly Primitive[]): Sql | null {
    if (values.length === 0) return null;
    const byTag = new Map<number, Primitive[]>();
    for (const v of values) {
      const tag = tagOf(v);
      byTag.set(tag, [...(byTag.get(tag) ?? []), v]);
    }
    const parts: string[] = [];
    const params: SqlValue[] = [];
    for (const [tag, list] of byTag) {
      if (list.length === 1) {
        parts.push(`SELECT id FROM ${index.table} WHERE t0 = ${tag} AND v0 = ?`);
        params.push(encodeKey(list[0])[1]);
      } else {
        parts.push(
          `SELECT id FROM ${index.table} WHERE t0 = ${tag} AND v0 IN (SELECT value FROM json_each(?))`,
        );
        params.push(JSON.stringify(list));
      }
    }
    return { sql: parts.join(' UNION ALL '), params };
  }

  /** The query for the documents (as JSON) a plan selects: a superset of the matches, in natural order. Null: none. */
  private candidatesSql(coll: CollectionDef, plan: Plan): Sql | null {
    const t = coll.table;
    switch (plan.kind) {
      case 'ids':
        if (plan.ids.length === 0) return null;
        if (plan.ids.length === 1)
          return { sql: `SELECT doc FROM ${t} WHERE id = ?`, params: [plan.ids[0] as string] };
        return {
          sql: naturalOrder(t, 'SELECT value FROM json_each(?)'),
          params: [JSON.stringify(plan.ids)],
        };
      case 'eq': {
        const ids = this.eqIdsSql(plan.index, plan.values);
        if (!ids) return null;
        return { sql: naturalOrder(t, ids.sql), params: ids.params };
      }
      case 'range': {
        const { where, params } = this.rangeSql(plan.range);
        return {
          sql: naturalOrder(t, `SELECT i.id FROM ${plan.index.table} i WHERE ${where}`),
          params,
        };
      }
      case 'scan':
        return { sql: `SELECT doc FROM ${t}`, params: [] };
    }
  }

  /**
   * The query for the documents in sort order straight from an index, when the sort is
   * on one field that a complete (not sparse), single-valued (not multikey) index leads
   * with, and the filter needs no other index: `find({}, {sort: {seq: -1}, limit: 1})`,
   * or paging with `{seq: {$gt: last}}`. Null when the rows must be sorted after matching.
   */
  private orderedSql(coll: CollectionDef, plan: Plan, sort: Record<string, 1 | -1>): Sql | null {
    const fields = Object.entries(sort);
    if (fields.length !== 1) return null;
    const [field, dir] = fields[0] as [string, 1 | -1];
    const desc = dir === -1 ? 'DESC' : 'ASC';
    if (field === '_id' && plan.kind === 'scan')
      return { sql: `SELECT doc FROM ${coll.table} ORDER BY id ${desc}`, params: [] };
    const index = coll.indexes.find((i) => i.keys[0] === field && !i.sparse && !i.multikey);
    if (!index) return null;
    let where = '';
    let params: SqlValue[] = [];
    if (plan.kind === 'range' && plan.index === index) ({ where, params } = this.rangeSql(plan.range));
    else if (plan.kind !== 'scan') return null;
    // CROSS JOIN: SQLite keeps the index as the outer loop, so rows come in its order.
    return {
      sql:
        `SELECT c.doc FROM ${index.table} i CROSS JOIN ${coll.table} c ON c.id = i.id ` +
        `${where ? `WHERE ${where} ` : ''}ORDER BY i.t0 ${desc}, i.v0 ${desc}`,
      params,
    };
  }

  /** The query a find runs, and whether its rows come sorted. */
  private findSql(
    coll: CollectionDef,
    filter: Filter,
    sort?: Record<string, 1 | -1>,
  ): { q: Sql | null; ordered: boolean } {
    const plan = this.plan(coll, filter);
    const ordered = sort ? this.orderedSql(coll, plan, sort) : null;
    return ordered ? { q: ordered, ordered: true } : { q: this.candidatesSql(coll, plan), ordered: false };
  }

  findNow<T extends StoredDoc>(name: string, filter: Filter, options: FindOptions = {}): T[] {
    const coll = this.catalog.get(name);
    if (!coll) return [];
    const test = matcher(filter);
    const sort = options.sort && Object.keys(options.sort).length ? options.sort : undefined;
    // MongoDB: a limit of 0 is no limit.
    const limit = options.limit ? options.limit : Infinity;
    const { q, ordered } = this.findSql(coll, filter, sort);
    if (!q) return [];
    const out: T[] = [];
    // Rows are parsed one at a time (each parse is a fresh copy the caller may change);
    // leaving the loop early closes the statement.
    for (const json of this.stmt(q.sql, true).iterate(...q.params) as Iterable<string>) {
      const doc = JSON.parse(json) as T;
      if (!test(doc)) continue;
      out.push(doc);
      if ((!sort || ordered) && out.length >= limit) break;
    }
    if (sort && !ordered) {
      out.sort(sorter(sort));
      if (out.length > limit) out.length = limit;
    }
    return out;
  }

  countNow(name: string, filter: Filter): number {
    const coll = this.catalog.get(name);
    if (!coll) return 0;
    if (Object.keys(filter).length === 0)
      return this.stmt(`SELECT count(*) FROM ${coll.table}`, true).get() as number;
    const test = matcher(filter);
    const q = this.candidatesSql(coll, this.plan(coll, filter));
    if (!q) return 0;
    let n = 0;
    for (const json of this.stmt(q.sql, true).iterate(...q.params) as Iterable<string>)
      if (test(JSON.parse(json) as StoredDoc)) n++;
    return n;
  }

  // ---- writing --------------------------------------------------------------------

  private insertDoc(coll: CollectionDef, doc: StoredDoc): void {
    if (typeof doc._id !== 'string') throw new Error(`a document of ${coll.name} needs a string _id`);
    try {
      this.stmt(`INSERT INTO ${coll.table} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc));
    } catch (error) {
      if (isConstraint(error)) throw new DuplicateKeyError(coll.name, `_id=${doc._id}`);
      throw error;
    }
    for (const index of coll.indexes) this.insertKeys(coll, index, doc);
  }

  /** Replaces whole documents by _id. Old keys of every replaced document go first, so keys may move between them. */
  private upsertDocs(coll: CollectionDef, docs: readonly StoredDoc[]): void {
    const byId = new Map<string, StoredDoc>();
    for (const doc of docs) {
      if (typeof doc._id !== 'string') throw new Error(`a document of ${coll.name} needs a string _id`);
      byId.set(doc._id, doc);
    }
    for (const index of coll.indexes) for (const id of byId.keys()) this.deleteKeys(index, id);
    const put = this.stmt(
      `INSERT INTO ${coll.table} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
    );
    for (const doc of byId.values()) {
      put.run(doc._id, JSON.stringify(doc));
      for (const index of coll.indexes) this.insertKeys(coll, index, doc);
    }
  }

  private deleteIds(coll: CollectionDef, ids: readonly string[]): void {
    const del = this.stmt(`DELETE FROM ${coll.table} WHERE id = ?`);
    for (const id of ids) {
      del.run(id);
      for (const index of coll.indexes) this.deleteKeys(index, id);
    }
  }

  insertManyNow(name: string, docs: readonly StoredDoc[]): void {
    if (docs.length === 0) return;
    this.write(() => {
      const coll = this.ensureCollection(name);
      for (const doc of docs) this.insertDoc(coll, doc);
    });
  }

  upsertManyNow(name: string, docs: readonly StoredDoc[]): void {
    if (docs.length === 0) return;
    this.write(() => this.upsertDocs(this.ensureCollection(name), docs));
  }

  updateOneNow(name: string, filter: Filter, update: Update, upsert: boolean): UpdateResult {
    return this.write(() => {
      const coll = this.ensureCollection(name);
      const [target] = this.findNow<StoredDoc>(name, filter, { limit: 1 });
      const options = { cloneMode: 'deep' } as const;
      const ops = update as Parameters<typeof applyUpdate>[1];
      if (!target) {
        if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
        // As MongoDB does: equality fields of the filter seed the new document.
        const seed: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(filter))
          if (!k.startsWith('$') && (v === null || typeof v !== 'object')) seed[k] = v;
        applyUpdate(seed, ops, undefined, undefined, options);
        if (typeof seed._id !== 'string')
          throw new Error(`upsert into ${name} needs a string _id in the filter or update`);
        this.insertDoc(coll, seed as StoredDoc);
        return { matchedCount: 0, modifiedCount: 0, upsertedId: seed._id };
      }
      const next = structuredClone(target);
      const changed = applyUpdate(next, ops, undefined, undefined, options);
      if (next._id !== target._id) throw new Error(`update of ${name} may not change _id`);
      if (changed.length === 0) return { matchedCount: 1, modifiedCount: 0, upsertedId: null };
      this.stmt(`UPDATE ${coll.table} SET doc = ? WHERE id = ?`).run(JSON.stringify(next), next._id);
      for (const index of coll.indexes) {
        const before = JSON.stringify(this.indexRows(index, target).rows);
        if (before === JSON.stringify(this.indexRows(index, next).rows)) continue;
        this.deleteKeys(index, next._id);
        this.insertKeys(coll, index, next);
      }
      return { matchedCount: 1, modifiedCount: 1, upsertedId: null };
    });
  }

  deleteManyNow(name: string, filter: Filter): number {
    return this.write(() => {
      const coll = this.catalog.get(name);
      if (!coll) return 0;
      if (Object.keys(filter).length === 0) {
        const n = this.stmt(`DELETE FROM ${coll.table}`).run().changes;
        for (const index of coll.indexes) this.stmt(`DELETE FROM ${index.table}`).run();
        return n;
      }
      const exact = this.exactIdsSql(coll, filter);
      if (exact) return this.deleteWhereIdIn(coll, exact);
      // Matched first, deleted after: a statement cannot write while another reads.
      const ids = this.findNow<StoredDoc>(name, filter).map((d) => d._id);
      this.deleteIds(coll, ids);
      return ids.length;
    });
  }

  /**
   * The ids a one-condition filter selects, when its index answers it exactly (equality,
   * `$in` or a range on the indexed path): no document needs reading. Null otherwise.
   */
  private exactIdsSql(coll: CollectionDef, filter: Filter): Sql | null {
    const fields = Object.keys(filter);
    if (fields.length !== 1) return null;
    const plan = this.plan(coll, filter);
    if ((plan.kind !== 'eq' && plan.kind !== 'range') || plan.index.keys[0] !== fields[0]) return null;
    if (plan.kind === 'eq')
      return this.eqIdsSql(plan.index, plan.values) ?? { sql: 'SELECT NULL WHERE 0', params: [] };
    const { where, params } = this.rangeSql(plan.range);
    return { sql: `SELECT i.id FROM ${plan.index.table} i WHERE ${where}`, params };
  }

  /** Deletes in SQL (archiving a million audit records parses none of them); the ids are staged first. */
  private deleteWhereIdIn(coll: CollectionDef, ids: Sql): number {
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS doomed (id TEXT PRIMARY KEY NOT NULL)');
    this.stmt('DELETE FROM temp.doomed').run();
    this.stmt(`INSERT OR IGNORE INTO temp.doomed (id) ${ids.sql}`).run(...ids.params);
    const n = this.stmt(`DELETE FROM ${coll.table} WHERE id IN (SELECT id FROM temp.doomed)`).run().changes;
    for (const index of coll.indexes)
      this.stmt(`DELETE FROM ${index.table} WHERE id IN (SELECT id FROM temp.doomed)`).run();
    this.stmt('DELETE FROM temp.doomed').run();
    return n;
  }

  createIndexesNow(name: string, specs: readonly IndexSpec[]): void {
    if (specs.length === 0) return;
    this.write(() => {
      const coll = this.ensureCollection(name);
      for (const spec of specs) {
        if (spec.keys.length === 0 || (spec.keys.length === 1 && spec.keys[0] === '_id')) continue;
        if (coll.indexes.some((i) => i.keys.join() === spec.keys.join())) continue;
        const index: IndexDef = {
          keys: [...spec.keys],
          parts: spec.keys.map((k) => k.split('.')),
          unique: spec.unique ?? false,
          sparse: spec.sparse ?? false,
          multikey: false,
          table: indexTable(name, spec.keys),
        };
        const cols = index.keys.map((_, i) => `t${i} INTEGER NOT NULL, v${i} NOT NULL`).join(', ');
        const pk = index.keys.map((_, i) => `t${i}, v${i}`).join(', ');
        // A unique index is keyed by the key alone: a second document with it is a constraint error.
        this.db.exec(
          `CREATE TABLE ${index.table} (${cols}, id TEXT NOT NULL, ` +
            `PRIMARY KEY (${pk}${index.unique ? '' : ', id'})) WITHOUT ROWID;` +
            `CREATE INDEX ${idIndexName(name, index.keys)} ON ${index.table} (id);`,
        );
        this.stmt('INSERT INTO _indexes (coll, keys, uniq, sparse) VALUES (?, ?, ?, ?)').run(
          name,
          JSON.stringify(index.keys),
          index.unique ? 1 : 0,
          index.sparse ? 1 : 0,
        );
        coll.indexes.push(index);
        this.bumpEpoch();
        // Built in pages of rows: better-sqlite3 cannot write while a statement is iterating.
        const page = this.stmt(
          `SELECT rowid AS r, doc FROM ${coll.table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`,
        );
        for (let after = -Infinity; ;) {
          const rows = page.all(after) as { r: number; doc: string }[];
          if (rows.length === 0) break;
          for (const row of rows) this.insertKeys(coll, index, JSON.parse(row.doc) as StoredDoc);
          after = (rows[rows.length - 1] as { r: number }).r;
        }
      }
    });
  }

  /** Whether any collection holds a document. */
  private hasDocuments(): boolean {
    for (const coll of this.catalog.values())
      if (this.stmt(`SELECT 1 FROM ${coll.table} LIMIT 1`, true).get() !== undefined) return true;
    return false;
  }

  /** Every collection's name (the copy command and backups use it). */
  collectionNames(): string[] {
    return this.read(() => [...this.catalog.keys()].sort());
  }

  /** Every collection's index specifications, as given to createIndexes. */
  indexSpecs(name: string): IndexSpec[] {
    return this.read(() =>
      (this.catalog.get(name)?.indexes ?? []).map((i) => ({
        keys: [...i.keys],
        ...(i.unique ? { unique: true } : {}),
        ...(i.sparse ? { sparse: true } : {}),
      })),
    );
  }

  /** Streams a collection in pages of `pageSize` documents, in natural order, in constant memory. */
  *scan(name: string, pageSize = 1000): Generator<StoredDoc[]> {
    for (let after = -Infinity; ;) {
      const rows = this.read(() => {
        const coll = this.catalog.get(name);
        if (!coll) return [];
        return this.stmt(
          `SELECT rowid AS r, doc FROM ${coll.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        ).all(after, pageSize) as { r: number; doc: string }[];
      });
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.doc) as StoredDoc);
      after = (rows[rows.length - 1] as { r: number }).r;
    }
  }

  /** SQLite's plan for the query a find runs (tests check that indexes answer it). */
  explain(name: string, filter: Filter, options: FindOptions = {}): string[] {
    return this.read(() => {
      const coll = this.catalog.get(name);
      if (!coll) return [];
      const sort = options.sort && Object.keys(options.sort).length ? options.sort : undefined;
      const { q } = this.findSql(coll, filter, sort);
      if (!q) return [];
      const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[];
      return rows.map((r) => r.detail);
    });
  }

  // ---- the old journal ------------------------------------------------------------

  /**
   * A folder from before SQLite holds `journal.jsonl`: replayed into the database in one
   * transaction (all of it or none), then renamed `journal.jsonl.migrated`, never deleted.
   * Refused, changing nothing, if the database already holds documents of its own.
   */
  private migrateJournal(dataDir: string): void {
    const journal = path.join(dataDir, JOURNAL_FILE);
    if (!fs.existsSync(journal)) return;
    const bytes = fs.statSync(journal).size;
    const result = this.write(() => {
      const done = this.getMeta('journal_migrated');
      if (done !== null) {
        // Migrated before, then interrupted before the rename: only the rename is left.
        if ((JSON.parse(done) as { bytes: number }).bytes === bytes) return null;
        throw new Error(
          `embedded store: ${journal} was migrated into ${this.file} before, but has changed since ` +
            `(an older version of the services wrote to it?). Nothing was changed. Move it away, ` +
            `or remove ${STORE_FILE} (and its -wal, -shm files) to migrate it again.`,
        );
      }
      if (this.hasDocuments())
        throw new Error(
          `embedded store: ${dataDir} holds both the old journal (${JOURNAL_FILE}) and a SQLite store ` +
            `(${STORE_FILE}) with documents. Nothing was changed. Remove ${STORE_FILE} (and its -wal, ` +
            `-shm files) to migrate the journal, or rename the journal to keep the SQLite store.`,
        );
      const summary = replayJournal(journal, (entry) => this.applyJournalEntry(entry));
      this.setMeta('journal_migrated', JSON.stringify({ bytes, ...summary, at: new Date().toISOString() }));
      return summary;
    });
    let target = journal + MIGRATED_SUFFIX;
    if (fs.existsSync(target)) target = `${target}.${Date.now()}`;
    try {
      fs.renameSync(journal, target);
    } catch (error) {
      // Another process opening the same folder renamed it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (result)
      console.error(
        `embedded store: migrated ${journal} (${result.entries} entries) into ${this.file}; ` +
          `the journal is kept as ${path.basename(target)}` +
          (result.tornLastLine ? '; its torn last line (a write never acknowledged) was skipped' : ''),
      );
  }

  private applyJournalEntry(entry: JournalEntry): void {
    if ('drop' in entry) return this.dropNow();
    const coll = this.ensureCollection(entry.c);
    if ('put' in entry) this.upsertDocs(coll, entry.put);
    else this.deleteIds(coll, entry.del);
  }

  private dropNow(): void {
    for (const coll of this.catalog.values()) {
      this.stmt(`DELETE FROM ${coll.table}`).run();
      for (const index of coll.indexes) {
        this.stmt(`DELETE FROM ${index.table}`).run();
        index.multikey = false;
      }
    }
    this.stmt('UPDATE _indexes SET multikey = 0').run();
    this.bumpEpoch();
  }

  // ---- the Store interface --------------------------------------------------------

  collection<T extends StoredDoc>(name: string): Collection<T> {
    let handle = this.handles.get(name);
    if (!handle) this.handles.set(name, (handle = new EmbeddedCollection(name, this)));
    return handle as unknown as Collection<T>;
  }

  /**
   * Empties every collection. Index definitions stay (unlike MongoDB's dropDatabase), so
   * a service running while `npm run seed` reloads its store keeps its index lookups.
   */
  async drop(): Promise<void> {
    this.write(() => this.dropNow());
  }

  /**
   * Resolves once every write committed so far is on disk: nothing to do under `commit`
   * (the commit fsynced); under `wal-fsync`, one fsync of the WAL on the thread pool. The
   * WAL is never deleted while this connection is open, and a checkpoint reuses the file.
   */
  async durable(): Promise<void> {
    if (!this.walSync || !this.file) return;
    this.wal ??= fs.promises.open(`${this.file}-wal`, 'r+');
    try {
      await (await this.wal).sync();
    } catch (error) {
      // Not acknowledged; the next write opens the WAL afresh.
      this.wal = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    const wal = this.wal;
    this.wal = null;
    if (wal) await (await wal).close();
    if (this.db.open) this.db.close();
  }

  /** The database handle, for backup (`VACUUM INTO`) and tests; not for documents. */
  get database(): Database.Database {
    return this.db;
  }
}

class EmbeddedCollection<T extends StoredDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly store: EmbeddedStore,
  ) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.store.stats.reads++;
    return this.store.read(() => this.store.findNow<T>(this.name, filter, options));
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = await this.find(filter, { limit: 1 });
    return first ?? null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    this.store.stats.reads++;
    return this.store.read(() => this.store.countNow(this.name, filter));
  }

  async insertOne(doc: T): Promise<void> {
    await this.insertMany([doc]);
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    this.store.stats.writes++;
    this.store.insertManyNow(this.name, docs);
    await this.store.durable();
  }

  async upsertMany(docs: readonly T[]): Promise<void> {
    this.store.stats.writes++;
    this.store.upsertManyNow(this.name, docs);
    await this.store.durable();
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    this.store.stats.writes++;
    const result = this.store.updateOneNow(this.name, filter, update, options.upsert ?? false);
    await this.store.durable();
    return result;
  }

  async deleteMany(filter: Filter): Promise<number> {
    this.store.stats.writes++;
    const n = this.store.deleteManyNow(this.name, filter);
    await this.store.durable();
    return n;
  }

  async createIndexes(specs: readonly IndexSpec[]): Promise<void> {
    this.store.createIndexesNow(this.name, specs);
  }
}
