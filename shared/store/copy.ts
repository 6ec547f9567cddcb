/**
 * Copies every collection of every service from one store to another, with its indexes:
 * how a town that has outgrown the embedded store moves to MongoDB (docs/STORAGE.md).
 * Either side is an embedded data folder (a DATA_DIR, or a backup folder) or MongoDB.
 */
import path from 'node:path';
import { SERVICES } from '../domain';
import { servicesIn } from './backup';
import { MongoStore } from './mongo';
import { EmbeddedStore } from './sqlite';
import type { IndexSpec, StoredDoc } from './types';

/** What the copy needs beyond the Store interface; both implementations have it. */
type Copyable = EmbeddedStore | MongoStore;

export type StoreLocation =
  { kind: 'embedded'; dataDir: string } | { kind: 'mongodb'; uri: string; prefix: string };

export function parseLocation(value: string, prefix = 'juso'): StoreLocation {
  if (/^mongodb(\+srv)?:\/\//.test(value)) return { kind: 'mongodb', uri: value, prefix };
  return { kind: 'embedded', dataDir: path.resolve(value) };
}

const where = (l: StoreLocation) => (l.kind === 'embedded' ? l.dataDir : `${l.uri} (${l.prefix}_*)`);

async function open(location: StoreLocation, service: string): Promise<Copyable> {
  if (location.kind === 'embedded')
    return new EmbeddedStore({ dataDir: path.join(location.dataDir, service) });
  return MongoStore.connect(location.uri, `${location.prefix}_${service}`);
}

export interface CopyReport {
  service: string;
  collections: { name: string; documents: number; indexes: number }[];
}

export interface CopyOptions {
  /** Services to copy; default: every one the source holds (embedded) or the known ones (MongoDB). */
  services?: string[];
  /** Empty the target first instead of refusing a target that holds documents. */
  replace?: boolean;
  pageSize?: number;
  log?: (line: string) => void;
}

async function documentsIn(store: Copyable): Promise<number> {
  let n = 0;
  for (const name of await store.collectionNames()) n += await store.collection(name).countDocuments({});
  return n;
}

export async function copyStores(
  from: StoreLocation,
  to: StoreLocation,
  options: CopyOptions = {},
): Promise<CopyReport[]> {
  const log = options.log ?? (() => undefined);
  if (JSON.stringify(from) === JSON.stringify(to)) throw new Error('source and target are the same store');
  const services =
    options.services ?? (from.kind === 'embedded' ? servicesIn(from.dataDir) : [...SERVICES, 'audit']);
  if (services.length === 0) throw new Error(`no store to copy in ${where(from)}`);
  // Every target is checked before anything is written.
  for (const service of services) {
    const target = await open(to, service);
    try {
      const n = await documentsIn(target);
      if (n > 0 && !options.replace)
        throw new Error(
          `the target's ${service} store already holds ${n} documents: nothing was copied ` +
            `(run again with --replace to empty the target first)`,
        );
    } finally {
      await target.close();
    }
  }
  const reports: CopyReport[] = [];
  for (const service of services) {
    const source = await open(from, service);
    const target = await open(to, service);
    try {
      if (options.replace) await target.drop();
      const report: CopyReport = { service, collections: [] };
      for (const name of await source.collectionNames()) {
        const specs: IndexSpec[] = await source.indexSpecs(name);
        const into = target.collection<StoredDoc>(name);
        // Indexes first: a unique key the source repeats stops the copy instead of being lost.
        await into.createIndexes(specs);
        let documents = 0;
        for await (const page of source.scan(name, options.pageSize ?? 1000)) {
          await into.insertMany(page);
          documents += page.length;
        }
        const counted = await into.countDocuments({});
        const expected = await source.collection(name).countDocuments({});
        if (counted !== expected || documents !== expected)
          throw new Error(
            `${service}.${name}: ${counted} documents in the target, ${expected} in the source ` +
              `(was it written to during the copy? copy from a backup, or with the services stopped)`,
          );
        report.collections.push({ name, documents, indexes: specs.length });
        log(`${service}.${name}: ${documents} documents, ${specs.length} indexes`);
      }
      reports.push(report);
    } finally {
      await source.close();
      await target.close();
    }
  }
  return reports;
}
