/** Chooses the store: MongoDB when MONGODB_URI is set, the embedded engine otherwise. */
import path from 'node:path';
import { EmbeddedStore } from './sqlite';
import { MongoStore } from './mongo';
import type { Store } from './types';

export * from './types';
export { EmbeddedStore, STORE_FILE } from './sqlite';
export type { EmbeddedStoreOptions } from './sqlite';

/** The gateway's audit store (`openStore({ service: 'audit' })`). */
export const AUDIT_SERVICE = 'audit';

export interface OpenStoreOptions {
  /** The service that owns the data; one database per service (`DATA_DIR/<service>/store.sqlite`). */
  service: string;
  env?: NodeJS.ProcessEnv;
  /** Force an in-memory embedded store (tests). */
  memory?: boolean;
}

export async function openStore({
  service,
  env = process.env,
  memory = false,
}: OpenStoreOptions): Promise<Store> {
  if (!memory && env.MONGODB_URI) {
    const prefix = env.MONGODB_DB_PREFIX ?? 'juso';
    return MongoStore.connect(env.MONGODB_URI, `${prefix}_${service}`);
  }
  if (memory || env.DATA_DIR === 'memory') return new EmbeddedStore();
  const root = env.DATA_DIR ?? path.resolve('.data');
  // The audit log is written on every request and only needs to be durable before the
  // answer leaves: its WAL is fsynced off the event loop (EmbeddedStoreOptions.durability).
  const durability = service === AUDIT_SERVICE ? 'wal-fsync' : 'commit';
  return new EmbeddedStore({ dataDir: path.join(root, service), durability });
}
