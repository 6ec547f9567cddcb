/**
 * What runs as one subgraph process, whichever it is: its name and port, how to build
 * it over its store, and how to load the demo town. Each service's index.ts hands its
 * own to run.ts, so the runner imports no service (arrows run down only).
 */
import type { Startable } from '../shared/http/service';
import type { SeedOptions } from '../shared/seed';
import type { Store } from '../shared/store';

export interface SubgraphService {
  service: string;
  port: number;
  create(store: Store): Promise<Startable>;
  seed(store: Store, options: SeedOptions): Promise<void>;
}

const META = '_meta';

/** Drops the service's data and loads the demo town, recording what was loaded. */
export async function reseedService(
  service: Pick<SubgraphService, 'seed'>,
  store: Store,
  options: SeedOptions,
): Promise<void> {
  await store.drop();
  await service.seed(store, options);
  await store
    .collection(META)
    .upsertMany([
      { _id: 'seed', at: new Date().toISOString(), syntheticResidents: options.syntheticResidents },
    ]);
}

export async function isSeeded(store: Store): Promise<boolean> {
  return (await store.collection(META).findOne({ _id: 'seed' })) !== null;
}
