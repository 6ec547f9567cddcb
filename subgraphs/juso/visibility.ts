/**
 * Who may see which 重層 document, for reads and for the writes that start from a read:
 * every check goes through access.ts `check` (decideJusoData), so it is audited. A
 * case, plan or meeting that does not exist is refused exactly like one that is
 * hidden, so ids cannot be probed.
 */
import type { JusoSubject } from '../../shared/access/juso-data';
import { check, refusal } from './access';
import type { JusoContext } from './context';
import type { CaseDoc, MeetingDoc, PersonDoc, PlanDoc } from './model';

/** Drops missing ids; a failed load fails the field rather than hiding a store error. */
export function present<T>(items: (T | null | Error)[]): T[] {
  const failed = items.find((x): x is Error => x instanceof Error);
  if (failed) throw failed;
  return items.filter((x): x is T => x !== null);
}

export const caseSubject = (c: CaseDoc | null, id: string): Extract<JusoSubject, { kind: 'CASE' }> => ({
  kind: 'CASE',
  caseId: id,
  householdId: c?.householdId ?? null,
  teamAgencyIds: c?.team.map((t) => t.agencyId) ?? [],
});

const planSubject = (c: CaseDoc | null, caseId: string, p: PlanDoc | null): JusoSubject => ({
  ...caseSubject(c, caseId),
  kind: 'PLAN',
  personIds: p?.personIds ?? [],
});

/** The case if the caller may see it; the withheld error otherwise (also for unknown ids). */
export async function visibleCase(ctx: JusoContext, id: string): Promise<CaseDoc | null> {
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
export async function visibleCases(ctx: JusoContext, cases: CaseDoc[]): Promise<CaseDoc[]> {
  const decisions = await Promise.all(
    cases.map((c) =>
      check(ctx.access, caseSubject(c, c._id), { field: 'CASE', subjectId: c._id, personIds: c.personIds }),
    ),
  );
  return cases.filter((_, i) => decisions[i]?.effect === 'ALLOW');
}

export async function visiblePlans(ctx: JusoContext, c: CaseDoc, plans: PlanDoc[]): Promise<PlanDoc[]> {
  const decisions = await Promise.all(
    plans.map((p) =>
      check(ctx.access, planSubject(c, c._id, p), {
        field: 'PLAN',
        subjectId: p._id,
        personIds: p.personIds,
      }),
    ),
  );
  return plans.filter((_, i) => decisions[i]?.effect === 'ALLOW');
}

/** A plan and its case, if the caller may see the plan; the withheld error otherwise. */
export async function visiblePlan(ctx: JusoContext, id: string): Promise<{ plan: PlanDoc; case: CaseDoc }> {
  const plan = await ctx.loaders.plans.load(id);
  const c = plan && (await ctx.loaders.cases.load(plan.caseId));
  const decision = await check(ctx.access, planSubject(c, c?._id ?? id, c ? plan : null), {
    field: 'PLAN',
    subjectId: id,
    personIds: plan?.personIds ?? [],
  });
  const error = refusal(decision);
  if (error) throw error;
  // decideJusoData allows only with a case behind the plan.
  return { plan: plan as PlanDoc, case: c as CaseDoc };
}

export async function visibleMeeting(ctx: JusoContext, id: string): Promise<MeetingDoc | null> {
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
export async function identity(ctx: JusoContext, p: PersonDoc): Promise<PersonDoc> {
  await check(
    ctx.access,
    { kind: 'IDENTITY', person: null, address: false },
    { field: 'IDENTITY', subjectId: p._id, personIds: [p._id] },
  );
  return p;
}

/** Whether the caller may see the person's consent (case team, or an open meeting with them on it). */
export async function consentVisible(ctx: JusoContext, personId: string): Promise<boolean> {
  return (await consentDecision(ctx, personId)) === null;
}

export async function consentGate(ctx: JusoContext, personId: string): Promise<void> {
  const error = await consentDecision(ctx, personId);
  if (error) throw error;
}

async function consentDecision(ctx: JusoContext, personId: string) {
  const person = await ctx.access.personFacts.load(personId);
  return refusal(
    await check(
      ctx.access,
      { kind: 'CONSENT', person },
      { field: 'CONSENT', subjectId: personId, personIds: [personId] },
    ),
  );
}
