/**
 * Store latency without touching the store: a Store whose collections time every
 * call (read or write) into juso_store_operation_duration_seconds. Wraps whichever
 * engine openStore chose (SQLite or MongoDB); the stats, drop and close pass through.
 */
import type { Collection, Store, StoredDoc } from '../store';
import { metrics, secondsSince } from './metrics';

const READS = new Set(['find', 'findOne', 'countDocuments']);
const WRITES = new Set(['insertOne', 'insertMany', 'updateOne', 'upsertMany', 'deleteMany']);

function timed<T extends StoredDoc>(collection: Collection<T>, service: string): Collection<T> {
  return new Proxy(collection, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      const kind = READS.has(prop) ? 'read' : WRITES.has(prop) ? 'write' : null;
      if (!kind) return value.bind(target);
      const labels = { service, kind, op: prop };
      return async (...args: unknown[]) => {
        const start = process.hrtime.bigint();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          metrics.storeFailures.inc(labels);
          throw error;
        } finally {
          metrics.storeDuration.observe(labels, secondsSince(start));
        }
      };
    },
  });
}

export function observeStore(store: Store, service: string): Store {
  const collections = new Map<string, Collection<StoredDoc>>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'collection')
        return <T extends StoredDoc>(name: string): Collection<T> => {
          let c = collections.get(name);
          if (!c) {
            c = timed(target.collection<StoredDoc>(name), service);
            collections.set(name, c);
          }
          return c as unknown as Collection<T>;
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
