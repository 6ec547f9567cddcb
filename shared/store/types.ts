/**
 * The store interface every repository is written against. It is the subset of the
 * MongoDB collection API we use, so the same filter and update documents run on
 * MongoDB (production) and on the embedded engine (small towns, tests, demo).
 */

/** Every stored document has a string `_id` and only JSON values (dates are ISO strings). */
export interface StoredDoc {
  _id: string;
  [key: string]: unknown;
}

/** A MongoDB query filter, e.g. `{ residentId: { $in: ids } }`. */
export type Filter = Record<string, unknown>;
/** A MongoDB update document, e.g. `{ $set: { status: 'OPEN' }, $inc: { version: 1 } }`. */
export type Update = Record<string, unknown>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface IndexSpec {
  /** Field paths, ascending. */
  keys: string[];
  unique?: boolean;
  /** Only documents where every key exists are indexed (MongoDB partial index on `$exists`). */
  sparse?: boolean;
}

export interface Collection<T extends StoredDoc> {
  readonly name: string;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter): Promise<T | null>;
  countDocuments(filter: Filter): Promise<number>;
  insertOne(doc: T): Promise<void>;
  /** All or nothing: a duplicate key anywhere inserts none of them. */
  insertMany(docs: readonly T[]): Promise<void>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  /** Replaces whole documents by `_id`, inserting missing ones; all or nothing. */
  upsertMany(docs: readonly T[]): Promise<void>;
  deleteMany(filter: Filter): Promise<number>;
  createIndexes(specs: readonly IndexSpec[]): Promise<void>;
}

/** Counts of store operations, used by tests (batching) and the benchmark. */
export interface StoreStats {
  reads: number;
  writes: number;
}

export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  readonly stats: StoreStats;
  collection<T extends StoredDoc>(name: string): Collection<T>;
  /** Drops every collection of this store (seeding and tests). */
  drop(): Promise<void>;
  close(): Promise<void>;
}

/** Raised on a unique index violation, by both implementations. */
export class DuplicateKeyError extends Error {
  readonly code = 'DUPLICATE_KEY';
  constructor(collection: string, key: string) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}
