/**
 * The demo town's 支援関係機関 and staff, exactly as in SCENARIOS.md. The agency
 * registry is configuration the gateway needs to decide "own field" without a
 * round trip; the 重層 subgraph seeds the same list as data.
 */
import type { Agency } from '../shared/domain';
import { SILO_LIST } from '../shared/silos.generated';

/** The agency that runs each silo's field, as the silo declares it (subgraphs/<silo>/silo.ts). */
export const SILO_AGENCIES: readonly Agency[] = SILO_LIST.map((s) => ({
  id: s.agency.id,
  name: s.agency.name,
  role: 'FIELD',
  field: s.field,
}));

export const DEMO_AGENCIES: readonly Agency[] = [
  ...SILO_AGENCIES,
  { id: 'fukushi-ka', name: '福祉課 重層担当', role: 'COORDINATOR', field: null },
  { id: 'takikan-shakyo', name: '多機関協働事業者 (社会福祉協議会)', role: 'TAKIKAN', field: null },
  { id: 'outreach-shakyo', name: 'アウトリーチ等事業者 (社会福祉協議会)', role: 'OUTREACH', field: null },
  { id: 'hello-work', name: '公共職業安定所', role: 'OTHER', field: null },
];

export interface StaffMember {
  id: string;
  name: string;
  agencyId: string;
}

export const DEMO_STAFF: readonly StaffMember[] = [
  ...SILO_LIST.map((s) => ({ id: s.agency.staff.id, name: s.agency.staff.name, agencyId: s.agency.id })),
  { id: 's-fukushi-01', name: '福田 恵', agencyId: 'fukushi-ka' },
  { id: 's-takikan-01', name: '滝川 亮', agencyId: 'takikan-shakyo' },
  { id: 's-outreach-01', name: '大谷 里美', agencyId: 'outreach-shakyo' },
  { id: 's-hw-01', name: '本田 修', agencyId: 'hello-work' },
];

export function agencyById(id: string, registry: readonly Agency[] = DEMO_AGENCIES): Agency | undefined {
  return registry.find((a) => a.id === id);
}
