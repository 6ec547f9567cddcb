/** Builds the 困窮 subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import type { Store } from '../../shared/store';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { SiloDefinition } from '../../shared/silo/subgraph';
import type { RecordSource, StoredSiloConfig } from '../../shared/silo/types';
import type { SodanDoc } from './adapter/native';
import { KONKYU_COLLECTION } from './adapter/native';
import type { KonkyuRecord } from './adapter/to-graph';
import { konkyuToGraph } from './adapter/to-graph';

export const konkyuDefinition: SiloDefinition<KonkyuRecord> = {
  service: 'konkyu',
  field: 'KONKYU',
  personField: 'konkyu',
  schemaFile: path.join(__dirname, 'schema.graphql'),
};

export const konkyuStoreConfig: StoredSiloConfig<SodanDoc, KonkyuRecord> = {
  collection: KONKYU_COLLECTION,
  indexes: [{ keys: ['sodanBango'], unique: true }],
  toGraph: konkyuToGraph,
};

export function createKonkyuService(store: Store, source?: RecordSource<KonkyuRecord>) {
  return createStoredSiloService(store, konkyuDefinition, konkyuStoreConfig, source);
}
