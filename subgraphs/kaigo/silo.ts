/**
 * The 介護 silo, declared once: everything that treats silos alike (the launcher,
 * composition, the test kit, the import command, the benchmark, the generated lists)
 * reads it from subgraphs/silos.ts. docs/SILOS.md.
 */
import path from 'node:path';
import { defineSilo } from '../../shared/silo/define';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { RecordSource } from '../../shared/silo/types';
import type { Store } from '../../shared/store';
import type { HihokenshaDoc } from './adapter/native';
import { KAIGO_COLLECTION, KAIGO_INDEXES } from './adapter/native';
import type { KaigoRecord } from './adapter/to-graph';
import { kaigoToGraph } from './adapter/to-graph';
import { kaigoImport } from './import/definition';
import { KAIGO_SCENARIO_RECORDS, seedKaigo } from './seed';

export const kaigoSilo = defineSilo<HihokenshaDoc, KaigoRecord>({
  service: 'kaigo',
  field: 'KAIGO',
  label: '介護',
  port: 4002,
  schemaFile: path.join(__dirname, 'schema.graphql'),
  store: { collection: KAIGO_COLLECTION, indexes: KAIGO_INDEXES, toGraph: kaigoToGraph },
  agency: {
    id: 'houkatsu-kita',
    name: '地域包括支援センター北 (委託)',
    staff: { id: 's-kita-01', name: '北村 さやか' },
  },
  scenarioRecords: KAIGO_SCENARIO_RECORDS,
  seed: seedKaigo,
  import: kaigoImport,
});

export const kaigoDefinition = kaigoSilo.definition;
export const kaigoStoreConfig = kaigoSilo.store;

/** The service without starting it, over its store or an agency's adapter (docs/ADAPTERS.md). */
export function createKaigoService(store: Store, source?: RecordSource<KaigoRecord>) {
  return createStoredSiloService(store, kaigoDefinition, kaigoStoreConfig, source);
}
