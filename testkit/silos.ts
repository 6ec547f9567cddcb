/**
 * What the kit needs to know of each silo: its subgraph definition, its stored-record
 * configuration (collection, indexes, native → graph mapping), its native and graph
 * types, its demo records, and who in the demo town works in that field.
 */
import type { SiloService, WelfareField } from '../shared/domain';
import { SILOS } from '../shared/domain';
import type { SiloDefinition } from '../shared/silo/subgraph';
import type { GraphRecord, LinkedNativeDoc, StoredSiloConfig } from '../shared/silo/types';
import { DEMO_AGENCIES, DEMO_STAFF } from '../shared/town/agencies';
import type { HihokenshaDoc } from '../subgraphs/kaigo/adapter/native';
import type { KaigoRecord } from '../subgraphs/kaigo/adapter/to-graph';
import { KAIGO_SCENARIO_RECORDS } from '../subgraphs/kaigo/seed';
import { kaigoDefinition, kaigoStoreConfig } from '../subgraphs/kaigo/silo';
import type { JidoDoc } from '../subgraphs/kodomo/adapter/native';
import type { KodomoRecord } from '../subgraphs/kodomo/adapter/to-graph';
import { KODOMO_SCENARIO_RECORDS } from '../subgraphs/kodomo/seed';
import { kodomoDefinition, kodomoStoreConfig } from '../subgraphs/kodomo/silo';
import type { SodanDoc } from '../subgraphs/konkyu/adapter/native';
import type { KonkyuRecord } from '../subgraphs/konkyu/adapter/to-graph';
import { KONKYU_SCENARIO_RECORDS } from '../subgraphs/konkyu/seed';
import { konkyuDefinition, konkyuStoreConfig } from '../subgraphs/konkyu/silo';
import type { RiyoshaDoc } from '../subgraphs/shogai/adapter/native';
import type { ShogaiRecord } from '../subgraphs/shogai/adapter/to-graph';
import { SHOGAI_SCENARIO_RECORDS } from '../subgraphs/shogai/seed';
import { shogaiDefinition, shogaiStoreConfig } from '../subgraphs/shogai/silo';

export type { SiloService };

/** Each silo's record in the agency's own shape (native) and as the graph serves it (record). */
export interface SiloTypes {
  kaigo: { native: HihokenshaDoc; record: KaigoRecord };
  shogai: { native: RiyoshaDoc; record: ShogaiRecord };
  kodomo: { native: JidoDoc; record: KodomoRecord };
  konkyu: { native: SodanDoc; record: KonkyuRecord };
}

export type NativeRecordOf<S extends SiloService> = SiloTypes[S]['native'];
export type GraphRecordOf<S extends SiloService> = SiloTypes[S]['record'];

export interface SiloKit<N extends LinkedNativeDoc, G extends GraphRecord> {
  service: SiloService;
  field: WelfareField;
  definition: SiloDefinition<G>;
  storeConfig: StoredSiloConfig<N, G>;
  /** The demo town's records (SCENARIOS.md), in the agency's shape. */
  scenarioRecords: readonly N[];
}

type SiloKits = { [S in SiloService]: SiloKit<NativeRecordOf<S>, GraphRecordOf<S>> };

export const SILO_KITS: SiloKits = {
  kaigo: {
    service: 'kaigo',
    field: 'KAIGO',
    definition: kaigoDefinition,
    storeConfig: kaigoStoreConfig,
    scenarioRecords: KAIGO_SCENARIO_RECORDS,
  },
  shogai: {
    service: 'shogai',
    field: 'SHOGAI',
    definition: shogaiDefinition,
    storeConfig: shogaiStoreConfig,
    scenarioRecords: SHOGAI_SCENARIO_RECORDS,
  },
  kodomo: {
    service: 'kodomo',
    field: 'KODOMO',
    definition: kodomoDefinition,
    storeConfig: kodomoStoreConfig,
    scenarioRecords: KODOMO_SCENARIO_RECORDS,
  },
  konkyu: {
    service: 'konkyu',
    field: 'KONKYU',
    definition: konkyuDefinition,
    storeConfig: konkyuStoreConfig,
    scenarioRecords: KONKYU_SCENARIO_RECORDS,
  },
};

/** A silo's kit with its record types erased, for code that treats every silo alike. */
export function siloKit(silo: SiloService): SiloKit<LinkedNativeDoc, GraphRecord> {
  return SILO_KITS[silo] as unknown as SiloKit<LinkedNativeDoc, GraphRecord>;
}

export const SILO_NAMES: readonly SiloService[] = SILOS.map((s) => s.service);

export function isSiloService(value: unknown): value is SiloService {
  return typeof value === 'string' && (SILO_NAMES as readonly string[]).includes(value);
}

/**
 * A demo-town staff member of the agency that runs this field (e.g. s-kita-01 for
 * 介護): rule 3 of DOMAIN.md lets them read their own field's records of anyone.
 */
export function ownFieldStaff(silo: SiloService): string {
  const field = SILO_KITS[silo].field;
  const agency = DEMO_AGENCIES.find((a) => a.role === 'FIELD' && a.field === field);
  const staff = agency && DEMO_STAFF.find((s) => s.agencyId === agency.id);
  if (!staff) throw new Error(`the demo town has no staff member in the ${field} field`);
  return staff.id;
}
