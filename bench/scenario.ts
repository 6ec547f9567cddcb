/**
 * What the household dashboard benchmark reads: the dashboard's household query, and
 * a synthetic household of five (with a case, two plans and consent that covers tax)
 * on a synthetic open 支援会議, so that every field of the answer is disclosed and
 * every gateway in the comparison returns the same data. Each of its members is given
 * a record in each of the four fields (copies of the demo town's records): the fullest
 * dashboard a household of five can show.
 */
import { DashboardHouseholdDocument } from '../dashboard/generated/graphql';
import type { ServiceName } from '../shared/domain';
import type { Store, StoredDoc } from '../shared/store';
import { syntheticTown } from '../town/synthetic';
import type { CaseDoc, ConsentDoc, HouseholdDoc, MeetingDoc, PlanDoc } from '../subgraphs/juso/model';
import { COLLECTIONS } from '../subgraphs/juso/model';
import { ALL_SILOS } from '../subgraphs/silos';

/** The staff member and meeting the benchmark acts as and in. */
export const BENCH_STAFF = 's-takikan-01';
export const BENCH_MEETING = 'M-BENCH';
/** Households are picked among the first residents, so the 1,000 and 150,000 towns share them. */
const PICK_WITHIN = 1_000;

/**
 * The dashboard's household query (dashboard/operations/household.graphql and its
 * fragments), the very text the page sends: the trusted manifest holds it by its hash.
 */
export const DASHBOARD_QUERY: string = DashboardHouseholdDocument;

export interface BenchHousehold {
  id: string;
  size: number;
  /** Silo records held by its members (of size × 4 possible). */
  records: number;
}

export interface BenchScenario {
  /** The household the load runs on: five members, the most silo records among them. */
  main: BenchHousehold;
  /** One household of each size 1–5, for store queries against household size. */
  bySize: BenchHousehold[];
}

const SILO_COLLECTIONS: Partial<Record<ServiceName, string>> = Object.fromEntries(
  ALL_SILOS.map((s) => [s.service, s.store.collection]),
);

/**
 * Gives every member a record in every field: a copy of the demo town's first record of
 * that silo (P-… residents), relinked, with its own native numbers (the unique keys).
 */
async function fillRecords(stores: Record<ServiceName, Store>, memberIds: string[]): Promise<void> {
  for (const { service, store: config } of ALL_SILOS) {
    const collection = stores[service as ServiceName].collection<StoredDoc>(config.collection);
    const linked = await collection.find({ 'link.residentId': { $in: memberIds } });
    const held = new Set(linked.map((d) => (d.link as { residentId: string }).residentId));
    const [template] = (await collection.find({}, { sort: { _id: 1 } })).filter((d) =>
      String((d.link as { residentId?: string } | undefined)?.residentId ?? '').startsWith('P-'),
    );
    if (!template) throw new Error(`no demo record in ${config.collection} to copy`);
    const uniqueKeys = config.indexes.filter((i) => i.unique).flatMap((i) => i.keys);
    const copies = memberIds
      .filter((id) => !held.has(id))
      .map((id) => {
        const copy = structuredClone(template);
        const number = `B${id.replace(/\D/g, '')}`;
        copy._id = number;
        for (const key of uniqueKeys) copy[key] = number;
        copy.link = { ...(template.link as object), residentId: id };
        return copy;
      });
    if (copies.length) await collection.upsertMany(copies);
  }
}

/**
 * Picks the households and writes, into the 重層 store, what the dashboard reads about
 * them beyond the seed: a case and two plans each, consent covering tax (so 支援会議
 * discloses taxStatus too), and the open 支援会議 M-BENCH with all of them on its agenda.
 * Deterministic: the same town gives the same households and documents.
 */
export async function prepareScenario(stores: Record<ServiceName, Store>): Promise<BenchScenario> {
  const households = new Map<string, string[]>();
  for (const r of syntheticTown(PICK_WITHIN)) {
    const members = households.get(r.householdId) ?? [];
    members.push(r.id);
    households.set(r.householdId, members);
  }
  const recordsOf = async (memberIds: string[]): Promise<number> => {
    let n = 0;
    for (const [service, collection] of Object.entries(SILO_COLLECTIONS)) {
      const store = stores[service as ServiceName];
      n += (await store.collection(collection).find({ 'link.residentId': { $in: memberIds } })).length;
    }
    return n;
  };

  const bySize: BenchHousehold[] = [];
  let main: BenchHousehold | null = null;
  for (const [id, members] of households) {
    const size = members.length;
    if (!bySize.some((h) => h.size === size) || size === 5) {
      const h = { id, size, records: await recordsOf(members) };
      if (!bySize.some((b) => b.size === size)) bySize.push(h);
      if (size === 5 && (!main || h.records > main.records)) main = h;
    }
  }
  if (!main) throw new Error('no household of five among the first synthetic residents');
  await fillRecords(stores, households.get(main.id) as string[]);
  main.records = await recordsOf(households.get(main.id) as string[]);
  // The household of five in the size series is the main one, so both measure the same thing.
  const series = bySize
    .filter((h) => h.size !== 5)
    .concat(main)
    .sort((a, b) => a.size - b.size);

  const juso = stores.juso;
  const at = '2026-11-01T09:00:00.000Z';
  const cases: CaseDoc[] = [];
  const plans: PlanDoc[] = [];
  const consents: ConsentDoc[] = [];
  for (const h of series) {
    const memberIds = households.get(h.id) as string[];
    const caseId = `C-BENCH-${h.id}`;
    cases.push({
      _id: caseId,
      title: `ベンチマーク: ${h.id}`,
      status: 'OPEN',
      householdId: h.id,
      personIds: memberIds,
      team: [
        { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
        { agencyId: 'takikan-shakyo', role: 'PLANNER' },
        { agencyId: 'houkatsu-kita', role: 'MAIN_CONTACT' },
        { agencyId: 'shakyo-jiritsu', role: 'SUPPORT' },
      ],
      referredBy: 'houkatsu-kita',
      openedAt: at,
      version: 1,
    });
    for (const [i, kind] of (['TAKIKAN', 'SANKA'] as const).entries()) {
      plans.push({
        _id: `PL-BENCH-${h.id}-${i + 1}`,
        caseId,
        kind,
        personIds: i === 0 ? memberIds : memberIds.slice(0, 1),
        status: i === 0 ? 'CONFIRMED' : 'IN_REVIEW',
        components: i === 0 ? [] : ['SANKA'],
        goals: ['世帯の生活が安定する'],
        direction: '各分野の支援を重ねて調整する',
        roles: [
          { agencyId: 'houkatsu-kita', task: '介護サービス調整' },
          { agencyId: 'shakyo-jiritsu', task: '家計相談' },
        ],
        monitoringDate: '2026-12-15',
        version: 1,
        createdAt: at,
        createdBy: 's-takikan-01',
        updatedAt: at,
        updatedBy: 's-takikan-01',
      });
    }
    const current = await juso
      .collection<ConsentDoc>(COLLECTIONS.consents)
      .find({ personId: { $in: memberIds } });
    for (const personId of memberIds) {
      const version =
        1 + Math.max(0, ...current.filter((c) => c.personId === personId).map((c) => c.version));
      consents.push({
        _id: `${personId}#${version}`,
        personId,
        version,
        status: 'GRANTED',
        fields: ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'],
        coversTax: true,
        givenBy: 'SELF',
        method: 'INTAKE_SHEET',
        takenByAgencyId: 'fukushi-ka',
        takenByStaffId: 's-fukushi-01',
        takenAt: at,
        expiresAt: '2099-03-31T23:59:59.000Z',
        withdrawnAt: null,
      });
    }
  }
  const meeting: MeetingDoc = {
    _id: BENCH_MEETING,
    kind: 'SHIEN_KAIGI',
    title: '支援会議 (法106条の6) ベンチマーク',
    status: 'OPEN',
    scheduledAt: at,
    memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'houkatsu-kita', 'shakyo-jiritsu'],
    agenda: series.map((h) => ({ kind: 'HOUSEHOLD' as const, id: h.id })),
    decisions: [],
  };
  await juso.collection<CaseDoc>(COLLECTIONS.cases).upsertMany(cases);
  await juso.collection<PlanDoc>(COLLECTIONS.plans).upsertMany(plans);
  await juso.collection<ConsentDoc>(COLLECTIONS.consents).upsertMany(consents);
  await juso.collection<MeetingDoc>(COLLECTIONS.meetings).upsertMany([meeting]);
  // The household documents are the seed's; checked here so a change to the seed shows.
  for (const h of series) {
    const doc = await juso.collection<HouseholdDoc>(COLLECTIONS.households).findOne({ _id: h.id });
    if (doc?.memberIds.length !== h.size) throw new Error(`household ${h.id} is not as generated`);
  }
  return { main, bySize: series };
}
