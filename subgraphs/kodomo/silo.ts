/**
 * The 子ども silo, declared once: everything that treats silos alike (the launcher,
 * composition, the test kit, the import command, the benchmark, the generated lists)
 * reads it from subgraphs/silos.ts. docs/SILOS.md.
 */
import path from 'node:path';
import { defineSilo } from '../../shared/silo/define';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { RecordSource } from '../../shared/silo/types';
import type { Store } from '../../shared/store';
import type { JidoDoc } from './adapter/native';
import { KODOMO_COLLECTION, KODOMO_INDEXES } from './adapter/native';
import type { KodomoRecord } from './adapter/to-graph';
import { kodomoToGraph } from './adapter/to-graph';
import { kodomoImport } from './import/definition';
import { KODOMO_SCENARIO_RECORDS, seedKodomo } from './seed';

export const kodomoSilo = defineSilo<JidoDoc, KodomoRecord>({
  service: 'kodomo',
  field: 'KODOMO',
  label: '子ども',
  port: 4004,
  schemaFile: path.join(__dirname, 'schema.graphql'),
  store: { collection: KODOMO_COLLECTION, indexes: KODOMO_INDEXES, toGraph: kodomoToGraph },
  // 要保護児童・要支援児童・特定妊婦: the registration makes the whole record child-protection data.
  recordClasses: [{ cls: 'CHILD_PROTECTION', covers: (record) => record.childProtection !== null }],
  agency: {
    id: 'kodomo-center',
    name: 'こども家庭センター (直営)',
    staff: { id: 's-kodomo-01', name: '小森 まゆみ' },
  },
  scenarioRecords: KODOMO_SCENARIO_RECORDS,
  seed: seedKodomo,
  import: kodomoImport,
});

export const kodomoDefinition = kodomoSilo.definition;
export const kodomoStoreConfig = kodomoSilo.store;

/** The service without starting it, over its store or an agency's adapter (docs/ADAPTERS.md). */
export function createKodomoService(store: Store, source?: RecordSource<KodomoRecord>) {
  return createStoredSiloService(store, kodomoDefinition, kodomoStoreConfig, source);
}
