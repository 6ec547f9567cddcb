/** Resolvers of the 重層 subgraph: documents in, graph objects out, all through loaders. */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { JusoLoaders } from './loaders';
import type { JusoRepository } from './repository';
import type { CaseDoc, ConsentDoc, HouseholdDoc, MeetingDoc, PersonDoc, PlanDoc } from './model';
import { isConsentActive } from './model';

export interface JusoContext {
  loaders: JusoLoaders;
  repo: JusoRepository;
  now: Date;
}

type Ref = { id: string };
const SEARCH_LIMIT = 20;

/** Drops missing ids; a failed load fails the field rather than hiding a store error. */
function present<T>(items: (T | null | Error)[]): T[] {
  const failed = items.find((x): x is Error => x instanceof Error);
  if (failed) throw failed;
  return items.filter((x): x is T => x !== null);
}

export const resolvers: GraphQLResolverMap<JusoContext> = {
  Query: {
    person: (_: unknown, { id }: Ref, ctx: JusoContext) => ctx.loaders.people.load(id),
    household: (_: unknown, { id }: Ref, ctx: JusoContext) => ctx.loaders.households.load(id),
    case: (_: unknown, { id }: Ref, ctx: JusoContext) => ctx.loaders.cases.load(id),
    meeting: (_: unknown, { id }: Ref, ctx: JusoContext) => ctx.loaders.meetings.load(id),
    searchPeople: (_: unknown, { text }: { text: string }, ctx: JusoContext) =>
      text.trim() ? ctx.repo.searchPeople(text.trim(), SEARCH_LIMIT) : [],
    agencies: (_: unknown, __: unknown, ctx: JusoContext) =>
      ctx.repo.agencies().find({}, { sort: { _id: 1 } }),
  },
  Person: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.people.load(ref.id),
    id: (p: PersonDoc) => p._id,
    household: (p: PersonDoc, _: unknown, ctx: JusoContext) => ctx.loaders.households.load(p.householdId),
    consent: async (p: PersonDoc, _: unknown, ctx: JusoContext) =>
      (await ctx.loaders.consentVersions.load(p._id)).at(-1) ?? null,
    consentHistory: (p: PersonDoc, _: unknown, ctx: JusoContext) => ctx.loaders.consentVersions.load(p._id),
    cases: (p: PersonDoc, _: unknown, ctx: JusoContext) => ctx.loaders.casesByPerson.load(p._id),
  },
  Household: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.households.load(ref.id),
    id: (h: HouseholdDoc) => h._id,
    members: async (h: HouseholdDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(h.memberIds)),
    cases: (h: HouseholdDoc, _: unknown, ctx: JusoContext) => ctx.loaders.casesByHousehold.load(h._id),
  },
  Agency: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.agencies.load(ref.id),
    id: (a: { _id: string }) => a._id,
  },
  Case: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.cases.load(ref.id),
    id: (c: CaseDoc) => c._id,
    household: (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      c.householdId ? ctx.loaders.households.load(c.householdId) : null,
    people: async (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(c.personIds)),
    team: (c: CaseDoc, _: unknown, ctx: JusoContext) =>
      c.team.map((t) => ({ role: t.role, agency: ctx.loaders.agencies.load(t.agencyId) })),
    plans: (c: CaseDoc, _: unknown, ctx: JusoContext) => ctx.loaders.plansByCase.load(c._id),
    referredBy: (c: CaseDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(c.referredBy),
  },
  Plan: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.plans.load(ref.id),
    id: (p: PlanDoc) => p._id,
    case: (p: PlanDoc, _: unknown, ctx: JusoContext) => ctx.loaders.cases.load(p.caseId),
    people: async (p: PlanDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.people.loadMany(p.personIds)),
    roles: (p: PlanDoc, _: unknown, ctx: JusoContext) =>
      p.roles.map((r) => ({ task: r.task, agency: ctx.loaders.agencies.load(r.agencyId) })),
  },
  Meeting: {
    __resolveReference: (ref: Ref, ctx: JusoContext) => ctx.loaders.meetings.load(ref.id),
    id: (m: MeetingDoc) => m._id,
    members: async (m: MeetingDoc, _: unknown, ctx: JusoContext) =>
      present(await ctx.loaders.agencies.loadMany(m.memberAgencyIds)),
    agenda: (m: MeetingDoc, _: unknown, ctx: JusoContext) =>
      m.agenda.map((item) => ({
        kind: item.kind,
        case: item.kind === 'CASE' ? ctx.loaders.cases.load(item.id) : null,
        household: item.kind === 'HOUSEHOLD' ? ctx.loaders.households.load(item.id) : null,
        person: item.kind === 'PERSON' ? ctx.loaders.people.load(item.id) : null,
      })),
  },
  Consent: {
    id: (c: ConsentDoc) => c._id,
    active: (c: ConsentDoc, _: unknown, ctx: JusoContext) => isConsentActive(c, ctx.now),
    takenBy: (c: ConsentDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(c.takenByAgencyId),
  },
};
