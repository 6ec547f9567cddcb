/**
 * The 障害 silo, declared once: everything that treats silos alike (the launcher,
 * composition, the test kit, the import command, the benchmark, the generated lists)
 * reads it from subgraphs/silos.ts. docs/SILOS.md.
 */
import path from 'node:path';
import { defineSilo } from '../../shared/silo/define';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { RecordSource } from '../../shared/silo/types';
import type { Store } from '../../shared/store';
import type { RiyoshaDoc } from './adapter/native';
import { SHOGAI_COLLECTION, SHOGAI_INDEXES } from './adapter/native';
import type { ShogaiRecord } from './adapter/to-graph';
import { shogaiToGraph } from './adapter/to-graph';
import { shogaiImport } from './import/definition';
import { SHOGAI_SCENARIO_RECORDS, seedShogai } from './seed';

export const shogaiSilo = defineSilo<RiyoshaDoc, ShogaiRecord>({
  service: 'shogai',
  field: 'SHOGAI',
  label: '障害',
  port: 4003,
  schemaFile: path.join(__dirname, 'schema.graphql'),
  store: { collection: SHOGAI_COLLECTION, indexes: SHOGAI_INDEXES, toGraph: shogaiToGraph },
  agency: {
    id: 'soudan-aoba',
    name: '相談支援事業所あおば (委託)',
    staff: { id: 's-aoba-01', name: '青葉 大輔' },
  },
  scenarioRecords: SHOGAI_SCENARIO_RECORDS,
  seed: seedShogai,
  import: shogaiImport,
});

export const shogaiDefinition = shogaiSilo.definition;
export const shogaiStoreConfig = shogaiSilo.store;

/** The service without starting it, over its store or an agency's adapter (docs/ADAPTERS.md). */
export function createShogaiService(store: Store, source?: RecordSource<ShogaiRecord>) {
  return createStoredSiloService(store, shogaiDefinition, shogaiStoreConfig, source);
}
