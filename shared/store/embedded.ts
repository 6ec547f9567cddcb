/**
 * The embedded store: MongoDB's filter and update documents evaluated in process by
 * mingo, so repositories run the same query code with no database server. Equality
 * and `$in` lookups on indexed fields are answered from hash indexes (a scan of
 * 150,000 residents per lookup would not do), and every write can be appended to a
 * journal file that is fsynced before the write is acknowledged and replayed on open.
 *
 * Writes run one at a time, in order: each is checked against everything written before
 * it, journalled and fsynced (off the event loop: reads and other work go on meanwhile),
 * then applied in memory and acknowledged. A write is never visible before it is durable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Query, update as applyUpdate } from 'mingo';
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

type JournalEntry = { c: string; put: StoredDoc[] } | { c: string; del: string[] } | { drop: true };

const clone = <T>(value: T): T => structuredClone(value);

const writeAsync = (fd: number, data: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) =>
    fs.write(fd, data, offset, length, null, (error, n) => (error ? reject(error) : resolve(n))),
  );
const fsyncAsync = (fd: number) =>
  new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));

function getPath(doc: StoredDoc, dotted: string): unknown {
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
 * and an array at the end contributes its elements (multikey).
 */
function pathValues(node: unknown, parts: readonly string[]): unknown[] {
  if (parts.length === 0) return Array.isArray(node) ? node : node === undefined ? [] : [node];
  if (Array.isArray(node)) return node.flatMap((item) => pathValues(item, parts));
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = parts as [string, ...string[]];
  return pathValues((node as Record<string, unknown>)[head], rest);
}

/** Index key values of a document. */
function keyValues(doc: StoredDoc, field: string): string[] {
  // The common case, a top-level field holding one value, without the general walk.
  if (!field.includes('.')) {
    const value = doc[field];
    if (value === undefined) return [];
    if (value === null || typeof value !== 'object') return [JSON.stringify(value)];
  }
  return [...new Set(pathValues(doc, field.split('.')).map((v) => JSON.stringify(v)))];
}

class HashIndex {
  private readonly entries = new Map<string, Set<string>>();
  constructor(readonly spec: IndexSpec) {}

  /** Single-field indexes serve lookups; compound ones only enforce uniqueness. */
  get field(): string | null {
    return this.spec.keys.length === 1 ? (this.spec.keys[0] ?? null) : null;
  }

  keysOf(doc: StoredDoc): string[] {
    if (this.spec.keys.length === 1) return keyValues(doc, this.spec.keys[0] as string);
    const parts = this.spec.keys.map((k) => getPath(doc, k));
    if (this.spec.sparse && parts.some((p) => p === undefined)) return [];
    return [JSON.stringify(parts)];
  }

  idsFor(key: string): Iterable<string> {
    return this.entries.get(key) ?? [];
  }

  add(doc: StoredDoc): void {
    for (const key of this.keysOf(doc)) {
      let ids = this.entries.get(key);
      if (!ids) this.entries.set(key, (ids = new Set()));
      ids.add(doc._id);
    }
  }

  remove(doc: StoredDoc): void {
    for (const key of this.keysOf(doc)) this.entries.get(key)?.delete(doc._id);
  }

  lookup(values: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const v of values) for (const id of this.entries.get(JSON.stringify(v)) ?? []) out.add(id);
    return out;
  }
}

/** Values an indexed top-level condition can take: `{f: v}` or `{f: {$in: [...]}}`. */
function equalityValues(condition: unknown): unknown[] | null {
  if (condition === null || typeof condition !== 'object') return [condition];
  if (Array.isArray(condition)) return null;
  const keys = Object.keys(condition);
  if (keys.length === 1 && keys[0] === '$in') {
    const list = (condition as { $in: unknown }).$in;
    return Array.isArray(list) ? list : null;
  }
  if (keys.length === 1 && keys[0] === '$eq') return [(condition as { $eq: unknown }).$eq];
  return null;
}

type Primitive = string | number | boolean;
const isPrimitive = (v: unknown): v is Primitive =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const testWith = (query: Query) => (doc: StoredDoc) => query.test(doc);

/**
 * The repositories' lookups are equality and `$in` on strings, numbers and booleans
 * (`{ _id: { $in: ids } }`, `{ personIds: { $in: ids }, status: 'OPEN' }`). Those are
 * matched here as MongoDB matches them (a path reaches into arrays of documents; an
 * array matches when one of its elements does), without compiling a mingo query per
 * read, which was a quarter of a subgraph's CPU under the dashboard benchmark. Any
 * other filter (null, objects, operators, `$or`, regex) returns null and goes to mingo.
 */
function equalityMatcher(filter: Filter): ((doc: StoredDoc) => boolean) | null {
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

class EmbeddedCollection<T extends StoredDoc> implements Collection<T> {
  private readonly docs = new Map<string, T>();
  private readonly indexes: HashIndex[] = [];

  constructor(
    readonly name: string,
    private readonly owner: EmbeddedStore,
  ) {
    this.indexes.push(new HashIndex({ keys: ['_id'], unique: true }));
  }

  private candidates(filter: Filter): Iterable<T> {
    for (const index of this.indexes) {
      const field = index.field;
      if (!field || !(field in filter)) continue;
      const values = equalityValues(filter[field]);
      // null also matches documents without the field, which no index entry lists.
      if (!values || !values.every(isPrimitive)) continue;
      const ids = index.lookup(values);
      return [...ids].map((id) => this.docs.get(id) as T);
    }
    return this.docs.values();
  }

  private match(filter: Filter): T[] {
    const test = equalityMatcher(filter) ?? testWith(new Query(filter));
    const out: T[] = [];
    for (const doc of this.candidates(filter)) if (test(doc)) out.push(doc);
    return out;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.owner.stats.reads++;
    let found = this.match(filter);
    if (options.sort) {
      const order = Object.entries(options.sort);
      found = found.sort((a, b) => {
        for (const [field, dir] of order) {
          const x = getPath(a, field) as string | number | undefined;
          const y = getPath(b, field) as string | number | undefined;
          if (x === y) continue;
          if (x === undefined) return -dir;
          if (y === undefined) return dir;
          return x < y ? -dir : dir;
        }
        return 0;
      });
    }
    if (options.limit !== undefined) found = found.slice(0, options.limit);
    return found.map(clone);
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = await this.find(filter, { limit: 1 });
    return first ?? null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    this.owner.stats.reads++;
    return this.match(filter).length;
  }

  /**
   * Checks a batch against the unique indexes and against itself. A stored document
   * that the batch replaces does not count: its old keys go with it.
   */
  private checkUnique(batch: readonly T[]): void {
    const replaced = new Set(batch.map((d) => d._id));
    for (const index of this.indexes) {
      if (!index.spec.unique) continue;
      const seen = new Map<string, string>();
      for (const doc of batch) {
        for (const key of index.keysOf(doc)) {
          const clash = seen.get(key) ?? [...index.idsFor(key)].find((id) => !replaced.has(id));
          if (clash !== undefined && clash !== doc._id)
            throw new DuplicateKeyError(this.name, `${index.spec.keys.join(',')}=${key}`);
          seen.set(key, doc._id);
        }
      }
    }
  }

  /** Applies puts after validation; journal first, so an unwritten journal changes nothing. */
  private async commit(puts: T[], dels: string[] = []): Promise<void> {
    const entries: JournalEntry[] = [];
    if (puts.length) entries.push({ c: this.name, put: puts });
    if (dels.length) entries.push({ c: this.name, del: dels });
    await this.owner.journal(entries);
    for (const id of dels) this.removeDoc(id);
    for (const doc of puts) this.putDoc(doc);
  }

  putDoc(doc: T): void {
    this.removeDoc(doc._id);
    this.docs.set(doc._id, doc);
    for (const index of this.indexes) index.add(doc);
  }

  removeDoc(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    for (const index of this.indexes) index.remove(old);
    this.docs.delete(id);
  }

  async insertOne(doc: T): Promise<void> {
    await this.insertMany([doc]);
  }

  insertMany(docs: readonly T[]): Promise<void> {
    this.owner.stats.writes++;
    const copies = docs.map(clone);
    return this.owner.serialize(async () => {
      for (const doc of copies)
        if (this.docs.has(doc._id)) throw new DuplicateKeyError(this.name, `_id=${doc._id}`);
      const ids = new Set(copies.map((d) => d._id));
      if (ids.size !== copies.length) throw new DuplicateKeyError(this.name, '_id');
      this.checkUnique(copies);
      await this.commit(copies);
    });
  }

  upsertMany(docs: readonly T[]): Promise<void> {
    this.owner.stats.writes++;
    const copies = docs.map(clone);
    return this.owner.serialize(async () => {
      this.checkUnique(copies);
      await this.commit(copies);
    });
  }

  updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    this.owner.stats.writes++;
    return this.owner.serialize(() => this.updateNow(filter, update, options));
  }

  private async updateNow(
    filter: Filter,
    update: Update,
    options: { upsert?: boolean },
  ): Promise<UpdateResult> {
    const [target] = this.match(filter);
    if (!target) {
      if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
      // As MongoDB does: equality fields of the filter seed the new document.
      const seedDoc: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(filter))
        if (!k.startsWith('$') && equalityValues(v)?.length === 1 && (v === null || typeof v !== 'object'))
          seedDoc[k] = v;
      const doc = seedDoc as T;
      applyUpdate(doc, update as Parameters<typeof applyUpdate>[1], undefined, undefined, {
        cloneMode: 'deep',
      });
      if (typeof doc._id !== 'string')
        throw new Error(`upsert into ${this.name} needs a string _id in the filter or update`);
      this.checkUnique([doc]);
      await this.commit([doc]);
      return { matchedCount: 0, modifiedCount: 0, upsertedId: doc._id };
    }
    const next = clone(target);
    const changed = applyUpdate(next, update as Parameters<typeof applyUpdate>[1], undefined, undefined, {
      cloneMode: 'deep',
    });
    if (next._id !== target._id) throw new Error(`update of ${this.name} may not change _id`);
    if (changed.length === 0) return { matchedCount: 1, modifiedCount: 0, upsertedId: null };
    this.checkUnique([next]);
    await this.commit([next]);
    return { matchedCount: 1, modifiedCount: 1, upsertedId: null };
  }

  deleteMany(filter: Filter): Promise<number> {
    this.owner.stats.writes++;
    return this.owner.serialize(async () => {
      const ids = this.match(filter).map((d) => d._id);
      await this.commit([], ids);
      return ids.length;
    });
  }

  createIndexes(specs: readonly IndexSpec[]): Promise<void> {
    // In line with writes, so a write checked before the index existed is applied before it is built.
    return this.owner.serialize(async () => this.createIndexesNow(specs));
  }

  private createIndexesNow(specs: readonly IndexSpec[]): void {
    for (const spec of specs) {
      if (this.indexes.some((i) => i.spec.keys.join() === spec.keys.join())) continue;
      const index = new HashIndex(spec);
      this.indexes.push(index);
      try {
        this.checkUnique([...this.docs.values()]);
      } catch (error) {
        this.indexes.pop();
        throw error;
      }
      for (const doc of this.docs.values()) index.add(doc);
    }
  }

  clear(): void {
    this.docs.clear();
    this.indexes.splice(1);
    this.indexes[0] = new HashIndex({ keys: ['_id'], unique: true });
  }
}

export interface EmbeddedStoreOptions {
  /** Folder for the journal; without it the store lives in memory only (tests). */
  dataDir?: string;
}

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  readonly stats: StoreStats = { reads: 0, writes: 0 };
  private readonly collections = new Map<string, EmbeddedCollection<StoredDoc>>();
  private readonly journalFd: number | null;
  /** Tests set this to simulate a failing disk: every write is refused before it applies. */
  failWrites = false;

  constructor(options: EmbeddedStoreOptions = {}) {
    if (!options.dataDir) {
      this.journalFd = null;
      return;
    }
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, 'journal.jsonl');
    if (fs.existsSync(file)) this.replay(fs.readFileSync(file, 'utf8'));
    this.journalFd = fs.openSync(file, 'a');
  }

  private replay(text: string): void {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        // Only a torn last line (a crash mid-append, never acknowledged) may be skipped.
        if (i >= lines.length - 2) break;
        throw new Error(`embedded store journal is corrupt at line ${i + 1}`);
      }
      if ('drop' in entry) {
        for (const c of this.collections.values()) c.clear();
      } else if ('put' in entry) {
        const c = this.collection(entry.c) as EmbeddedCollection<StoredDoc>;
        for (const doc of entry.put) c.putDoc(doc);
      } else {
        const c = this.collection(entry.c) as EmbeddedCollection<StoredDoc>;
        for (const id of entry.del) c.removeDoc(id);
      }
    }
  }

  /** The last write in line: each write starts once the one before it has finished. */
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `write` after every write queued before it, whether that one succeeded or failed. */
  serialize<R>(write: () => Promise<R> | R): Promise<R> {
    const run = this.tail.then(write, write);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends and fsyncs before the caller applies the change in memory. The write and the
   * fsync run on libuv's thread pool, so the event loop is not blocked while the disk syncs.
   */
  async journal(entries: JournalEntry[]): Promise<void> {
    if (this.failWrites) throw new Error('store unavailable');
    const fd = this.journalFd;
    if (fd === null || entries.length === 0) return;
    const data = Buffer.from(entries.map((e) => JSON.stringify(e) + '\n').join(''), 'utf8');
    let written = 0;
    while (written < data.length) written += await writeAsync(fd, data, written, data.length - written);
    await fsyncAsync(fd);
  }

  collection<T extends StoredDoc>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new EmbeddedCollection<StoredDoc>(name, this)));
    return c as unknown as Collection<T>;
  }

  drop(): Promise<void> {
    return this.serialize(async () => {
      await this.journal([{ drop: true }]);
      for (const c of this.collections.values()) c.clear();
    });
  }

  async close(): Promise<void> {
    // Writes already queued finish first: their callers were promised durability.
    await this.tail;
    if (this.journalFd !== null) fs.closeSync(this.journalFd);
  }
}
