/**
 * The plan machine, pure: a table of events and the states they may start from, plus a
 * function that names the state an event leads to (an exhaustive switch, so a new event
 * is a compile error until it is placed). Who may fire an event is roles.ts; what else
 * must hold is rules.ts. Nothing here reads or writes the store.
 */
import { assertNever } from '../../../../shared/domain';
import type { PlanComponent, PlanStatus } from '../../model';
import type { Transition } from '../transition';
import { illegal } from '../transition';

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
