/**
 * What a coordinator reads about cases: the cases in the caller's scope, and a case's
 * timeline. Everything goes through the same visibility as the other resolvers
 * (visibility.ts).
 */
import type { JusoContext } from '../../context';
import type { CaseDoc, ConsentDoc, HistoryAction, HistoryEntry } from '../../model';
import { consentVisible, visiblePlans } from '../../visibility';

/** The caller's open cases, and in an open meeting they belong to, the cases its agenda brings. */
export async function casesInScope(ctx: JusoContext): Promise<CaseDoc[]> {
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
