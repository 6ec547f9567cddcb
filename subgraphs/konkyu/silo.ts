/**
 * The 困窮 silo, declared once: everything that treats silos alike (the launcher,
 * composition, the test kit, the import command, the benchmark, the generated lists)
 * reads it from subgraphs/silos.ts. docs/SILOS.md.
 */
import path from 'node:path';
import { defineSilo } from '../../shared/silo/define';
import { createStoredSiloService } from '../../shared/silo/subgraph';
import type { RecordSource } from '../../shared/silo/types';
import type { Store } from '../../shared/store';
import type { SodanDoc } from './adapter/native';
import { KONKYU_COLLECTION, KONKYU_INDEXES } from './adapter/native';
import type { KonkyuRecord } from './adapter/to-graph';
import { konkyuToGraph } from './adapter/to-graph';
import { konkyuImport } from './import/definition';
import { KONKYU_SCENARIO_RECORDS, seedKonkyu } from './seed';

export const konkyuSilo = defineSilo<SodanDoc, KonkyuRecord>({
  service: 'konkyu',
  field: 'KONKYU',
  label: '困窮',
  port: 4005,
  schemaFile: path.join(__dirname, 'schema.graphql'),
  store: { collection: KONKYU_COLLECTION, indexes: KONKYU_INDEXES, toGraph: konkyuToGraph },
  agency: {
    id: 'shakyo-jiritsu',
    name: '社会福祉協議会 自立相談支援 (委託)',
    staff: { id: 's-shakyo-01', name: '庄司 拓也' },
  },
  scenarioRecords: KONKYU_SCENARIO_RECORDS,
  seed: seedKonkyu,
  import: konkyuImport,
});

export const konkyuDefinition = konkyuSilo.definition;
export const konkyuStoreConfig = konkyuSilo.store;

/** The service without starting it, over its store or an agency's adapter (docs/ADAPTERS.md). */
export function createKonkyuService(store: Store, source?: RecordSource<KonkyuRecord>) {
  return createStoredSiloService(store, konkyuDefinition, konkyuStoreConfig, source);
}
