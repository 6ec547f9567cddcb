/**
 * The case rules, pure: what a referral to 多機関協働 needs. Each answers null (fine) or a
 * refusal with its code and a plain message.
 */
import type { Check } from '../errors';
import { refuse } from '../errors';
import type { ConsentState } from '../consent/machine';
import { describeConsent } from '../consent/rules';

/**
 * 001 5-1)(4)②ア and 004 flow: 多機関協働 needs the person's consent; without it the
 * case goes to a 支援会議 (社会福祉法106条の6), which the municipality convenes.
 */
export function checkReferralConsent(people: { name: string; state: ConsentState }[]): Check {
  const missing = people.filter((p) => p.state !== 'ACTIVE');
  if (!missing.length) return null;
  return refuse(
    'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    `${missing.map((p) => describeConsent(p.name, p.state)).join('; ')}. ` +
      'Referral to 多機関協働 needs the person’s consent. Without it, ask 福祉課 to bring the case to a ' +
      '支援会議 (社会福祉法106条の6), where support can be discussed without consent.',
  );
}
