/**
 * What the kit needs to know of each silo: its subgraph definition, its stored-record
 * configuration (collection, indexes, native → graph mapping), its native and graph
 * types, its demo records, and who in the demo town works in that field.
 */
import type { SiloService } from '../shared/domain';
import { SILOS } from '../shared/domain';
import type { Silo } from '../shared/silo/define';
import type { GraphRecord, LinkedNativeDoc } from '../shared/silo/types';
import { DEMO_AGENCIES, DEMO_STAFF } from '../town/agencies';
import type { HihokenshaDoc } from '../subgraphs/kaigo/adapter/native';
import type { KaigoRecord } from '../subgraphs/kaigo/adapter/to-graph';
import { kaigoSilo } from '../subgraphs/kaigo/silo';
import type { JidoDoc } from '../subgraphs/kodomo/adapter/native';
import type { KodomoRecord } from '../subgraphs/kodomo/adapter/to-graph';
import { kodomoSilo } from '../subgraphs/kodomo/silo';
import type { SodanDoc } from '../subgraphs/konkyu/adapter/native';
import type { KonkyuRecord } from '../subgraphs/konkyu/adapter/to-graph';
import { konkyuSilo } from '../subgraphs/konkyu/silo';
import type { RiyoshaDoc } from '../subgraphs/shogai/adapter/native';
import type { ShogaiRecord } from '../subgraphs/shogai/adapter/to-graph';
import { shogaiSilo } from '../subgraphs/shogai/silo';
import { ALL_SILOS } from '../subgraphs/silos';

export type { SiloService };

/**
 * Each built-in silo's record in the agency's own shape (native) and as the graph
 * serves it (record): the types an integrator's fixtures and adapters are checked
 * against. (A silo declared in a test brings its own types with its declaration.)
 */
export interface SiloTypes {
  kaigo: { native: HihokenshaDoc; record: KaigoRecord };
  shogai: { native: RiyoshaDoc; record: ShogaiRecord };
  kodomo: { native: JidoDoc; record: KodomoRecord };
  konkyu: { native: SodanDoc; record: KonkyuRecord };
}

export type NativeRecordOf<S extends SiloService> = SiloTypes[S]['native'];
export type GraphRecordOf<S extends SiloService> = SiloTypes[S]['record'];

/** A silo as the kit runs it: its declaration (subgraphs/<silo>/silo.ts). */
export type SiloKit<N extends LinkedNativeDoc, G extends GraphRecord> = Silo<N, G>;

type SiloKits = { [S in SiloService]: SiloKit<NativeRecordOf<S>, GraphRecordOf<S>> };

export const SILO_KITS: SiloKits = {
  kaigo: kaigoSilo,
  shogai: shogaiSilo,
  kodomo: kodomoSilo,
  konkyu: konkyuSilo,
};

// The typed map and the one list must name the same silos; a silo added to the list
// without its types here fails the kit's start, not a test far away.
for (const silo of ALL_SILOS)
  if (!(silo.service in SILO_KITS))
    throw new Error(`testkit/silos.ts: ${silo.service} has no entry in SiloTypes`);

/** A silo's kit with its record types erased, for code that treats every silo alike. */
export function siloKit(silo: SiloService): Silo {
  // Each entry is a Silo of its own types; erased here, as the kit treats every silo alike.
  return SILO_KITS[silo] as unknown as Silo;
}

export const SILO_NAMES: readonly SiloService[] = SILOS.map((s) => s.service);

export function isSiloService(value: unknown): value is SiloService {
  return typeof value === 'string' && (SILO_NAMES as readonly string[]).includes(value);
}

/**
 * A demo-town staff member of the agency that runs this field (e.g. s-kita-01 for
 * 介護): rule 3 of DOMAIN.md lets them read their own field's records of anyone.
 */
export function ownFieldStaff(silo: SiloService | Silo): string {
  const declared = typeof silo === 'string' ? siloKit(silo) : silo;
  if (typeof silo !== 'string') return declared.agency.staff.id;
  const agency = DEMO_AGENCIES.find((a) => a.role === 'FIELD' && a.field === declared.field);
  const staff = agency && DEMO_STAFF.find((s) => s.agencyId === agency.id);
  if (!staff) throw new Error(`the demo town has no staff member in the ${declared.field} field`);
  return staff.id;
}
