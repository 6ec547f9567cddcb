/**
 * The workflow's state machines, pure: plans, meetings, cases and consent. Each is a
 * table of events and the states they may start from, plus a function that names the
 * state an event leads to (an exhaustive switch, so a new event is a compile error
 * until it is placed). Who may fire an event is roles.ts; what else must hold (inputs,
 * meetings, consent) is rules.ts. Nothing here reads or writes the store.
 */
import { assertNever } from '../../../shared/domain';
import type {
  CaseStatus,
  ConsentAnswer,
  ConsentDoc,
  MeetingStatus,
  PlanComponent,
  PlanStatus,
} from '../model';
import { isConsentActive } from '../model';

export type Transition<S> = { ok: true; to: S } | { ok: false; message: string };

const illegal = <S>(event: string, from: string, allowed: readonly string[]): Transition<S> => ({
  ok: false,
  message: `${event} is not possible from ${from}; only from ${allowed.join(' or ') || 'nowhere'}`,
});

// ---------------------------------------------------------------- plans

export const PLAN_STATUSES = [
  'DRAFT',
  'IN_REVIEW',
  'AWAITING_DECISION',
  'CONFIRMED',
  'ENDED',
  'SUSPENDED',
] as const satisfies readonly PlanStatus[];

export type PlanEvent =
  /** Edit the content of a draft. */
  | 'UPDATE'
  /** Put the plan to a meeting (プラン策定後の評価). */
  | 'SUBMIT'
  /** The meeting approves (了承). */
  | 'APPROVE'
  /** The meeting asks for changes: back to draft. */
  | 'SEND_BACK'
  /** 支援決定 by the municipality. */
  | 'DECIDE_SUPPORT'
  /** The municipality does not decide support: back to draft. */
  | 'DECLINE_SUPPORT'
  /** 再プラン: new content goes back to review. */
  | 'REVISE'
  /** 終結 */
  | 'END'
  /** 中断 */
  | 'SUSPEND'
  /** An attempt to reach the person, recorded while the plan is live. */
  | 'RECORD_CONTACT';

/** Where each event may start from (001 6-2)(4)(6), 003 3, 004 5(2)). */
export const PLAN_TRANSITIONS: Readonly<Record<PlanEvent, readonly PlanStatus[]>> = {
  UPDATE: ['DRAFT'],
  SUBMIT: ['DRAFT'],
  APPROVE: ['IN_REVIEW'],
  SEND_BACK: ['IN_REVIEW'],
  DECIDE_SUPPORT: ['AWAITING_DECISION'],
  DECLINE_SUPPORT: ['AWAITING_DECISION'],
  // A suspended plan is taken up again by a new plan put to a meeting (支援の再開).
  REVISE: ['CONFIRMED', 'SUSPENDED'],
  END: ['CONFIRMED'],
  SUSPEND: ['CONFIRMED'],
  RECORD_CONTACT: ['DRAFT', 'IN_REVIEW', 'AWAITING_DECISION', 'CONFIRMED'],
};

export const PLAN_EVENTS = Object.keys(PLAN_TRANSITIONS) as PlanEvent[];

/**
 * 001 6-2)(6): a plan containing アウトリーチ等事業 or 参加支援事業 is confirmed only
 * after the municipality's 支援決定; one with neither is confirmed on the meeting's approval.
 */
export function needsSupportDecision(components: readonly PlanComponent[]): boolean {
  return components.includes('OUTREACH') || components.includes('SANKA');
}

export function planTransition(
  plan: { status: PlanStatus; components: readonly PlanComponent[] },
  event: PlanEvent,
): Transition<PlanStatus> {
  const allowed = PLAN_TRANSITIONS[event];
  if (!allowed.includes(plan.status)) return illegal(event, plan.status, allowed);
  switch (event) {
    case 'UPDATE':
    case 'RECORD_CONTACT':
      return { ok: true, to: plan.status };
    case 'SUBMIT':
    case 'REVISE':
      return { ok: true, to: 'IN_REVIEW' };
    case 'APPROVE':
      return { ok: true, to: needsSupportDecision(plan.components) ? 'AWAITING_DECISION' : 'CONFIRMED' };
    case 'SEND_BACK':
    case 'DECLINE_SUPPORT':
      return { ok: true, to: 'DRAFT' };
    case 'DECIDE_SUPPORT':
      return { ok: true, to: 'CONFIRMED' };
    case 'END':
      return { ok: true, to: 'ENDED' };
    case 'SUSPEND':
      return { ok: true, to: 'SUSPENDED' };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- meetings

export const MEETING_STATUSES = ['SCHEDULED', 'OPEN', 'CLOSED'] as const satisfies readonly MeetingStatus[];

export type MeetingEvent = 'EDIT' | 'OPEN' | 'CLOSE' | 'RECORD_DECISION';

export const MEETING_TRANSITIONS: Readonly<Record<MeetingEvent, readonly MeetingStatus[]>> = {
  /** Members and agenda: before and during the meeting, never after. */
  EDIT: ['SCHEDULED', 'OPEN'],
  OPEN: ['SCHEDULED'],
  CLOSE: ['OPEN'],
  RECORD_DECISION: ['OPEN'],
};

export const MEETING_EVENTS = Object.keys(MEETING_TRANSITIONS) as MeetingEvent[];

export function meetingTransition(status: MeetingStatus, event: MeetingEvent): Transition<MeetingStatus> {
  const allowed = MEETING_TRANSITIONS[event];
  if (!allowed.includes(status)) return illegal(event, status, allowed);
  switch (event) {
    case 'EDIT':
    case 'RECORD_DECISION':
      return { ok: true, to: status };
    case 'OPEN':
      return { ok: true, to: 'OPEN' };
    case 'CLOSE':
      return { ok: true, to: 'CLOSED' };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- cases

export const CASE_STATUSES = ['OPEN', 'CLOSED', 'RETURNED'] as const satisfies readonly CaseStatus[];

export type CaseEvent = 'ASSESS' | 'ADD_TEAM_MEMBER' | 'ADD_PLAN' | 'RETURN';

export const CASE_TRANSITIONS: Readonly<Record<CaseEvent, readonly CaseStatus[]>> = {
  ASSESS: ['OPEN'],
  ADD_TEAM_MEMBER: ['OPEN'],
  ADD_PLAN: ['OPEN'],
  /** 001 5)(4)①ア: 紹介元の支援関係機関に事例を戻す. */
  RETURN: ['OPEN'],
};

export const CASE_EVENTS = Object.keys(CASE_TRANSITIONS) as CaseEvent[];

export function caseTransition(status: CaseStatus, event: CaseEvent): Transition<CaseStatus> {
  const allowed = CASE_TRANSITIONS[event];
  if (!allowed.includes(status)) return illegal(event, status, allowed);
  switch (event) {
    case 'ASSESS':
    case 'ADD_TEAM_MEMBER':
    case 'ADD_PLAN':
      return { ok: true, to: status };
    case 'RETURN':
      return { ok: true, to: 'RETURNED' };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- consent

/** A person's consent as the workflow sees it: the current version, read at a moment. */
export type ConsentState = 'NONE' | 'ACTIVE' | 'EXPIRED' | 'REFUSED' | 'UNKNOWN' | 'WITHDRAWN';

export const CONSENT_STATES = [
  'NONE',
  'ACTIVE',
  'EXPIRED',
  'REFUSED',
  'UNKNOWN',
  'WITHDRAWN',
] as const satisfies readonly ConsentState[];

export function consentState(current: ConsentDoc | null | undefined, now: Date): ConsentState {
  if (!current) return 'NONE';
  switch (current.status) {
    case 'GRANTED':
      if (current.withdrawnAt) return 'WITHDRAWN';
      return isConsentActive(current, now) ? 'ACTIVE' : 'EXPIRED';
    case 'REFUSED':
      return 'REFUSED';
    case 'UNKNOWN':
      return 'UNKNOWN';
    case 'WITHDRAWN':
      return 'WITHDRAWN';
    default:
      return assertNever(current.status);
  }
}

export type ConsentEvent = 'INTAKE' | 'GRANT' | 'NARROW' | 'WIDEN' | 'WITHDRAW';

export const CONSENT_TRANSITIONS: Readonly<Record<ConsentEvent, readonly ConsentState[]>> = {
  /** Every intake asks the question again (同意する / 同意しない / 不明). */
  INTAKE: CONSENT_STATES,
  /** Given anew or renewed, whatever came before. */
  GRANT: CONSENT_STATES,
  /** Narrowing and widening change consent in force. */
  NARROW: ['ACTIVE'],
  WIDEN: ['ACTIVE'],
  /** Withdrawal of consent that was given (also once it has lapsed: the person said so). */
  WITHDRAW: ['ACTIVE', 'EXPIRED'],
};

export const CONSENT_EVENTS = Object.keys(CONSENT_TRANSITIONS) as ConsentEvent[];

/**
 * The status the new version gets. INTAKE takes the person's answer, except that 不明
 * does not take back consent in force: "unknown" says the question was not settled at
 * this consultation, not that the person withdrew (同意しない does take it back).
 */
export function consentTransition(
  state: ConsentState,
  event: ConsentEvent,
  answer?: ConsentAnswer,
): Transition<ConsentDoc['status']> {
  const allowed = CONSENT_TRANSITIONS[event];
  if (!allowed.includes(state)) return illegal(event, state, allowed);
  switch (event) {
    case 'INTAKE':
      if (!answer) return { ok: false, message: 'an intake needs the answer' };
      return { ok: true, to: answer === 'UNKNOWN' && state === 'ACTIVE' ? 'GRANTED' : answer };
    case 'GRANT':
    case 'NARROW':
    case 'WIDEN':
      return { ok: true, to: 'GRANTED' };
    case 'WITHDRAW':
      return { ok: true, to: 'WITHDRAWN' };
    default:
      return assertNever(event);
  }
}
