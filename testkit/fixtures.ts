/**
 * A town given inline: the 重層 subgraph's documents (people, households, consent,
 * cases, plans, meetings) in the shape it stores them (subgraphs/juso/model.ts), and
 * each silo's records in the agency's own shape (subgraphs/<silo>/adapter/native.ts).
 * Fields a test rarely cares about have defaults; everything else is as stored, so a
 * fixture reads like the data it stands for.
 */
import type { ServiceName, WelfareField } from '../shared/domain';
import { WELFARE_FIELDS } from '../shared/domain';
import { SEED_LINK } from '../town/seed';
import type { ResidentLink } from '../shared/silo/types';
import type { Store, StoredDoc } from '../shared/store';
import type {
  CaseDoc,
  ConsentDoc,
  HouseholdDoc,
  MeetingDoc,
  PersonDoc,
  PlanDoc,
} from '../subgraphs/juso/model';
import { COLLECTIONS } from '../subgraphs/juso/model';
import {
  SCENARIO_AGENCIES,
  SCENARIO_CASES,
  SCENARIO_CONSENTS,
  SCENARIO_HOUSEHOLDS,
  SCENARIO_MEETINGS,
  SCENARIO_PEOPLE,
  SCENARIO_PLANS,
} from '../subgraphs/juso/seed';
import type { NativeRecordOf, SiloService } from './silos';
import { SILO_KITS, SILO_NAMES, siloKit } from './silos';
import type { AnySilo, Silo } from '../shared/silo/define';
import { anySilo } from '../shared/silo/define';

/** The named fields of a stored document, without the `[key: string]: unknown` of StoredDoc. */
type Known<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** A document whose fields `D` may be left out (they get defaults). */
type WithDefaults<T, D extends keyof Known<T>> = Omit<Known<T>, D> & Partial<Pick<Known<T>, D>>;

/** A resident. `householdId` may be left out when a household lists the person. */
export type PersonFixture = WithDefaults<
  PersonDoc,
  'nameKana' | 'birthDate' | 'address' | 'householdId' | 'dvSupport'
>;

/** A 世帯. `memberIds` may be left out: the people naming this household. */
export type HouseholdFixture = WithDefaults<HouseholdDoc, 'name' | 'memberIds'>;

/**
 * One version of a person's consent. Defaults: version 1 (2, 3… for further versions of
 * the same person, in order), `_id` `<personId>#<version>`, all four fields when
 * GRANTED (none otherwise), not covering tax, given by the person on the intake
 * sheet to 福祉課, no expiry.
 */
export type ConsentFixture = WithDefaults<
  ConsentDoc,
  | '_id'
  | 'version'
  | 'fields'
  | 'coversTax'
  | 'givenBy'
  | 'method'
  | 'takenByAgencyId'
  | 'takenByStaffId'
  | 'takenAt'
  | 'expiresAt'
  | 'withdrawnAt'
>;

/** A 重層 case. Defaults: OPEN, no household, no team, referred by 福祉課. */
export type CaseFixture = WithDefaults<
  CaseDoc,
  'title' | 'status' | 'householdId' | 'team' | 'referredBy' | 'openedAt' | 'version'
>;

/** A plan. Defaults: a 多機関協働プラン in DRAFT for the case's people. */
export type PlanFixture = WithDefaults<
  PlanDoc,
  | 'kind'
  | 'personIds'
  | 'status'
  | 'components'
  | 'goals'
  | 'direction'
  | 'roles'
  | 'monitoringDate'
  | 'version'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'updatedBy'
>;

/** A 支援会議 / 重層的支援会議. `kind` and members are required: access depends on them. */
export type MeetingFixture = WithDefaults<
  MeetingDoc,
  'title' | 'status' | 'scheduledAt' | 'agenda' | 'decisions'
>;

/** How a native record is linked to a resident; `residentId` is enough. */
export type ResidentLinkFixture = Pick<ResidentLink, 'residentId'> & Partial<ResidentLink>;

/**
 * A silo record in the agency's own shape. Without `link` it is an unlinked record,
 * which stays out of the graph (as after an import that could not link it).
 */
export type NativeFixture<N> = Omit<Known<N>, 'link'> & { link?: ResidentLinkFixture };

export type NativeRecordFixtures = { [S in SiloService]?: NativeFixture<NativeRecordOf<S>>[] } & {
  /** A silo of `addSilos`, by its service name, in its own native shape. */
  [silo: string]: readonly object[] | undefined;
};

export interface TownFixtures {
  people?: PersonFixture[];
  households?: HouseholdFixture[];
  consents?: ConsentFixture[];
  cases?: CaseFixture[];
  plans?: PlanFixture[];
  meetings?: MeetingFixture[];
  /** Each silo's records in its native shape, e.g. `{ kaigo: [HihokenshaDoc…] }`. */
  records?: NativeRecordFixtures;
}

/** The town a test graph starts with. */
export type TownOption = 'demo' | 'empty' | TownFixtures;

/** Options or fixtures that cannot work, refused before anything starts (or while loading). */
export class FixtureError extends Error {
  constructor(message: string) {
    super(`startTestGraph: ${message}`);
    this.name = 'FixtureError';
  }
}

const ALL_FIELDS: WelfareField[] = [...WELFARE_FIELDS];
const DEFAULT_AT = '2026-04-01T00:00:00.000Z';

/**
 * The demo town of SCENARIOS.md as inline fixtures (fresh copies): a base to add to or
 * change, e.g. `{ ...demoTown(), meetings: [...demoTown().meetings, myMeeting] }`.
 */
export function demoTown(): Required<Omit<TownFixtures, 'records'>> & {
  records: Required<NativeRecordFixtures>;
} {
  return structuredClone({
    people: SCENARIO_PEOPLE,
    households: SCENARIO_HOUSEHOLDS,
    consents: SCENARIO_CONSENTS,
    cases: SCENARIO_CASES,
    plans: SCENARIO_PLANS,
    meetings: SCENARIO_MEETINGS,
    records: {
      kaigo: [...SILO_KITS.kaigo.scenarioRecords],
      shogai: [...SILO_KITS.shogai.scenarioRecords],
      kodomo: [...SILO_KITS.kodomo.scenarioRecords],
      konkyu: [...SILO_KITS.konkyu.scenarioRecords],
    },
  });
}

/** Documents per collection, ready to insert, for each service. */
export type ResolvedTown = Record<ServiceName, Record<string, StoredDoc[]>> &
  Record<string, Record<string, StoredDoc[]>>;

function uniqueIds(what: string, docs: readonly { _id: string }[]): void {
  const seen = new Set<string>();
  for (const d of docs) {
    if (typeof d._id !== 'string' || d._id === '')
      throw new FixtureError(`${what}: every entry needs an _id`);
    if (seen.has(d._id)) throw new FixtureError(`${what}: _id ${d._id} given twice`);
    seen.add(d._id);
  }
}

/** Fills defaults and checks what would otherwise fail later with a less helpful message. */
/**
 * Silos declared outside the built-in list (`startTestGraph({ addSilos })`): their
 * records are fixtures like any silo's, and a GRANTED consent without `fields` covers
 * their fields too.
 */
export interface ResolveOptions {
  addSilos?: readonly AnySilo[];
}

export function resolveTown(town: TownFixtures, options: ResolveOptions = {}): ResolvedTown {
  const added = (options.addSilos ?? []).map(anySilo);
  const allFields: WelfareField[] = [...ALL_FIELDS, ...added.map((s) => s.field)];
  const kits: readonly Silo[] = [...SILO_NAMES.map(siloKit), ...added];
  const people = town.people ?? [];
  const households = town.households ?? [];
  uniqueIds('people', people);
  uniqueIds('households', households);

  const listedIn = new Map<string, string>();
  for (const h of households) for (const m of h.memberIds ?? []) listedIn.set(m, h._id);
  const personDocs: PersonDoc[] = people.map((p) => {
    const householdId = p.householdId ?? listedIn.get(p._id);
    if (!householdId)
      throw new FixtureError(
        `person ${p._id}: give householdId, or list the person in a household's memberIds`,
      );
    return {
      ...p,
      nameKana: p.nameKana ?? p.name,
      birthDate: p.birthDate ?? '1970-01-01',
      address: p.address ?? '',
      householdId,
      dvSupport: p.dvSupport ?? false,
    };
  });
  const householdDocs: HouseholdDoc[] = households.map((h) => ({
    ...h,
    name: h.name ?? h._id,
    memberIds: h.memberIds ?? personDocs.filter((p) => p.householdId === h._id).map((p) => p._id),
  }));

  const versions = new Map<string, number>();
  const consentDocs: ConsentDoc[] = (town.consents ?? []).map((c) => {
    const version = c.version ?? (versions.get(c.personId) ?? 0) + 1;
    versions.set(c.personId, version);
    return {
      ...c,
      _id: c._id ?? `${c.personId}#${version}`,
      version,
      fields: c.fields ?? (c.status === 'GRANTED' ? allFields : []),
      coversTax: c.coversTax ?? false,
      givenBy: c.givenBy ?? 'SELF',
      method: c.method ?? 'INTAKE_SHEET',
      takenByAgencyId: c.takenByAgencyId ?? 'fukushi-ka',
      takenByStaffId: c.takenByStaffId ?? 's-fukushi-01',
      takenAt: c.takenAt ?? DEFAULT_AT,
      expiresAt: c.expiresAt ?? null,
      withdrawnAt: c.withdrawnAt ?? null,
    };
  });
  uniqueIds('consents', consentDocs);

  const cases = town.cases ?? [];
  uniqueIds('cases', cases);
  const caseDocs: CaseDoc[] = cases.map((c) => ({
    ...c,
    title: c.title ?? c._id,
    status: c.status ?? 'OPEN',
    householdId: c.householdId ?? null,
    team: c.team ?? [],
    referredBy: c.referredBy ?? 'fukushi-ka',
    openedAt: c.openedAt ?? DEFAULT_AT,
    version: c.version ?? 1,
  }));

  const plans = town.plans ?? [];
  uniqueIds('plans', plans);
  const planDocs: PlanDoc[] = plans.map((p) => ({
    ...p,
    kind: p.kind ?? 'TAKIKAN',
    personIds: p.personIds ?? caseDocs.find((c) => c._id === p.caseId)?.personIds ?? [],
    status: p.status ?? 'DRAFT',
    components: p.components ?? [],
    goals: p.goals ?? [],
    direction: p.direction ?? '',
    roles: p.roles ?? [],
    monitoringDate: p.monitoringDate ?? null,
    version: p.version ?? 1,
    createdAt: p.createdAt ?? DEFAULT_AT,
    createdBy: p.createdBy ?? 's-takikan-01',
    updatedAt: p.updatedAt ?? p.createdAt ?? DEFAULT_AT,
    updatedBy: p.updatedBy ?? p.createdBy ?? 's-takikan-01',
  }));

  const meetings = town.meetings ?? [];
  uniqueIds('meetings', meetings);
  const meetingDocs: MeetingDoc[] = meetings.map((m) => ({
    ...m,
    title: m.title ?? m._id,
    status: m.status ?? 'OPEN',
    scheduledAt: m.scheduledAt ?? DEFAULT_AT,
    agenda: m.agenda ?? [],
    decisions: m.decisions ?? [],
  }));

  const resolved: Partial<ResolvedTown> = {
    juso: {
      // The agency registry is the gateway's configuration: every town has the demo agencies.
      [COLLECTIONS.agencies]: SCENARIO_AGENCIES,
      [COLLECTIONS.people]: personDocs,
      [COLLECTIONS.households]: householdDocs,
      [COLLECTIONS.consents]: consentDocs,
      [COLLECTIONS.cases]: caseDocs,
      [COLLECTIONS.plans]: planDocs,
      [COLLECTIONS.meetings]: meetingDocs,
    },
  };

  const records = (town.records ?? {}) as Record<string, unknown>;
  const names = kits.map((k) => k.service);
  for (const key of Object.keys(records))
    if (!names.includes(key)) throw new FixtureError(`records.${key}: not a silo (${names.join(', ')})`);
  for (const kit of kits) {
    const silo = kit.service;
    const given = (records[silo] ?? []) as NativeFixture<StoredDoc>[];
    uniqueIds(`records.${silo}`, given as { _id: string }[]);
    const docs = given.map((r) => {
      const { link, ...rest } = r as NativeFixture<StoredDoc> & { _id: string };
      return (link ? { ...rest, link: { ...SEED_LINK, ...link } } : rest) as StoredDoc;
    });
    resolved[silo] = { [kit.store.collection]: docs };
  }
  return resolved as ResolvedTown;
}

/** Writes one service's resolved documents into its (empty) store. */
export async function loadResolved(store: Store, docs: Record<string, StoredDoc[]>): Promise<void> {
  for (const [collection, list] of Object.entries(docs)) {
    if (list.length) await store.collection(collection).insertMany(list);
  }
}
