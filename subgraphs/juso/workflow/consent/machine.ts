/**
 * The consent machine, pure: a person's consent state, read from the current version,
 * and the status a new version gets. Who may change consent is roles.ts; what the new
 * scope must be is rules.ts. Nothing here reads or writes the store.
 */
import { assertNever } from '../../../../shared/domain';
import type { ConsentAnswer, ConsentDoc } from '../../model';
import { isActiveConsent } from '../../../../shared/access/facts';
import type { Transition } from '../transition';
import { illegal } from '../transition';

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
      return isActiveConsent(current, now) ? 'ACTIVE' : 'EXPIRED';
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
