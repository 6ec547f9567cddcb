/**
 * What a coordinator reads about plans: overdue monitoring, what waits for a decision,
 * and the plans a meeting's agenda item brings. List queries look only at the caller's
 * own cases and, in an open meeting, at its agenda, and check (and audit) each plan they
 * return (visibility.ts).
 */
import { tokyoDay } from '../../../../shared/calendar';
import type { JusoContext } from '../../context';
import type { CaseDoc, PlanDoc, PlanStatus } from '../../model';
import { present, visiblePlans } from '../../visibility';
import { casesInScope } from '../case/queries';
import { calendarDate } from '../inputs';

/** Plans of these cases matching the filter that the caller may see (each checked and audited). */
async function visiblePlansOf(ctx: JusoContext, cases: CaseDoc[], filter: Record<string, unknown>) {
  if (!cases.length) return [];
  const plans = await ctx.repo.plans().find({ caseId: { $in: cases.map((c) => c._id) }, ...filter });
  const visible = await Promise.all(
    cases.map((c) =>
      visiblePlans(
        ctx,
        c,
        plans.filter((p) => p.caseId === c._id),
      ),
    ),
  );
  return visible.flat();
}

/** Today in the town: the calendar day in Asia/Tokyo. */
export function townToday(now: Date): string {
  return tokyoDay(now) as string;
}

export async function overduePlans(ctx: JusoContext, asOf: string | null | undefined): Promise<PlanDoc[]> {
  const day = asOf ? calendarDate(asOf, 'asOf') : townToday(ctx.now);
  const plans = await visiblePlansOf(ctx, await casesInScope(ctx), {
    status: 'CONFIRMED',
    monitoringDate: { $ne: null, $lt: day },
  });
  return plans.sort(
    (a, b) => (a.monitoringDate ?? '').localeCompare(b.monitoringDate ?? '') || a._id.localeCompare(b._id),
  );
}

const PENDING: readonly PlanStatus[] = ['AWAITING_DECISION', 'IN_REVIEW'];

export const statusSince = (p: PlanDoc): string => p.statusSince ?? p.updatedAt;

export async function pendingDecisions(ctx: JusoContext): Promise<PlanDoc[]> {
  const plans = await visiblePlansOf(ctx, await casesInScope(ctx), { status: { $in: [...PENDING] } });
  return plans.sort(
    (a, b) =>
      PENDING.indexOf(a.status) - PENDING.indexOf(b.status) ||
      statusSince(a).localeCompare(statusSince(b)) ||
      a._id.localeCompare(b._id),
  );
}

/** The plans an agenda item brings to the meeting (not ended), that the caller may see. */
export async function agendaPlans(
  ctx: JusoContext,
  item: { kind: 'CASE' | 'HOUSEHOLD' | 'PERSON'; id: string },
): Promise<PlanDoc[]> {
  const live = { status: { $nin: ['ENDED'] } };
  let cases: CaseDoc[];
  let filter: Record<string, unknown> = live;
  switch (item.kind) {
    case 'CASE':
      cases = present([await ctx.loaders.cases.load(item.id)]);
      break;
    case 'HOUSEHOLD':
      cases = await ctx.loaders.casesByHousehold.load(item.id);
      break;
    case 'PERSON':
      cases = await ctx.loaders.casesByPerson.load(item.id);
      filter = { ...live, personIds: item.id };
      break;
  }
  const plans = await visiblePlansOf(ctx, cases, filter);
  return plans.sort((a, b) => a._id.localeCompare(b._id));
}
