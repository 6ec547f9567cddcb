/**
 * What a coordinator reads about meetings: the caller's meetings and the decisions taken
 * at one (the plans its agenda brings are in plan/queries.ts). Each plan and case is
 * checked (and audited) as for any other read (visibility.ts).
 */
import type { JusoContext } from '../../context';
import type { MeetingDoc, PlanDoc } from '../../model';
import { present, visibleCases, visiblePlans } from '../../visibility';

export async function myMeetings(ctx: JusoContext, all: boolean): Promise<MeetingDoc[]> {
  const me = ctx.access.viewer.principal.agency.id;
  return ctx.repo
    .meetings()
    .find(
      { memberAgencyIds: me, ...(all ? {} : { status: { $in: ['SCHEDULED', 'OPEN'] } }) },
      { sort: { scheduledAt: 1, _id: 1 } },
    );
}

export interface MeetingDecisionView {
  decidedAt: string;
  summary: string;
  kind: string;
  staffId: string | null;
  agencyId: string | null;
  planId: string | null;
  caseId: string | null;
}

/** The plans among these the caller may see now, each checked (and audited) with its case. */
async function visibleDecidedPlans(ctx: JusoContext, plans: PlanDoc[]): Promise<PlanDoc[]> {
  const caseIds = [...new Set(plans.map((p) => p.caseId))];
  const cases = present(await ctx.loaders.cases.loadMany(caseIds));
  const byCase = await Promise.all(
    cases.map((c) =>
      visiblePlans(
        ctx,
        c,
        plans.filter((p) => p.caseId === c._id),
      ),
    ),
  );
  return byCase.flat();
}

/**
 * The meeting's own decisions, and those on plans and cases taken at it (derived, not
 * copied). A decision on a plan or case tells what the plan or case holds, so it follows
 * that document's visibility as the request stands — the case team, or acting in the
 * meeting while it is open with the case on its agenda — not the caller's membership of a
 * meeting that may have closed since. Each check is audited per person.
 */
export async function meetingDecisions(ctx: JusoContext, m: MeetingDoc): Promise<MeetingDecisionView[]> {
  const [decidedPlans, openedCases] = await Promise.all([
    ctx.repo.plans().find({ decisions: { $elemMatch: { meetingId: m._id } } }),
    ctx.repo.cases().find({ openedAtMeetingId: m._id }),
  ]);
  const [plans, cases] = await Promise.all([
    visibleDecidedPlans(ctx, decidedPlans),
    visibleCases(ctx, openedCases),
  ]);
  const views: MeetingDecisionView[] = [
    ...m.decisions.map((d) => ({
      decidedAt: d.decidedAt,
      summary: d.summary,
      kind: 'GENERAL',
      staffId: d.staffId ?? null,
      agencyId: d.agencyId ?? null,
      planId: null,
      caseId: null,
    })),
    ...plans.flatMap((p) =>
      (p.decisions ?? [])
        .filter((d) => d.meetingId === m._id)
        .map((d) => ({
          decidedAt: d.at,
          summary: `${p._id}: ${d.kind} → ${d.to}${d.note ? ` (${d.note})` : ''}`,
          kind: d.kind,
          staffId: d.staffId,
          agencyId: d.agencyId,
          planId: p._id,
          caseId: p.caseId,
        })),
    ),
    ...cases.map((c) => {
      const opened = c.history?.find((h) => h.action === 'OPENED_AT_SHIEN_KAIGI');
      return {
        decidedAt: opened?.at ?? c.openedAt,
        summary: `${c._id} opened: ${c.title}`,
        kind: 'CASE_OPENED',
        staffId: opened?.staffId ?? null,
        agencyId: opened?.agencyId ?? null,
        planId: null,
        caseId: c._id,
      };
    }),
  ];
  return views.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
}
