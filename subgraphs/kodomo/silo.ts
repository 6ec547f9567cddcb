/** Builds the 子ども subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import type { Store } from '../../shared/store';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { SiloDefinition } from '../../shared/silo/subgraph';
import type { RecordSource, StoredSiloConfig } from '../../shared/silo/types';
import type { JidoDoc } from './adapter/native';
import { KODOMO_COLLECTION } from './adapter/native';
import type { KodomoRecord } from './adapter/to-graph';
import { kodomoToGraph } from './adapter/to-graph';

export const kodomoDefinition: SiloDefinition<KodomoRecord> = {
  service: 'kodomo',
  field: 'KODOMO',
  personField: 'kodomo',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  // 要保護児童・要支援児童・特定妊婦: the registration makes the whole record child-protection data.
  recordClasses: [{ cls: 'CHILD_PROTECTION', covers: (record) => record.childProtection !== null }],
};

export const kodomoStoreConfig: StoredSiloConfig<JidoDoc, KodomoRecord> = {
  collection: KODOMO_COLLECTION,
  indexes: [{ keys: ['jidoBango'], unique: true }],
  toGraph: kodomoToGraph,
};

export function createKodomoService(store: Store, source?: RecordSource<KodomoRecord>) {
  return createStoredSiloService(store, kodomoDefinition, kodomoStoreConfig, source);
}
