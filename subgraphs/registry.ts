/** Each subgraph's factory and seed, by name: what the launcher, the seed command and the tests start. */
import type { ServiceName } from '../shared/domain';
import type { SeedOptions } from '../shared/seed';
import type { Store } from '../shared/store';
import { jusoService } from './juso/server';
import type { SubgraphService } from './service';
import { reseedService } from './service';
import { ALL_SILOS } from './silos';

export type SubgraphFactory = SubgraphService;
export { isSeeded } from './service';

export const SUBGRAPH_FACTORIES = Object.fromEntries([
  ['juso', jusoService],
  ...ALL_SILOS.map((silo) => [
    silo.service,
    { service: silo.service, port: silo.port, create: (store: Store) => silo.create(store), seed: silo.seed },
  ]),
]) as Record<ServiceName, SubgraphFactory>;

/** Drops the service's data and loads the demo town, recording what was loaded. */
export function reseed(name: ServiceName, store: Store, options: SeedOptions): Promise<void> {
  return reseedService(SUBGRAPH_FACTORIES[name], store, options);
}
