/**
 * What a coordinator reads about the workflow: a case's timeline, plans overdue for
 * monitoring, what waits for a decision, a meeting's agenda with its plans and the
 * decisions taken at it. Everything goes through the same visibility as the other
 * resolvers (visibility.ts): list queries look only at the caller's own cases and, in
 * an open meeting, at its agenda, and check (and audit) each plan they return.
 */
import type { JusoContext } from '../context';
import type {
  CaseDoc,
  ConsentDoc,
  HistoryAction,
  HistoryEntry,
  MeetingDoc,
  PlanDoc,
  PlanStatus,
} from '../model';
import { consentVisible, present, visibleCases, visiblePlans } from '../visibility';
import { calendarDate } from './rules';
import { tokyoDay } from '../../../shared/town/calendar';

/** The caller's open cases, and in an open meeting they belong to, the cases its agenda brings. */
async function casesInScope(ctx: JusoContext): Promise<CaseDoc[]> {
  const me = ctx.access.viewer.principal.agency.id;
  // $elemMatch, not 'team.agencyId': see the note on INDEXES in model.ts.
  const mine = await ctx.repo.cases().find({ status: 'OPEN', team: { $elemMatch: { agencyId: me } } });
  const meeting = ctx.access.viewer.meetingId === null ? null : await ctx.access.meeting();
  let agendaCases: CaseDoc[] = [];
  if (meeting && meeting.status === 'OPEN' && meeting.memberAgencyIds.includes(me)) {
    const ids = (kind: string) => meeting.agenda.filter((i) => i.kind === kind).map((i) => i.id);
    agendaCases = await ctx.repo.cases().find({
      $or: [
        { _id: { $in: ids('CASE') } },
        { householdId: { $in: ids('HOUSEHOLD') } },
        { personIds: { $in: ids('PERSON') } },
      ],
    });
  }
  const byId = new Map([...mine, ...agendaCases].map((c) => [c._id, c]));
  return [...byId.values()];
}

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

export async function myMeetings(ctx: JusoContext, all: boolean): Promise<MeetingDoc[]> {
  const me = ctx.access.viewer.principal.agency.id;
  return ctx.repo
    .meetings()
    .find(
      { memberAgencyIds: me, ...(all ? {} : { status: { $in: ['SCHEDULED', 'OPEN'] } }) },
      { sort: { scheduledAt: 1, _id: 1 } },
    );
}

// ---------------------------------------------------------------- timeline

export interface TimelineEvent {
  at: string;
  action: HistoryAction;
  subject: 'CASE' | 'PLAN' | 'CONSENT';
  subjectId: string;
  from: string | null;
  to: string | null;
  staffId: string;
  agencyId: string;
  meetingId: string | null;
  note: string | null;
}

const fromHistory =
  (subject: 'CASE' | 'PLAN', subjectId: string) =>
  (h: HistoryEntry): TimelineEvent => ({
    at: h.at,
    action: h.action,
    subject,
    subjectId,
    from: h.from,
    to: h.to,
    staffId: h.staffId,
    agencyId: h.agencyId,
    meetingId: h.meetingId,
    note: h.note,
  });

const CONSENT_ACTIONS: Record<NonNullable<ConsentDoc['change']>, HistoryAction> = {
  INTAKE: 'INTAKE',
  GRANT: 'CONSENT_GRANTED',
  NARROW: 'CONSENT_NARROWED',
  WIDEN: 'CONSENT_WIDENED',
  WITHDRAW: 'CONSENT_WITHDRAWN',
};

/** A consent version as a timeline event; versions from before the workflow are dated by what they hold. */
export function consentEvent(c: ConsentDoc): TimelineEvent {
  const action = c.change
    ? CONSENT_ACTIONS[c.change]
    : c.status === 'WITHDRAWN'
      ? 'CONSENT_WITHDRAWN'
      : 'CONSENT_RECORDED';
  return {
    at: c.recordedAt ?? (c.status === 'WITHDRAWN' && c.withdrawnAt ? c.withdrawnAt : c.takenAt),
    action,
    subject: 'CONSENT',
    subjectId: c._id,
    from: null,
    to: c.status,
    staffId: c.recordedByStaffId ?? c.takenByStaffId,
    agencyId: c.recordedByAgencyId ?? c.takenByAgencyId,
    meetingId: null,
    note: c.consultation ? c.consultation.topics.join(' / ') : (c.reason ?? null),
  };
}

export async function caseTimeline(ctx: JusoContext, c: CaseDoc): Promise<TimelineEvent[]> {
  const [plans, consentPeople] = await Promise.all([
    ctx.loaders.plansByCase.load(c._id).then((ps) => visiblePlans(ctx, c, ps)),
    Promise.all(c.personIds.map(async (p) => ((await consentVisible(ctx, p)) ? p : null))),
  ]);
  const visiblePeople = consentPeople.filter((p): p is string => p !== null);
  const versions = (await ctx.loaders.consentVersions.loadMany(visiblePeople)).flatMap((v) =>
    v instanceof Error ? [] : v,
  );
  const events = [
    ...(c.history ?? []).map(fromHistory('CASE', c._id)),
    ...plans.flatMap((p) => (p.history ?? []).map(fromHistory('PLAN', p._id))),
    ...versions.map(consentEvent),
  ];
  return events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at.localeCompare(y.e.at) || x.i - y.i)
    .map(({ e }) => e);
}

// ---------------------------------------------------------------- meetings

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
