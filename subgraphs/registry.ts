/** Each subgraph's factory and seed, by name: what the launcher and the tests start. */
import type { ServiceName } from '../shared/domain';
import type { Startable } from '../shared/http/service';
import { startable } from '../shared/http/service';
import type { SeedOptions } from '../shared/seed';
import type { Store } from '../shared/store';
import { createJusoService } from './juso/server';
import { seedJuso } from './juso/seed';
import { createKaigoService } from './kaigo/silo';
import { seedKaigo } from './kaigo/seed';
import { createKodomoService } from './kodomo/silo';
import { seedKodomo } from './kodomo/seed';
import { createKonkyuService } from './konkyu/silo';
import { seedKonkyu } from './konkyu/seed';
import { createShogaiService } from './shogai/silo';
import { seedShogai } from './shogai/seed';

export interface SubgraphFactory {
  create(store: Store): Promise<Startable>;
  seed(store: Store, options: SeedOptions): Promise<void>;
}

export const SUBGRAPH_FACTORIES: Record<ServiceName, SubgraphFactory> = {
  juso: { create: async (store) => startable(await createJusoService(store)), seed: seedJuso },
  kaigo: { create: async (store) => startable(await createKaigoService(store)), seed: seedKaigo },
  shogai: { create: async (store) => startable(await createShogaiService(store)), seed: seedShogai },
  kodomo: { create: async (store) => startable(await createKodomoService(store)), seed: seedKodomo },
  konkyu: { create: async (store) => startable(await createKonkyuService(store)), seed: seedKonkyu },
};

const META = '_meta';

/** Drops the service's data and loads the demo town, recording what was loaded. */
export async function reseed(name: ServiceName, store: Store, options: SeedOptions): Promise<void> {
  await store.drop();
  await SUBGRAPH_FACTORIES[name].seed(store, options);
  await store
    .collection(META)
    .upsertMany([
      { _id: 'seed', at: new Date().toISOString(), syntheticResidents: options.syntheticResidents },
    ]);
}

export async function isSeeded(store: Store): Promise<boolean> {
  return (await store.collection(META).findOne({ _id: 'seed' })) !== null;
}
