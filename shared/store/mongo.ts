/**
 * The production store: MongoDB through the official driver. Writes use majority
 * write concern and retryable writes, so an acknowledged write survives a failover.
 */
import { MongoClient, MongoServerError } from 'mongodb';
import type {
  AnyBulkWriteOperation,
  ClientSession,
  Collection as MongoCollection,
  Db,
  Filter as MongoFilter,
  IndexDescription,
  UpdateFilter,
} from 'mongodb';
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

const DUPLICATE_KEY = 11000;

function rethrow(collection: string, error: unknown): never {
  if (error instanceof MongoServerError && error.code === DUPLICATE_KEY)
    throw new DuplicateKeyError(collection, JSON.stringify(error.keyValue ?? {}));
  throw error;
}

/** The MongoDB index for a spec: ascending keys; sparse as a partial index on every key existing. */
function indexDescription(s: IndexSpec): IndexDescription {
  return {
    key: Object.fromEntries(s.keys.map((k) => [k, 1 as const])),
    unique: s.unique ?? false,
    ...(s.sparse
      ? { partialFilterExpression: Object.fromEntries(s.keys.map((k) => [k, { $exists: true }])) }
      : {}),
  };
}

class MongoBackedCollection<T extends StoredDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly inner: MongoCollection<StoredDoc>,
    private readonly client: MongoClient,
    private readonly stats: StoreStats,
  ) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.stats.reads++;
    let cursor = this.inner.find(filter as MongoFilter<StoredDoc>);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async findOne(filter: Filter): Promise<T | null> {
    this.stats.reads++;
    return (await this.inner.findOne(filter as MongoFilter<StoredDoc>)) as T | null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    this.stats.reads++;
    return this.inner.countDocuments(filter as MongoFilter<StoredDoc>);
  }

  async insertOne(doc: T): Promise<void> {
    await this.insertMany([doc]);
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    this.stats.writes++;
    if (docs.length === 0) return;
    try {
      // One document per call is atomic by itself; larger batches go through a transaction.
      if (docs.length === 1) await this.inner.insertOne({ ...(docs[0] as T) });
      else
        await this.inTransaction((session) =>
          this.inner.insertMany(
            docs.map((d) => ({ ...d })),
            { session },
          ),
        );
    } catch (error) {
      rethrow(this.name, error);
    }
  }

  async upsertMany(docs: readonly T[]): Promise<void> {
    this.stats.writes++;
    if (docs.length === 0) return;
    const ops: AnyBulkWriteOperation<StoredDoc>[] = docs.map((d) => ({
      replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true },
    }));
    try {
      await this.inTransaction((session) => this.inner.bulkWrite(ops, { session, ordered: true }));
    } catch (error) {
      rethrow(this.name, error);
    }
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    this.stats.writes++;
    try {
      const r = await this.inner.updateOne(
        filter as MongoFilter<StoredDoc>,
        update as UpdateFilter<StoredDoc>,
        { upsert: options.upsert ?? false },
      );
      return {
        matchedCount: r.matchedCount,
        modifiedCount: r.modifiedCount,
        upsertedId: r.upsertedId === null ? null : String(r.upsertedId),
      };
    } catch (error) {
      rethrow(this.name, error);
    }
  }

  async deleteMany(filter: Filter): Promise<number> {
    this.stats.writes++;
    return (await this.inner.deleteMany(filter as MongoFilter<StoredDoc>)).deletedCount;
  }

  async createIndexes(specs: readonly IndexSpec[]): Promise<void> {
    if (specs.length === 0) return;
    try {
      await this.inner.createIndexes(specs.map(indexDescription));
    } catch (error) {
      rethrow(this.name, error);
    }
  }

  private async inTransaction<R>(work: (session: ClientSession) => Promise<R>): Promise<R> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(() => work(session));
    } finally {
      await session.endSession();
    }
  }
}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  readonly stats: StoreStats = { reads: 0, writes: 0 };
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async connect(uri: string, dbName: string): Promise<MongoStore> {
    const client = new MongoClient(uri, {
      retryWrites: true,
      retryReads: true,
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
      serverSelectionTimeoutMS: 10_000,
    });
    await client.connect();
    return new MongoStore(client, client.db(dbName));
  }

  collection<T extends StoredDoc>(name: string): Collection<T> {
    return new MongoBackedCollection<T>(name, this.db.collection<StoredDoc>(name), this.client, this.stats);
  }

  /**
   * Empties every collection and keeps its indexes, as the embedded store does: a service
   * running while `npm run seed` reloads its database keeps its index lookups and its
   * unique constraints (dropDatabase alone would remove both until the service restarts).
   */
  async drop(): Promise<void> {
    const kept: { name: string; indexes: IndexDescription[] }[] = [];
    for (const info of await this.db.listCollections({}, { nameOnly: true }).toArray()) {
      const indexes = (await this.db.collection(info.name).listIndexes().toArray())
        .filter((i) => i.name !== '_id_')
        .map((i): IndexDescription => ({
          key: i.key as IndexDescription['key'],
          name: i.name as string,
          ...(i.unique ? { unique: true } : {}),
          ...(i.partialFilterExpression ? { partialFilterExpression: i.partialFilterExpression } : {}),
        }));
      if (indexes.length) kept.push({ name: info.name, indexes });
    }
    await this.db.dropDatabase();
    for (const { name, indexes } of kept) await this.db.collection(name).createIndexes(indexes);
  }

  /** Every collection's name (the copy command uses it). */
  async collectionNames(): Promise<string[]> {
    return (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  }

  /** A collection's indexes as specs (the copy command uses it); sparse = a partial index on $exists. */
  async indexSpecs(name: string): Promise<IndexSpec[]> {
    const indexes = await this.db.collection(name).listIndexes().toArray();
    return indexes
      .filter((i) => i.name !== '_id_')
      .map((i) => ({
        keys: Object.keys(i.key as Record<string, unknown>),
        ...(i.unique ? { unique: true } : {}),
        ...(i.partialFilterExpression ? { sparse: true } : {}),
      }));
  }

  /** Streams a collection in pages, in _id order, for the copy command. */
  async *scan(name: string, pageSize = 1000): AsyncGenerator<StoredDoc[]> {
    let page: StoredDoc[] = [];
    for await (const doc of this.db.collection<StoredDoc>(name).find({}, { sort: { _id: 1 } })) {
      page.push(doc);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
