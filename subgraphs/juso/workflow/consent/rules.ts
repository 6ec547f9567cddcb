/**
 * The consent rules, pure: what each change must do to the scope in force, the answer at
 * intake, expiry. Each answers null (fine) or a refusal with its code and a plain message.
 */
import type { WelfareField } from '../../../../shared/domain';
import { isPastTokyoDay } from '../../../../shared/calendar';
import type { Check } from '../errors';
import { refuse } from '../errors';
import type { ConsentState } from './machine';

export interface ConsentScope {
  fields: WelfareField[];
  coversTax: boolean;
}

/** What each consent change must do to the scope in force. */
export function checkConsentScope(
  change: 'GRANT' | 'NARROW' | 'WIDEN',
  current: ConsentScope | null,
  next: ConsentScope,
): Check {
  if (next.fields.length === 0)
    return refuse(
      'BAD_USER_INPUT',
      change === 'NARROW'
        ? 'narrowing to no field at all is a withdrawal: use withdrawConsent'
        : 'consent must cover at least one field',
    );
  if (change === 'GRANT' || !current) return null;
  const removes = current.fields.filter((f) => !next.fields.includes(f));
  const adds = next.fields.filter((f) => !current.fields.includes(f));
  if (change === 'NARROW') {
    if (adds.length || (next.coversTax && !current.coversTax))
      return refuse(
        'BAD_USER_INPUT',
        `narrowing cannot add ${adds.join(', ') || 'tax information'}: use widenConsent`,
      );
    if (!removes.length && next.coversTax === current.coversTax)
      return refuse('BAD_USER_INPUT', 'narrowing must take away a field or tax information');
    return null;
  }
  if (removes.length || (!next.coversTax && current.coversTax))
    return refuse(
      'BAD_USER_INPUT',
      `widening cannot take away ${removes.join(', ') || 'tax information'}: use narrowConsent`,
    );
  if (!adds.length && next.coversTax === current.coversTax)
    return refuse('BAD_USER_INPUT', 'widening must add a field or tax information');
  return null;
}

/** The answer at intake and the scope given with it must agree. */
export function checkIntakeAnswer(answer: 'GRANTED' | 'REFUSED' | 'UNKNOWN', scope: ConsentScope): Check {
  if (answer === 'GRANTED') return checkConsentScope('GRANT', null, scope);
  if (scope.fields.length || scope.coversTax)
    return refuse(
      'BAD_USER_INPUT',
      `the answer was ${answer === 'REFUSED' ? '同意しない' : '不明'}: it covers no field and no tax information`,
    );
  return null;
}

/** An expiry is a calendar day in Japan time: one of today still holds through today. */
export function checkExpiry(expiresAt: string | null, now: Date): Check {
  if (expiresAt !== null && isPastTokyoDay(expiresAt, now))
    return refuse('BAD_USER_INPUT', 'consent cannot be recorded as already expired');
  return null;
}

const CONSENT_WORDS: Record<ConsentState, string> = {
  NONE: 'has never been asked for consent',
  ACTIVE: 'has consented',
  EXPIRED: 'has consent that has expired',
  REFUSED: 'has not consented (同意しない)',
  UNKNOWN: 'consent is unknown (不明)',
  WITHDRAWN: 'has withdrawn consent',
};

export function describeConsent(name: string, state: ConsentState): string {
  return `${name} ${CONSENT_WORDS[state]}`;
}
