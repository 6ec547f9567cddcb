/**
 * Resolvers of the 重層 subgraph: documents in, graph objects out, all through loaders,
 * and every read of 重層 data checked (access.ts) on the caller the gateway vouches for.
 * A case or meeting that does not exist is refused exactly like one that is hidden, so
 * ids cannot be probed.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { JusoSubject } from '../../shared/access/juso-data';
import type { AccessState } from './access';
import { check, refusal } from './access';
import { loadMeetingFacts, loadPersonFacts, unknownPerson } from './facts';
import type { JusoLoaders } from './loaders';
import type { CaseDoc, ConsentDoc, HouseholdDoc, MeetingDoc, PersonDoc, PlanDoc } from './model';
import { isConsentActive } from './model';
import type { JusoRepository } from './repository';

export interface JusoContext {
  loaders: JusoLoaders;
  repo: JusoRepository;
  now: Date;
  access: AccessState;
}

type Ref = { id: string };
const SEARCH_LIMIT = 20;

/** Drops missing ids; a failed load fails the field rather than hiding a store error. */
function present<T>(items: (T | null | Error)[]): T[] {
  const failed = items.find((x): x is Error => x instanceof Error);
  if (failed) throw failed;
  return items.filter((x): x is T => x !== null);
}

const caseSubject = (c: CaseDoc | null, id: string): Extract<JusoSubject, { kind: 'CASE' }> => ({
  kind: 'CASE',
  caseId: id,
  householdId: c?.householdId ?? null,
  teamAgencyIds: c?.team.map((t) => t.agencyId) ?? [],
});

/** The case if the caller may see it; the withheld error otherwise (also for unknown ids). */
async function visibleCase(ctx: JusoContext, id: string): Promise<CaseDoc | null> {
  const doc = await ctx.loaders.cases.load(id);
  const decision = await check(ctx.access, caseSubject(doc, id), {
    field: 'CASE',
    subjectId: id,
    personIds: doc?.personIds ?? [],
  });
  const error = refusal(decision);
  if (error) throw error;
  return doc;
}

/** The visible ones among these cases; the others are left out (and audited as withheld). */
async function visibleCases(ctx: JusoContext, cases: CaseDoc[]): Promise<CaseDoc[]> {
  const decisions = await Promise.all(
    cases.map((c) =>
      check(ctx.access, caseSubject(c, c._id), { field: 'CASE', subjectId: c._id, personIds: c.personIds }),
    ),
  );
  return cases.filter((_, i) => decisions[i]?.effect === 'ALLOW');
}

async function visiblePlans(ctx: JusoContext, c: CaseDoc, plans: PlanDoc[]): Promise<PlanDoc[]> {
  const decisions = await Promise.all(
    plans.map((p) =>
      check(
        ctx.access,
        { ...caseSubject(c, c._id), kind: 'PLAN', personIds: p.personIds },
        { field: 'PLAN', subjectId: p._id, personIds: p.personIds },
      ),
    ),
  );
  return plans.filter((_, i) => decisions[i]?.effect === 'ALLOW');
}

async function visibleMeeting(ctx: JusoContext, id: string): Promise<MeetingDoc | null> {
  const doc = await ctx.loaders.meetings.load(id);
  const facts = doc
    ? { id, kind: doc.kind, status: doc.status, memberAgencyIds: doc.memberAgencyIds, agenda: doc.agenda }
    : { id, kind: 'SHIEN_KAIGI' as const, status: 'CLOSED' as const, memberAgencyIds: [], agenda: [] };
  const error = refusal(
    await check(
      ctx.access,
      { kind: 'MEETING', meeting: facts },
      { field: 'MEETING', subjectId: id, personIds: [] },
    ),
  );
  if (error) throw error;
  return doc;
}

/** Identity comes from the resident registry: readable by any signed-in staff member. */
async function identity(ctx: JusoContext, p: PersonDoc): Promise<PersonDoc> {
  await check(
    ctx.access,
    { kind: 'IDENTITY', person: null, address: false },
    { field: 'IDENTITY', subjectId: p._id, personIds: [p._id] },
  );
  return p;
}

async function consentGate(ctx: JusoContext, p: PersonDoc): Promise<void> {
  const person = await ctx.access.personFacts.load(p._id);
  const error = refusal(
    await check(
      ctx.access,
      { kind: 'CONSENT', person },
      { field: 'CONSENT', subjectId: p._id, personIds: [p._id] },
    ),
  );
  if (error) throw error;
}

export const resolvers: GraphQLResolverMap<JusoContext> = {
  Query: {
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
    _accessFacts: async (
      _: unknown,
      args: { personIds: string[]; meetingId?: string | null },
      ctx: JusoContext,
    ) => {
      const ids = [...new Set(args.personIds)];
      const people = await loadPersonFacts(ctx.repo, ids);
      return {
        people: people.map((p, i) => p ?? unknownPerson(ids[i] as string)),
        meeting: args.meetingId ? await loadMeetingFacts(ctx.repo, args.meetingId) : null,
      };
    },
  },
  Person: {
    __resolveReference: async (ref: Ref, ctx: JusoContext) => {
      const p = await ctx.loaders.people.load(ref.id);
      return p && identity(ctx, p);
    },
    id: (p: PersonDoc) => p._id,
    name: async (p: PersonDoc, _: unknown, ctx: JusoContext) => (await identity(ctx, p)).name,
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
      await consentGate(ctx, p);
      return (await ctx.loaders.consentVersions.load(p._id)).at(-1) ?? null;
    },
    consentHistory: async (p: PersonDoc, _: unknown, ctx: JusoContext) => {
      await consentGate(ctx, p);
      return ctx.loaders.consentVersions.load(p._id);
    },
    cases: async (p: PersonDoc, _: unknown, ctx: JusoContext) =>
      visibleCases(ctx, await ctx.loaders.casesByPerson.load(p._id)),
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
  },
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
  },
  Meeting: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => visibleMeeting(ctx, ref.id),
    id: (m: MeetingDoc) => m._id,
    members: async (m: MeetingDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.agencies.loadMany(m.memberAgencyIds)),
    agenda: (m: MeetingDoc) => m.agenda,
  },
  AgendaItem: {
    case: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'CASE' ? visibleCase(ctx, item.id) : null,
    household: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'HOUSEHOLD' ? ctx.loaders.households.load(item.id) : null,
    person: (item: MeetingDoc['agenda'][number], _: unknown, ctx: JusoContext) =>
      item.kind === 'PERSON' ? ctx.loaders.people.load(item.id) : null,
  },
  Consent: {
    id: (c: ConsentDoc) => c._id,
    active: (c: ConsentDoc, _: unknown, ctx: JusoContext) => isConsentActive(c, ctx.now),
    takenBy: (c: ConsentDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(c.takenByAgencyId),
  },
};

export { loadMeetingFacts, loadPersonFacts };
