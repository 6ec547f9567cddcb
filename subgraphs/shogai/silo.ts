/** Builds the 障害 subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import type { Store } from '../../shared/store';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { SiloDefinition } from '../../shared/silo/subgraph';
import type { RecordSource, StoredSiloConfig } from '../../shared/silo/types';
import type { RiyoshaDoc } from './adapter/native';
import { SHOGAI_COLLECTION } from './adapter/native';
import type { ShogaiRecord } from './adapter/to-graph';
import { shogaiToGraph } from './adapter/to-graph';

export const shogaiDefinition: SiloDefinition<ShogaiRecord> = {
  service: 'shogai',
  field: 'SHOGAI',
  personField: 'shogai',
  schemaFile: path.join(__dirname, 'schema.graphql'),
};

export const shogaiStoreConfig: StoredSiloConfig<RiyoshaDoc, ShogaiRecord> = {
  collection: SHOGAI_COLLECTION,
  indexes: [{ keys: ['riyoshaBango'], unique: true }],
  toGraph: shogaiToGraph,
};

export function createShogaiService(store: Store, source?: RecordSource<ShogaiRecord>) {
  return createStoredSiloService(store, shogaiDefinition, shogaiStoreConfig, source);
}
