/**
 * Resolvers of the 重層 subgraph: documents in, graph objects out, all through loaders,
 * and every read of 重層 data checked (visibility.ts, access.ts) on the caller the
 * gateway vouches for. The workflow's mutations and queries are in workflow/.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { check, ownRecord, refusal } from './access';
import type { JusoContext } from './context';
import { emergencyResolvers } from './emergency/resolvers';
import { loadEmergencyFacts, loadMeetingFacts } from './facts';
import type {
  CaseDoc,
  ConsentDoc,
  Consultation,
  HouseholdDoc,
  MeetingDoc,
  PersonDoc,
  PlanDoc,
} from './model';
import type { PersonFacts } from '../../shared/access/facts';
import { isActiveConsent } from '../../shared/access/facts';
import {
  consentGate,
  consentVisible,
  identity,
  present,
  visibleCase,
  visibleCases,
  visibleMeeting,
  visiblePlans,
} from './visibility';
import { caseMutations } from './workflow/case/mutations';
import { caseTimeline } from './workflow/case/queries';
import { consentMutations } from './workflow/consent/mutations';
import { meetingMutations } from './workflow/meeting/mutations';
import { meetingDecisions, myMeetings } from './workflow/meeting/queries';
import { planMutations } from './workflow/plan/mutations';
import { agendaPlans, overduePlans, pendingDecisions, statusSince } from './workflow/plan/queries';
import { versionOf } from './workflow/writes';
import { disclosureReportFacts } from './report-facts';
import { statistics } from './statistics/resolve';

export type { JusoContext } from './context';

type Ref = { id: string };

/** An intake is a consent version with its consultation (model.ts Consultation). */
const consultation = (c: ConsentDoc) => c.consultation as Consultation;
const receivedBy = (c: ConsentDoc): string => c.recordedByAgencyId ?? c.takenByAgencyId;
const SEARCH_LIMIT = 20;

/** Resolves `agency` from whatever carries an `agencyId`. */
const agencyField = (key: string) => (parent: Record<string, unknown>, _: unknown, ctx: JusoContext) => {
  const id = parent[key];
  return typeof id === 'string' ? ctx.loaders.agencies.load(id) : null;
};

const emergency = emergencyResolvers();

export const resolvers: GraphQLResolverMap<JusoContext> = {
  Query: {
    ...emergency.query,
    person: async (_: unknown, { id }: Ref, ctx: JusoContext) => {
      const p = await ctx.loaders.people.load(id);
      return p && identity(ctx, p);
    },
    household: (_: unknown, { id }: Ref, ctx: JusoContext) => ctx.loaders.households.load(id),
    case: (_: unknown, { id }: Ref, ctx: JusoContext) => visibleCase(ctx, id),
    meeting: (_: unknown, { id }: Ref, ctx: JusoContext) => visibleMeeting(ctx, id),
    searchPeople: async (_: unknown, { text }: { text: string }, ctx: JusoContext) => {
      const trimmed = text.trim().slice(0, 100);
      return trimmed ? ctx.repo.searchPeople(trimmed, SEARCH_LIMIT) : [];
    },
    agencies: (_: unknown, __: unknown, ctx: JusoContext) =>
      ctx.repo.agencies().find({}, { sort: { _id: 1 } }),
    myMeetings: async (_: unknown, { all }: { all?: boolean | null }, ctx: JusoContext) => {
      const meetings = await myMeetings(ctx, all ?? false);
      // Each is the caller's by membership; checked all the same, so the audit shows the read.
      for (const m of meetings) ctx.loaders.meetings.prime(m._id, m);
      return Promise.all(meetings.map(async (m) => (await visibleMeeting(ctx, m._id)) ?? m));
    },
    overduePlans: (_: unknown, { asOf }: { asOf?: string | null }, ctx: JusoContext) =>
      overduePlans(ctx, asOf),
    pendingDecisions: (_: unknown, __: unknown, ctx: JusoContext) => pendingDecisions(ctx),
    statistics: (_: unknown, args: { fiscalYear: number }, ctx: JusoContext) => statistics(ctx, args),
    _disclosureReportFacts: (
      _: unknown,
      args: { personId: string; meetingIds: string[] },
      ctx: JusoContext,
    ) => disclosureReportFacts(ctx, args),
    _accessFacts: async (
      _: unknown,
      args: { personIds: string[]; meetingId?: string | null; emergencyId?: string | null },
      ctx: JusoContext,
    ) => {
      // The request's facts loader: the same reads (and the same unknown-person answer)
      // as this subgraph's own checks in the request.
      const people = await ctx.access.personFacts.loadMany([...new Set(args.personIds)]);
      const failed = people.find((p): p is Error => p instanceof Error);
      if (failed) throw failed;
      return {
        people: people as PersonFacts[],
        meeting: args.meetingId ? await loadMeetingFacts(ctx.repo, args.meetingId) : null,
        emergency: args.emergencyId ? await loadEmergencyFacts(ctx.repo, args.emergencyId) : null,
      };
    },
  },
  Mutation: {
    ...consentMutations,
    ...caseMutations,
    ...planMutations,
    ...meetingMutations,
    ...emergency.mutation,
  },
  ...emergency.type,
  Person: {
    __resolveReference: async (ref: Ref, ctx: JusoContext) => {
      const p = await ctx.loaders.people.load(ref.id);
      return p && identity(ctx, p);
    },
    id: (p: PersonDoc) => p._id,
    // Every identity field is an audited read, however the person was reached (search, household).
    name: async (p: PersonDoc, _: unknown, ctx: JusoContext) => (await identity(ctx, p)).name,
    nameKana: async (p: PersonDoc, _: unknown, ctx: JusoContext) => (await identity(ctx, p)).nameKana,
    birthDate: async (p: PersonDoc, _: unknown, ctx: JusoContext) => (await identity(ctx, p)).birthDate,
    address: async (p: PersonDoc, _: unknown, ctx: JusoContext) => {
      const person = await ctx.access.personFacts.load(p._id);
      const decision = await check(
        ctx.access,
        { kind: 'IDENTITY', person, address: true },
        { field: 'IDENTITY', cls: 'ADDRESS', subjectId: p._id, personIds: [p._id] },
      );
      const error = refusal(decision);
      if (error) throw error;
      return p.address;
    },
    household: (p: PersonDoc, _: unknown, ctx: JusoContext) => ctx.loaders.households.load(p.householdId),
    consent: async (p: PersonDoc, _: unknown, ctx: JusoContext) => {
      await consentGate(ctx, p._id);
      return (await ctx.loaders.consentVersions.load(p._id)).at(-1) ?? null;
    },
    consentHistory: async (p: PersonDoc, _: unknown, ctx: JusoContext) => {
      await consentGate(ctx, p._id);
      return ctx.loaders.consentVersions.load(p._id);
    },
    cases: async (p: PersonDoc, _: unknown, ctx: JusoContext) =>
      visibleCases(ctx, await ctx.loaders.casesByPerson.load(p._id)),
    intakes: async (p: PersonDoc, _: unknown, ctx: JusoContext) => {
      const intakes = (await ctx.loaders.consentVersions.load(p._id)).filter((c) => c.consultation);
      const me = ctx.access.viewer.principal.agency.id;
      const own = intakes.filter((c) => receivedBy(c) === me);
      for (const c of own) ownRecord(ctx.access, { field: 'INTAKE', subjectId: c._id, personIds: [p._id] });
      if (own.length === intakes.length || !(await consentVisible(ctx, p._id))) return own;
      return intakes;
    },
  },
  Intake: {
    id: (c: ConsentDoc) => c._id,
    person: (c: ConsentDoc, _: unknown, ctx: JusoContext) => ctx.loaders.people.load(c.personId),
    receivedAt: (c: ConsentDoc) => consultation(c).receivedAt,
    receivedBy: (c: ConsentDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(receivedBy(c)),
    receivedByStaffId: (c: ConsentDoc) => c.recordedByStaffId ?? c.takenByStaffId,
    topics: (c: ConsentDoc) => consultation(c).topics,
    fieldsInvolved: (c: ConsentDoc) => consultation(c).fieldsInvolved,
    summary: (c: ConsentDoc) => consultation(c).summary,
    answer: (c: ConsentDoc) => consultation(c).answer,
    answerFields: (c: ConsentDoc) => consultation(c).fields,
    answerCoversTax: (c: ConsentDoc) => consultation(c).coversTax,
    // The consent in force after the intake is the person's consent: gated like Person.consent.
    consent: async (c: ConsentDoc, _: unknown, ctx: JusoContext) => {
      await consentGate(ctx, c.personId);
      return c;
    },
  },
  Household: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.households.load(ref.id),
    id: (h: HouseholdDoc) => h._id,
    members: async (h: HouseholdDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(h.memberIds)),
    cases: async (h: HouseholdDoc, _: unknown, ctx: JusoContext) =>
      visibleCases(ctx, await ctx.loaders.casesByHousehold.load(h._id)),
  },
  Agency: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.agencies.load(ref.id),
    id: (a: { _id: string }) => a._id,
  },
  Case: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => visibleCase(ctx, ref.id),
    id: (c: CaseDoc) => c._id,
    household: (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      c.householdId ? ctx.loaders.households.load(c.householdId) : null,
    people: async (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(c.personIds)),
    team: (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      c.team.map((t) => ({ role: t.role, agency: ctx.loaders.agencies.load(t.agencyId) })),
    plans: async (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      visiblePlans(ctx, c, await ctx.loaders.plansByCase.load(c._id)),
    referredBy: (c: CaseDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(c.referredBy),
    version: (c: CaseDoc) => versionOf(c),
    assessments: (c: CaseDoc) => c.assessments ?? [],
    returnedAt: (c: CaseDoc) => c.returnedAt ?? null,
    mainContact: async (c: CaseDoc, _: unknown, ctx: JusoContext) => {
      const plans = await visiblePlans(ctx, c, await ctx.loaders.plansByCase.load(c._id));
      const endings = plans
        .flatMap((p) => (p.ending ? [p.ending] : []))
        .sort((a, b) => a.at.localeCompare(b.at));
      const id =
        endings.at(-1)?.mainContactAgencyId ?? c.team.find((t) => t.role === 'MAIN_CONTACT')?.agencyId;
      return id ? ctx.loaders.agencies.load(id) : null;
    },
    timeline: (c: CaseDoc, _: unknown, ctx: JusoContext) => caseTimeline(ctx, c),
  },
  Assessment: { agency: agencyField('agencyId') },
  HistoryEntry: { agency: agencyField('agencyId') },
  TimelineEvent: { agency: agencyField('agencyId') },
  Plan: {
    __resolveReference: async (ref: Ref, ctx: JusoContext) => {
      const plan = await ctx.loaders.plans.load(ref.id);
      const c = plan && (await visibleCase(ctx, plan.caseId));
      return plan && c ? plan : null;
    },
    id: (p: PlanDoc) => p._id,
    case: (p: PlanDoc, _: unknown, ctx: JusoContext) => visibleCase(ctx, p.caseId),
    people: async (p: PlanDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(p.personIds)),
    roles: (p: PlanDoc, _: unknown, ctx: JusoContext) =>
      p.roles.map((r) => ({ task: r.task, agency: ctx.loaders.agencies.load(r.agencyId) })),
    version: (p: PlanDoc) => versionOf(p),
    statusSince: (p: PlanDoc) => statusSince(p),
    decisions: (p: PlanDoc) => p.decisions ?? [],
    contactAttempts: (p: PlanDoc) => p.contactAttempts ?? [],
    ending: (p: PlanDoc) => p.ending ?? null,
    history: (p: PlanDoc) => p.history ?? [],
  },
  PlanDecision: { agency: agencyField('agencyId'), reportedTo: agencyField('reportedToAgencyId') },
  ContactAttempt: { agency: agencyField('agencyId') },
  PlanEnding: { agency: agencyField('agencyId'), mainContact: agencyField('mainContactAgencyId') },
  Meeting: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => visibleMeeting(ctx, ref.id),
    id: (m: MeetingDoc) => m._id,
    members: async (m: MeetingDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.agencies.loadMany(m.memberAgencyIds)),
    agenda: (m: MeetingDoc) => m.agenda,
    decisions: (m: MeetingDoc, _: unknown, ctx: JusoContext) => meetingDecisions(ctx, m),
    version: (m: MeetingDoc) => versionOf(m),
    convenedBy: agencyField('convenedByAgencyId'),
    openedAt: (m: MeetingDoc) => m.openedAt ?? null,
    closedAt: (m: MeetingDoc) => m.closedAt ?? null,
    history: (m: MeetingDoc) => m.history ?? [],
  },
  MeetingDecision: { agency: agencyField('agencyId') },
  AgendaItem: {
    id: (item: MeetingDoc['agenda'][number]) => item.id,
    case: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'CASE' ? visibleCase(ctx, item.id) : null,
    household: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'HOUSEHOLD' ? ctx.loaders.households.load(item.id) : null,
    person: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'PERSON' ? ctx.loaders.people.load(item.id) : null,
    plans: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) => agendaPlans(ctx, item),
  },
  Consent: {
    id: (c: ConsentDoc) => c._id,
    active: (c: ConsentDoc, _: unknown, ctx: JusoContext) => isActiveConsent(c, ctx.now),
    takenBy: (c: ConsentDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(c.takenByAgencyId),
    change: (c: ConsentDoc) => c.change ?? null,
    recordedAt: (c: ConsentDoc) => c.recordedAt ?? c.takenAt,
    recordedBy: (c: ConsentDoc, _: unknown, ctx: JusoContext) =>
      ctx.loaders.agencies.load(c.recordedByAgencyId ?? c.takenByAgencyId),
    reason: (c: ConsentDoc) => c.reason ?? null,
  },
};
