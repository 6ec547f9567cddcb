/**
 * The demo town's 支援関係機関 and staff, exactly as in SCENARIOS.md. The agency
 * registry is configuration the gateway needs to decide "own field" without a
 * round trip; the 重層 subgraph seeds the same list as data.
 */
import type { Agency } from '../domain';

export const DEMO_AGENCIES: readonly Agency[] = [
  { id: 'houkatsu-kita', name: '地域包括支援センター北 (委託)', role: 'FIELD', field: 'KAIGO' },
  { id: 'soudan-aoba', name: '相談支援事業所あおば (委託)', role: 'FIELD', field: 'SHOGAI' },
  { id: 'kodomo-center', name: 'こども家庭センター (直営)', role: 'FIELD', field: 'KODOMO' },
  { id: 'shakyo-jiritsu', name: '社会福祉協議会 自立相談支援 (委託)', role: 'FIELD', field: 'KONKYU' },
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
  { id: 's-kita-01', name: '北村 さやか', agencyId: 'houkatsu-kita' },
  { id: 's-aoba-01', name: '青葉 大輔', agencyId: 'soudan-aoba' },
  { id: 's-kodomo-01', name: '小森 まゆみ', agencyId: 'kodomo-center' },
  { id: 's-shakyo-01', name: '庄司 拓也', agencyId: 'shakyo-jiritsu' },
  { id: 's-fukushi-01', name: '福田 恵', agencyId: 'fukushi-ka' },
  { id: 's-takikan-01', name: '滝川 亮', agencyId: 'takikan-shakyo' },
  { id: 's-outreach-01', name: '大谷 里美', agencyId: 'outreach-shakyo' },
  { id: 's-hw-01', name: '本田 修', agencyId: 'hello-work' },
];

export function agencyById(id: string, registry: readonly Agency[] = DEMO_AGENCIES): Agency | undefined {
  return registry.find((a) => a.id === id);
}
