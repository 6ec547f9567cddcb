/** Chooses the store: MongoDB when MONGODB_URI is set, the embedded engine otherwise. */
import path from 'node:path';
import { EmbeddedStore } from './embedded';
import { MongoStore } from './mongo';
import type { Store } from './types';

export * from './types';
export { EmbeddedStore } from './embedded';

export interface OpenStoreOptions {
  /** The service that owns the data; one database (or journal folder) per service. */
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
  return new EmbeddedStore({ dataDir: path.join(root, service) });
}
