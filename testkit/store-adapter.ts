/**
 * The graph's own adapter (`StoreRecordSource`: the agency's records imported into
 * the silo's store) over records you give in the agency's native shape, wrapped for
 * the adapter contract: its store reads are the round trips, and its store can be
 * made to fail. The reference an agency's adapter is compared with.
 */
import { StoreRecordSource } from '../shared/silo/store-source';
import { EmbeddedStore } from '../shared/store';
import type { Collection, Filter, Store, StoredDoc, StoreStats } from '../shared/store';
import type { AdapterUnderTest } from './adapter-contract';
import type { NativeFixture } from './fixtures';
import { resolveTown } from './fixtures';
import type { GraphRecordOf, NativeRecordOf, SiloService } from './silos';
import { SILO_KITS, siloKit } from './silos';

class RecordSystemDown extends Error {
  constructor() {
    super('record system unavailable (broken by the test)');
    this.name = 'RecordSystemDown';
  }
}

/** A store whose reads fail once broken: a database that went away. */
class BreakableStore implements Store {
  broken = false;
  constructor(private readonly inner: Store) {}

  get kind() {
    return this.inner.kind;
  }
  get stats(): StoreStats {
    return this.inner.stats;
  }

  collection<T extends StoredDoc>(name: string): Collection<T> {
    const c = this.inner.collection<T>(name);
    const guard = () => {
      if (this.broken) throw new RecordSystemDown();
    };
    return {
      name: c.name,
      find: async (filter: Filter, options) => (guard(), c.find(filter, options)),
      findOne: async (filter: Filter) => (guard(), c.findOne(filter)),
      countDocuments: async (filter: Filter) => (guard(), c.countDocuments(filter)),
      insertOne: (doc) => c.insertOne(doc),
      insertMany: (docs) => c.insertMany(docs),
      updateOne: (filter, update, options) => c.updateOne(filter, update, options),
      upsertMany: (docs) => c.upsertMany(docs),
      deleteMany: (filter) => c.deleteMany(filter),
      createIndexes: (specs) => c.createIndexes(specs),
    };
  }

  drop(): Promise<void> {
    return this.inner.drop();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * The built-in adapter of `silo` over these native records (default: the demo town's),
 * on an in-memory store.
 */
export async function storeAdapter<S extends SiloService>(
  silo: S,
  records?: NativeFixture<NativeRecordOf<S>>[],
): Promise<AdapterUnderTest<GraphRecordOf<S>>> {
  const store = new BreakableStore(new EmbeddedStore());
  const kit = siloKit(silo);
  const source = new StoreRecordSource(store, kit.store);
  await source.ensureIndexes();
  const docs = records
    ? resolveTown({ records: { [silo]: records } })[silo][kit.store.collection]
    : SILO_KITS[silo].scenarioRecords;
  if (docs?.length) await store.collection(kit.store.collection).insertMany(docs);
  return {
    adapter: source as unknown as StoreRecordSource<NativeRecordOf<S>, GraphRecordOf<S>>,
    roundTrips: () => store.stats.reads,
    breakRecordSystem: () => {
      store.broken = true;
    },
    close: () => store.close(),
  };
}
