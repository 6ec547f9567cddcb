/**
 * The case machine, pure. Who may fire an event is roles.ts; what else must hold is
 * rules.ts. Nothing here reads or writes the store.
 */
import { assertNever } from '../../../../shared/domain';
import type { CaseStatus } from '../../model';
import type { Transition } from '../transition';
import { illegal } from '../transition';

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
