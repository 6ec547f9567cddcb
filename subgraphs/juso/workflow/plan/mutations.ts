/**
 * Plans: drafting, editing, review at a meeting (approve, send back, 終結, 中断), contact
 * attempts and 支援決定. Checks in a fixed order (visibility, role, version, machine,
 * rules), then exactly one write of the plan, carrying its own history entry and
 * decision. Facts read from other documents (consent, the meeting) are read fresh just
 * before the write; see docs/WORKFLOW.md for what that leaves open.
 */
import type { AgencyRole } from '../../../../shared/domain';
import type { JusoContext } from '../../context';
import type {
  EndPlanInput,
  MutationApprovePlanArgs,
  MutationDecideSupportArgs,
  MutationDeclineSupportArgs,
  MutationDraftPlanArgs,
  MutationEndPlanArgs,
  MutationRecordContactAttemptArgs,
  MutationResolvers,
  MutationRevisePlanArgs,
  MutationSendBackPlanArgs,
  MutationSubmitPlanArgs,
  MutationSuspendPlanArgs,
  MutationUpdatePlanArgs,
  PlanContentInput,
} from '../../generated/graphql';
import type {
  CaseDoc,
  ContactAttempt,
  HistoryEntry,
  PlanDecisionRecord,
  PlanDoc,
  PlanKind,
  PlanStatus,
} from '../../model';
import { visibleCase, visiblePlan } from '../../visibility';
import { raise, refuse } from '../errors';
import { agencies, allow, legal, onTeam, people, r, remember } from '../common';
import { consentStates } from '../consent/mutations';
import { meetingAtHand } from '../meeting/mutations';
import { calendarDate, distinct, instant, MAX_ITEMS, text, texts } from '../inputs';
import { DECIDER, PLAN_AUTHOR } from '../roles';
import { actor, checkVersion, historyEntry, insertNew, newId, writeVersioned } from '../writes';
import type { PlanEvent } from './machine';
import { caseTransition } from '../case/machine';
import { planTransition } from './machine';
import type { PlanContent } from './rules';
import {
  checkEnding,
  checkPlanContent,
  checkPlanVenue,
  checkReadyForReview,
  checkSuspension,
  componentsFor,
  planDecisionVenue,
} from './rules';

async function planContent(
  ctx: JusoContext,
  kind: PlanKind,
  c: CaseDoc,
  input: PlanContentInput,
): Promise<PlanContent> {
  const roles = input.roles.map((r, i) => ({
    agencyId: r.agencyId,
    task: text(r.task, `roles[${i}].task`) as string,
  }));
  if (roles.length > MAX_ITEMS) throw refuse('BAD_USER_INPUT', `roles: at most ${MAX_ITEMS} entries`);
  await agencies(ctx, distinct(roles.map((r) => r.agencyId)));
  const content: PlanContent = {
    personIds: distinct(input.personIds),
    components: componentsFor(kind, input.components),
    goals: texts(input.goals, 'goals'),
    direction: text(input.direction, 'direction', false) ?? '',
    roles,
    monitoringDate: input.monitoringDate ? calendarDate(input.monitoringDate, 'monitoringDate') : null,
  };
  raise(
    checkPlanContent(
      content,
      c.personIds,
      c.team.map((t) => t.agencyId),
    ),
  );
  return content;
}

function planWritten(ctx: JusoContext, doc: PlanDoc): PlanDoc {
  ctx.loaders.plansByCase.clear(doc.caseId);
  return remember(ctx.loaders.plans, doc);
}

async function draftPlan(ctx: JusoContext, { input }: MutationDraftPlanArgs): Promise<PlanDoc> {
  const c = (await visibleCase(ctx, input.caseId)) as CaseDoc;
  allow(ctx, PLAN_AUTHOR[input.kind]);
  onTeam(ctx, c);
  legal(caseTransition(c.status, 'ADD_PLAN'));
  const content = await planContent(ctx, input.kind, c, input.content);
  const now = ctx.now.toISOString();
  const who = actor(ctx);
  const doc: PlanDoc = {
    _id: newId('PL'),
    caseId: c._id,
    kind: input.kind,
    status: 'DRAFT',
    ...content,
    version: 1,
    createdAt: now,
    createdBy: who.staffId,
    updatedAt: now,
    updatedBy: who.staffId,
    statusSince: now,
    decisions: [],
    contactAttempts: [],
    ending: null,
    history: [historyEntry(ctx, 'DRAFTED', { to: 'DRAFT' })],
  };
  await insertNew(ctx.repo.plans(), 'the plan', doc);
  return planWritten(ctx, doc);
}

/** What every change to a plan names: the plan and the version the caller read. */
type PlanChangeArgs = MutationSubmitPlanArgs;

/** A decision's arguments: approvePlan's, the others' note (required or not) fits. */
type DecisionArgs = MutationApprovePlanArgs;

/** A plan the caller may see, at the version they read, and where the event takes it. */
async function planForChange(ctx: JusoContext, args: PlanChangeArgs, event: PlanEvent) {
  const { plan, case: c } = await visiblePlan(ctx, args.planId);
  raise(checkVersion(`plan ${plan._id}`, plan, args.expectedVersion));
  const to = legal(planTransition(plan, event));
  return { plan, c, to };
}

const contentOf = (p: PlanDoc): PlanContent => ({
  personIds: p.personIds,
  components: p.components,
  goals: p.goals,
  direction: p.direction,
  roles: p.roles,
  monitoringDate: p.monitoringDate,
});

/** The update that moves a plan: status, the decision or history line, who and when. */
function planUpdate(
  ctx: JusoContext,
  plan: PlanDoc,
  to: PlanStatus,
  entry: HistoryEntry,
  extra: { $set?: Record<string, unknown>; $push?: Record<string, unknown> } = {},
) {
  const now = ctx.now.toISOString();
  return {
    $set: {
      status: to,
      updatedAt: now,
      updatedBy: actor(ctx).staffId,
      ...(to !== plan.status ? { statusSince: now } : {}),
      ...extra.$set,
    },
    $push: { history: { ...entry, from: plan.status, to }, ...extra.$push },
  };
}

async function authorChange(
  ctx: JusoContext,
  args: PlanChangeArgs,
  event: 'UPDATE' | 'SUBMIT' | 'REVISE',
  input?: PlanContentInput,
  reason?: string,
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, event);
  allow(ctx, PLAN_AUTHOR[plan.kind]);
  onTeam(ctx, c);
  const content = input ? await planContent(ctx, plan.kind, c, input) : contentOf(plan);
  if (event !== 'UPDATE') raise(checkReadyForReview(content));
  const action = event === 'UPDATE' ? 'UPDATED' : event === 'SUBMIT' ? 'SUBMITTED' : 'REVISED';
  const entry = historyEntry(ctx, action, {
    note: reason === undefined ? null : text(reason, 'reason'),
    previous: input ? { ...contentOf(plan) } : null,
  });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $set: input ? { ...content } : {} }),
  );
  return planWritten(ctx, doc);
}

async function recordContactAttempt(
  ctx: JusoContext,
  args: MutationRecordContactAttemptArgs,
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, 'RECORD_CONTACT');
  allow(ctx, 'RECORD_CONTACT_ATTEMPT');
  onTeam(ctx, c);
  const at = args.input.at ? instant(args.input.at, 'at') : ctx.now.toISOString();
  if (Date.parse(at) > ctx.now.getTime())
    throw refuse('BAD_USER_INPUT', 'a contact attempt cannot be in the future');
  const attempt: ContactAttempt = {
    at,
    method: args.input.method,
    reached: args.input.reached,
    note: text(args.input.note, 'note', false),
    ...actor(ctx),
  };
  const entry = historyEntry(ctx, 'CONTACT_ATTEMPTED', { note: attempt.reached ? 'reached' : 'not reached' });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $push: { contactAttempts: attempt } }),
  );
  return planWritten(ctx, doc);
}

type MeetingDecisionEvent = 'APPROVE' | 'SEND_BACK' | 'END' | 'SUSPEND';
const DECISION_KIND = {
  APPROVE: 'APPROVED',
  SEND_BACK: 'SENT_BACK',
  END: 'ENDED',
  SUSPEND: 'SUSPENDED',
} as const satisfies Record<MeetingDecisionEvent, PlanDecisionRecord['kind']>;

/** 重層的支援会議 (or, for an outreach plan without consent, 支援会議) decides about a plan. */
async function meetingDecision(
  ctx: JusoContext,
  args: DecisionArgs,
  event: MeetingDecisionEvent,
  ending?: EndPlanInput,
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, event);
  const meeting = await meetingAtHand(ctx);
  // Sending back says what to change; 中断 says why.
  const note = text(args.note, 'note', event === 'SEND_BACK' || event === 'SUSPEND');
  allow(ctx, DECIDER[meeting.kind]);
  const persons = await people(ctx, plan.personIds);
  const states = await consentStates(ctx, persons);
  const withoutConsent = states.filter((s) => s.state !== 'ACTIVE').map((s) => s.name);
  raise(
    checkPlanVenue({
      meeting: { ...meeting, id: meeting._id },
      venue: planDecisionVenue(plan.kind, withoutConsent.length === 0),
      plan,
      caseRef: { id: c._id, householdId: c.householdId },
      withoutConsent,
    }),
  );
  const set: Record<string, unknown> = {};
  let reportedTo: string | null = null;
  if (event === 'END') {
    const input = ending as EndPlanInput;
    const team = await agencies(
      ctx,
      c.team.map((t) => t.agencyId),
    );
    const evaluation = {
      goalAttainment: text(input.evaluation.goalAttainment, 'evaluation.goalAttainment', false),
      outcome: text(input.evaluation.outcome, 'evaluation.outcome', false),
      followUp: text(input.evaluation.followUp, 'evaluation.followUp', false),
    };
    raise(
      checkEnding(
        { evaluation, tsunagari: input.tsunagari, mainContactAgencyId: input.mainContactAgencyId },
        c.team.map((t) => ({
          agencyId: t.agencyId,
          role: (team.find((a) => a._id === t.agencyId)?.role ?? null) as AgencyRole | null,
        })),
      ),
    );
    set.ending = {
      at: ctx.now.toISOString(),
      ...actor(ctx),
      meetingId: meeting._id,
      evaluation,
      tsunagari: input.tsunagari,
      mainContactAgencyId: input.mainContactAgencyId,
    };
  }
  if (event === 'SUSPEND') raise(checkSuspension(plan.contactAttempts ?? []));
  if (event === 'APPROVE' && to === 'CONFIRMED') {
    // 001 6-2)(6): confirmed on approval, and reported to the municipality (a member of every 重層的支援会議).
    const members = await agencies(ctx, meeting.memberAgencyIds);
    reportedTo = members.find((m) => m.role === 'COORDINATOR')?._id ?? null;
  }
  const decision: PlanDecisionRecord = {
    kind: DECISION_KIND[event],
    at: ctx.now.toISOString(),
    ...actor(ctx),
    meetingId: meeting._id,
    meetingKind: meeting.kind,
    to,
    note,
    reportedToAgencyId: reportedTo,
  };
  const entry = historyEntry(ctx, DECISION_KIND[event], { meetingId: meeting._id, note });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $set: set, $push: { decisions: decision } }),
  );
  return planWritten(ctx, doc);
}

/** 支援決定 (or not): an act of the municipality, after the meeting approved. */
async function supportDecision(
  ctx: JusoContext,
  args: MutationDecideSupportArgs,
  event: 'DECIDE_SUPPORT' | 'DECLINE_SUPPORT',
): Promise<PlanDoc> {
  const { plan, to } = await planForChange(ctx, args, event);
  allow(ctx, 'DECIDE_SUPPORT');
  // Not deciding support says why.
  const note = text(args.note, event === 'DECLINE_SUPPORT' ? 'reason' : 'note', event === 'DECLINE_SUPPORT');
  const kind = event === 'DECIDE_SUPPORT' ? 'SUPPORT_DECIDED' : 'SUPPORT_DECLINED';
  const decision: PlanDecisionRecord = {
    kind,
    at: ctx.now.toISOString(),
    ...actor(ctx),
    meetingId: null,
    meetingKind: null,
    to,
    note,
    reportedToAgencyId: null,
  };
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, historyEntry(ctx, kind, { note }), { $push: { decisions: decision } }),
  );
  return planWritten(ctx, doc);
}

export const planMutations = {
  draftPlan: r(draftPlan),
  updatePlan: r((ctx, a: MutationUpdatePlanArgs) => authorChange(ctx, a, 'UPDATE', a.content)),
  submitPlan: r((ctx, a: MutationSubmitPlanArgs) => authorChange(ctx, a, 'SUBMIT')),
  revisePlan: r((ctx, a: MutationRevisePlanArgs) => authorChange(ctx, a, 'REVISE', a.content, a.reason)),
  recordContactAttempt: r(recordContactAttempt),
  approvePlan: r((ctx, a: MutationApprovePlanArgs) => meetingDecision(ctx, a, 'APPROVE')),
  sendBackPlan: r((ctx, a: MutationSendBackPlanArgs) => meetingDecision(ctx, a, 'SEND_BACK')),
  endPlan: r((ctx, a: MutationEndPlanArgs) =>
    meetingDecision(ctx, { ...a, note: a.input.note }, 'END', a.input),
  ),
  suspendPlan: r((ctx, a: MutationSuspendPlanArgs) => meetingDecision(ctx, a, 'SUSPEND')),
  decideSupport: r((ctx, a: MutationDecideSupportArgs) => supportDecision(ctx, a, 'DECIDE_SUPPORT')),
  declineSupport: r((ctx, a: MutationDeclineSupportArgs) =>
    supportDecision(ctx, { ...a, note: a.reason }, 'DECLINE_SUPPORT'),
  ),
} satisfies MutationResolvers<JusoContext>;
