/** The 重層 side of the demo town, exactly as SCENARIOS.md gives it, plus synthetic residents. */
import type { WelfareField } from '../../shared/domain';
import { WELFARE_FIELDS } from '../../shared/domain';
import type { SeedOptions } from '../../shared/seed';
import { inBatches } from '../../town/seed';
import type { Store } from '../../shared/store';
import { DEMO_AGENCIES } from '../../town/agencies';
import { syntheticTown } from '../../town/synthetic';
import type { AgencyDoc, CaseDoc, ConsentDoc, HouseholdDoc, MeetingDoc, PersonDoc, PlanDoc } from './model';
import { COLLECTIONS } from './model';
import type { SyntheticHistory } from './synthetic-history';
import { syntheticHistory } from './synthetic-history';

const ALL: WelfareField[] = [...WELFARE_FIELDS];

/**
 * The demo town's consents run to the end of fiscal 2026: valid until 2027-03-31, a day
 * in Japan time, so its last moment is 23:59:59 JST (stored in UTC, as the workflow
 * stores an instant). `…T23:59:59Z` would be 08:59 JST on 1 April.
 */
export const CONSENT_UNTIL = '2027-03-31T14:59:59.000Z';

const person = (
  id: string,
  name: string,
  nameKana: string,
  birthDate: string,
  address: string,
  householdId: string,
  dvSupport = false,
): PersonDoc => ({ _id: id, name, nameKana, birthDate, address, householdId, dvSupport });

export const SCENARIO_PEOPLE: PersonDoc[] = [
  person('P-101', '山田 ハナ', 'ヤマダ ハナ', '1943-05-12', 'さくら町北2-4-8', 'H-8050'),
  person('P-102', '山田 健一', 'ヤマダ ケンイチ', '1972-08-08', 'さくら町北2-4-8', 'H-8050'),
  person('P-201', '佐藤 美咲', 'サトウ ミサキ', '1987-04-11', 'さくら町南1-7-3', 'H-DOUBLE'),
  person('P-202', '佐藤 トシ子', 'サトウ トシコ', '1955-09-03', 'さくら町南1-7-3', 'H-DOUBLE'),
  person('P-203', '佐藤 陽翔', 'サトウ ハルト', '2021-07-18', 'さくら町南1-7-3', 'H-DOUBLE'),
  person('P-204', '佐藤 結衣', 'サトウ ユイ', '2025-02-14', 'さくら町南1-7-3', 'H-DOUBLE'),
  person('P-301', '鈴木 一郎', 'スズキ イチロウ', '1977-06-14', 'さくら町西4-2-6', 'H-YC'),
  person('P-302', '鈴木 翔太', 'スズキ ショウタ', '2010-05-23', 'さくら町西4-2-6', 'H-YC'),
  person('P-401', '高橋 誠', 'タカハシ マコト', '1990-11-02', 'さくら町東2-9-1', 'H-KS'),
  person('P-501', '田中 由美', 'タナカ ユミ', '1996-01-30', 'さくら町中央5-11-2', 'H-DV', true),
  person('P-601', '伊藤 正', 'イトウ タダシ', '1948-02-20', 'さくら町東3-1-15', 'H-WD'),
];

export const SCENARIO_HOUSEHOLDS: HouseholdDoc[] = [
  { _id: 'H-8050', name: '山田世帯', memberIds: ['P-101', 'P-102'] },
  { _id: 'H-DOUBLE', name: '佐藤世帯', memberIds: ['P-201', 'P-202', 'P-203', 'P-204'] },
  { _id: 'H-YC', name: '鈴木世帯', memberIds: ['P-301', 'P-302'] },
  { _id: 'H-KS', name: '高橋世帯', memberIds: ['P-401'] },
  { _id: 'H-DV', name: '田中世帯', memberIds: ['P-501'] },
  { _id: 'H-WD', name: '伊藤世帯', memberIds: ['P-601'] },
];

export const SCENARIO_AGENCIES: AgencyDoc[] = DEMO_AGENCIES.map((a) => ({
  _id: a.id,
  name: a.name,
  role: a.role,
  field: a.field,
}));

const consent = (
  personId: string,
  version: number,
  status: ConsentDoc['status'],
  fields: WelfareField[],
  extra: Partial<ConsentDoc> = {},
): ConsentDoc => ({
  _id: `${personId}#${version}`,
  personId,
  version,
  status,
  fields,
  coversTax: false,
  givenBy: 'SELF',
  method: 'INTAKE_SHEET',
  takenByAgencyId: 'fukushi-ka',
  takenByStaffId: 's-fukushi-01',
  takenAt: '2026-04-10T10:00:00.000Z',
  expiresAt: CONSENT_UNTIL,
  withdrawnAt: null,
  ...extra,
});

/** SCENARIOS.md, column "consent". P-102 was never asked: no record at all. */
export const SCENARIO_CONSENTS: ConsentDoc[] = [
  consent('P-101', 1, 'GRANTED', ALL, { takenByAgencyId: 'houkatsu-kita', takenByStaffId: 's-kita-01' }),
  consent('P-201', 1, 'GRANTED', ['KAIGO', 'KODOMO', 'KONKYU'], { method: 'APPLICATION_FORM' }),
  consent('P-202', 1, 'GRANTED', ALL, { method: 'APPLICATION_FORM' }),
  consent('P-203', 1, 'GRANTED', ['KODOMO'], {
    givenBy: 'GUARDIAN',
    takenByAgencyId: 'kodomo-center',
    takenByStaffId: 's-kodomo-01',
  }),
  consent('P-204', 1, 'GRANTED', ['KODOMO'], {
    givenBy: 'GUARDIAN',
    takenByAgencyId: 'kodomo-center',
    takenByStaffId: 's-kodomo-01',
  }),
  consent('P-301', 1, 'REFUSED', [], {
    takenByAgencyId: 'soudan-aoba',
    takenByStaffId: 's-aoba-01',
    expiresAt: null,
  }),
  consent('P-302', 1, 'UNKNOWN', [], {
    takenByAgencyId: 'kodomo-center',
    takenByStaffId: 's-kodomo-01',
    expiresAt: null,
  }),
  consent('P-401', 1, 'GRANTED', ALL, {
    coversTax: true,
    method: 'APPLICATION_FORM',
    takenByAgencyId: 'shakyo-jiritsu',
    takenByStaffId: 's-shakyo-01',
  }),
  consent('P-501', 1, 'GRANTED', ['KODOMO'], {
    takenByAgencyId: 'kodomo-center',
    takenByStaffId: 's-kodomo-01',
  }),
  consent('P-601', 1, 'GRANTED', ALL, { takenAt: '2025-10-01T10:00:00.000Z' }),
  consent('P-601', 2, 'WITHDRAWN', ALL, {
    takenAt: '2025-10-01T10:00:00.000Z',
    withdrawnAt: '2026-10-15T09:30:00.000Z',
  }),
];

const team = (...entries: [string, CaseDoc['team'][number]['role']][]) =>
  entries.map(([agencyId, role]) => ({ agencyId, role }));

export const SCENARIO_CASES: CaseDoc[] = [
  {
    _id: 'C-8050',
    title: '8050: 高齢の母と長期ひきこもりの長男',
    status: 'OPEN',
    householdId: 'H-8050',
    personIds: ['P-101', 'P-102'],
    team: team(
      ['fukushi-ka', 'COORDINATOR'],
      ['takikan-shakyo', 'PLANNER'],
      ['houkatsu-kita', 'MAIN_CONTACT'],
      ['shakyo-jiritsu', 'SUPPORT'],
      ['outreach-shakyo', 'SUPPORT'],
    ),
    referredBy: 'houkatsu-kita',
    openedAt: '2026-01-20T00:00:00.000Z',
    version: 1,
  },
  {
    _id: 'C-DOUBLE',
    title: 'ダブルケア: 母の介護と二人の子の育児',
    status: 'OPEN',
    householdId: 'H-DOUBLE',
    personIds: ['P-201', 'P-202', 'P-203', 'P-204'],
    team: team(
      ['fukushi-ka', 'COORDINATOR'],
      ['takikan-shakyo', 'PLANNER'],
      ['kodomo-center', 'MAIN_CONTACT'],
      ['houkatsu-kita', 'SUPPORT'],
      ['shakyo-jiritsu', 'SUPPORT'],
    ),
    referredBy: 'kodomo-center',
    openedAt: '2026-07-20T00:00:00.000Z',
    version: 1,
  },
  {
    _id: 'C-YC',
    title: 'ヤングケアラー: 障害のある父を介助する長男',
    status: 'OPEN',
    householdId: 'H-YC',
    personIds: ['P-301', 'P-302'],
    team: team(['fukushi-ka', 'COORDINATOR'], ['soudan-aoba', 'SUPPORT'], ['kodomo-center', 'MAIN_CONTACT']),
    referredBy: 'kodomo-center',
    openedAt: '2026-09-10T00:00:00.000Z',
    version: 1,
  },
  {
    _id: 'C-KS',
    title: '困窮と障害: 離職後の住まいと就労',
    status: 'OPEN',
    householdId: 'H-KS',
    personIds: ['P-401'],
    team: team(
      ['fukushi-ka', 'COORDINATOR'],
      ['takikan-shakyo', 'PLANNER'],
      ['soudan-aoba', 'SUPPORT'],
      ['shakyo-jiritsu', 'MAIN_CONTACT'],
      ['hello-work', 'SUPPORT'],
    ),
    referredBy: 'shakyo-jiritsu',
    openedAt: '2026-06-01T00:00:00.000Z',
    version: 1,
  },
  {
    _id: 'C-WD',
    title: '独居高齢者の家計と介護',
    status: 'OPEN',
    householdId: 'H-WD',
    personIds: ['P-601'],
    team: team(
      ['fukushi-ka', 'COORDINATOR'],
      ['takikan-shakyo', 'PLANNER'],
      ['houkatsu-kita', 'MAIN_CONTACT'],
      ['shakyo-jiritsu', 'SUPPORT'],
    ),
    referredBy: 'houkatsu-kita',
    openedAt: '2025-10-01T00:00:00.000Z',
    version: 1,
  },
];

type PlanSeed = Pick<
  PlanDoc,
  | '_id'
  | 'caseId'
  | 'kind'
  | 'personIds'
  | 'status'
  | 'components'
  | 'goals'
  | 'direction'
  | 'roles'
  | 'monitoringDate'
>;

const plan = (p: PlanSeed): PlanDoc => ({
  ...p,
  version: 1,
  createdAt: '2026-04-15T00:00:00.000Z',
  createdBy: 's-takikan-01',
  updatedAt: '2026-04-15T00:00:00.000Z',
  updatedBy: 's-takikan-01',
});

export const SCENARIO_PLANS: PlanDoc[] = [
  plan({
    _id: 'PL-8050-1',
    caseId: 'C-8050',
    kind: 'TAKIKAN',
    personIds: ['P-101', 'P-102'],
    status: 'CONFIRMED',
    components: [],
    goals: ['母が在宅生活を続けられる', '長男が支援者とつながる'],
    direction: '包括が母を、自立相談支援が世帯の家計を支え、長男へはアウトリーチで接点をつくる',
    roles: [
      { agencyId: 'houkatsu-kita', task: '母の介護サービス調整' },
      { agencyId: 'shakyo-jiritsu', task: '世帯の家計相談' },
    ],
    monitoringDate: '2026-10-31',
  }),
  plan({
    _id: 'PL-8050-2',
    caseId: 'C-8050',
    kind: 'OUTREACH',
    personIds: ['P-102'],
    status: 'DRAFT',
    components: ['OUTREACH'],
    goals: ['長男と会えるようになる'],
    direction: '手紙と訪問で関係をつくる (本人同意前)',
    roles: [{ agencyId: 'outreach-shakyo', task: '月2回の訪問' }],
    monitoringDate: '2026-12-15',
  }),
  plan({
    _id: 'PL-DOUBLE-1',
    caseId: 'C-DOUBLE',
    kind: 'TAKIKAN',
    personIds: ['P-201', 'P-202', 'P-203', 'P-204'],
    status: 'IN_REVIEW',
    components: [],
    goals: ['美咲さんが就労を続けながら介護と育児を両立できる'],
    direction: '母の介護予防サービスと長男の療育を同時に調整し、家計を見直す',
    roles: [
      { agencyId: 'houkatsu-kita', task: '母の介護予防ケアマネジメント' },
      { agencyId: 'kodomo-center', task: '長男の療育と乳児のフォロー' },
      { agencyId: 'shakyo-jiritsu', task: '家計改善支援' },
    ],
    monitoringDate: '2027-01-31',
  }),
  plan({
    _id: 'PL-KS-1',
    caseId: 'C-KS',
    kind: 'TAKIKAN',
    personIds: ['P-401'],
    status: 'CONFIRMED',
    components: ['SANKA'],
    goals: ['住まいを維持する', '就労体験から一般就労へ'],
    direction: '住居確保給付金で住まいを守り、参加支援で農園の就労体験につなぐ',
    roles: [
      { agencyId: 'shakyo-jiritsu', task: '住居確保給付金と就労準備' },
      { agencyId: 'hello-work', task: '求人開拓' },
      { agencyId: 'soudan-aoba', task: '障害福祉サービスの調整' },
    ],
    monitoringDate: '2026-12-01',
  }),
  plan({
    _id: 'PL-WD-1',
    caseId: 'C-WD',
    kind: 'TAKIKAN',
    personIds: ['P-601'],
    status: 'CONFIRMED',
    components: [],
    goals: ['滞納を解消し在宅生活を続ける'],
    direction: '家計相談と介護サービスの調整',
    roles: [
      { agencyId: 'houkatsu-kita', task: '介護サービス調整' },
      { agencyId: 'shakyo-jiritsu', task: '家計相談' },
    ],
    monitoringDate: '2026-11-30',
  }),
];

/** Seeded meetings start at version 1, like every document the workflow writes. */
// The demo town's meetings were convened by 福祉課 (SCENARIOS.md: it convenes meetings).
const meeting = (m: MeetingDoc): MeetingDoc => ({ convenedByAgencyId: 'fukushi-ka', ...m, version: 1 });

export const SCENARIO_MEETINGS: MeetingDoc[] = [
  meeting({
    _id: 'M-J1',
    kind: 'JUSO_KAIGI',
    title: '第8回 重層的支援会議',
    status: 'OPEN',
    scheduledAt: '2026-11-20T13:30:00.000Z',
    memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'houkatsu-kita', 'shakyo-jiritsu', 'kodomo-center'],
    agenda: [
      { kind: 'CASE', id: 'C-8050' },
      { kind: 'CASE', id: 'C-DOUBLE' },
    ],
    decisions: [],
  }),
  meeting({
    _id: 'M-S1',
    kind: 'SHIEN_KAIGI',
    title: '支援会議 (法106条の6) 11月',
    status: 'OPEN',
    scheduledAt: '2026-11-21T10:00:00.000Z',
    memberAgencyIds: ['fukushi-ka', 'soudan-aoba', 'kodomo-center', 'outreach-shakyo'],
    agenda: [
      { kind: 'CASE', id: 'C-YC' },
      { kind: 'PERSON', id: 'P-102' },
    ],
    decisions: [],
  }),
  meeting({
    _id: 'M-S0',
    kind: 'SHIEN_KAIGI',
    title: '支援会議 (法106条の6) 10月',
    status: 'CLOSED',
    scheduledAt: '2026-10-16T10:00:00.000Z',
    memberAgencyIds: ['fukushi-ka', 'shakyo-jiritsu', 'hello-work'],
    agenda: [{ kind: 'HOUSEHOLD', id: 'H-KS' }],
    decisions: [{ decidedAt: '2026-10-16T11:30:00.000Z', summary: '参加支援の支援決定に向けて情報を共有' }],
  }),
];

function* syntheticPeople(count: number): Generator<PersonDoc> {
  for (const r of syntheticTown(count)) {
    yield person(
      r.id,
      `${r.familyName} ${r.givenName}`,
      `${r.familyKana} ${r.givenKana}`,
      r.birthDate,
      r.address,
      r.householdId,
    );
  }
}

function* syntheticHouseholds(count: number): Generator<HouseholdDoc> {
  let current: HouseholdDoc | null = null;
  for (const r of syntheticTown(count)) {
    if (current && current._id !== r.householdId) {
      yield current;
      current = null;
    }
    current ??= { _id: r.householdId, name: `${r.familyName}世帯`, memberIds: [] };
    current.memberIds.push(r.id);
  }
  if (current) yield current;
}

/** A resident the synthetic history took an intake from has its consent versions there instead. */
function* syntheticConsents(count: number, history: SyntheticHistory): Generator<ConsentDoc> {
  for (const r of syntheticTown(count)) {
    const versions = history.consents.get(r.id);
    if (versions) {
      yield* versions;
      continue;
    }
    if (r.consent === 'UNKNOWN') continue;
    yield consent(r.id, 1, r.consent, r.consent === 'GRANTED' ? ALL : [], {
      expiresAt: r.consent === 'GRANTED' ? CONSENT_UNTIL : null,
    });
  }
}

export async function seedJuso(store: Store, options: SeedOptions): Promise<void> {
  const put = async <T extends { _id: string }>(name: string, docs: Iterable<T>) =>
    inBatches(docs, (batch) => store.collection<T & { _id: string }>(name).upsertMany(batch));
  await put(COLLECTIONS.agencies, SCENARIO_AGENCIES);
  await put(COLLECTIONS.people, SCENARIO_PEOPLE);
  await put(COLLECTIONS.households, SCENARIO_HOUSEHOLDS);
  await put(COLLECTIONS.consents, SCENARIO_CONSENTS);
  await put(COLLECTIONS.cases, SCENARIO_CASES);
  await put(COLLECTIONS.plans, SCENARIO_PLANS);
  await put(COLLECTIONS.meetings, SCENARIO_MEETINGS);
  await put(COLLECTIONS.people, syntheticPeople(options.syntheticResidents));
  await put(COLLECTIONS.households, syntheticHouseholds(options.syntheticResidents));
  // A year and more of workflow for the synthetic residents (事業評価 has something to count);
  // none without them, so the demo town alone seeds as fast as ever.
  const history = syntheticHistory(options.syntheticResidents);
  await put(COLLECTIONS.consents, syntheticConsents(options.syntheticResidents, history));
  await put(COLLECTIONS.cases, history.cases);
  await put(COLLECTIONS.plans, history.plans);
  await put(COLLECTIONS.meetings, history.meetings);
}
