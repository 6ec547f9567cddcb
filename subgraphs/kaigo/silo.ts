/** Builds the 介護 subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import type { Store } from '../../shared/store';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { SiloDefinition } from '../../shared/silo/subgraph';
import type { RecordSource, StoredSiloConfig } from '../../shared/silo/types';
import type { HihokenshaDoc } from './adapter/native';
import { KAIGO_COLLECTION } from './adapter/native';
import type { KaigoRecord } from './adapter/to-graph';
import { kaigoToGraph } from './adapter/to-graph';

export const kaigoDefinition: SiloDefinition<KaigoRecord> = {
  service: 'kaigo',
  field: 'KAIGO',
  personField: 'kaigo',
  schemaFile: path.join(__dirname, 'schema.graphql'),
};

export const kaigoStoreConfig: StoredSiloConfig<HihokenshaDoc, KaigoRecord> = {
  collection: KAIGO_COLLECTION,
  indexes: [{ keys: ['hihokenshaBango'], unique: true }],
  toGraph: kaigoToGraph,
};

export function createKaigoService(store: Store, source?: RecordSource<KaigoRecord>) {
  return createStoredSiloService(store, kaigoDefinition, kaigoStoreConfig, source);
}
