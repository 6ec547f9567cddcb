/**
 * The one place that decides whether a welfare record may be disclosed.
 *
 * It reads as the rule list of DOMAIN.md ("The access rules the gateway enforces"):
 * reading class `cls` of field `field` about `person`, by `principal`, optionally in
 * `meeting`. The rules are checked in order; the first that answers decides. A rule
 * that needs facts we could not read answers UNAVAILABLE, which callers refuse like
 * a denial (fail closed) but report differently.
 */
import type { SensitivityClass, WelfareField } from '../domain';
import type { MeetingFacts, PersonFacts, Principal } from './facts';
import type { EmergencyFacts } from './emergency';
import { isOpenWindowOf } from './emergency';
import { isActiveConsent, isOnAgenda } from './facts';

/** The legal basis of a disclosure. */
export type Basis =
  /** Rule 3: the agency runs the field itself. */
  | 'OWN_FIELD'
  /** The person's 同意 (the consent id is given beside it). */
  | 'CONSENT'
  /** 支援会議: 社会福祉法106条の6 (no consent needed). */
  | 'SOCIAL_WELFARE_ACT_106_6'
  /** 緊急時の閲覧: 個人情報保護法, 利用・提供の制限の例外 (the window id is audited beside it). */
  | 'EMERGENCY';

/** `extensions.code` of a withheld field (SCENARIOS.md, the public contract). */
export type DenyCode =
  | 'UNAUTHENTICATED'
  | 'ADDRESS_WITHHELD'
  | 'MEETING_NOT_OPEN'
  | 'NOT_MEETING_MEMBER'
  | 'NOT_ON_AGENDA'
  | 'CONSENT_REQUIRED'
  | 'TAX_CONSENT_REQUIRED'
  | 'NOT_ON_TEAM'
  | 'FORBIDDEN'
  /** The emergency access window the request acts in is not open, or not the caller's. */
  | 'EMERGENCY_ACCESS_NOT_OPEN';

/** Facts needed by a rule could not be read: never an allow, never a plain deny. */
export const UNAVAILABLE = 'ACCESS_CHECK_UNAVAILABLE' as const;
export type WithheldCode = DenyCode | typeof UNAVAILABLE;

export type Decision =
  | { effect: 'ALLOW'; basis: Basis; consentId: string | null }
  | { effect: 'DENY'; code: DenyCode }
  | { effect: 'UNAVAILABLE'; code: typeof UNAVAILABLE };

export interface AccessRequest {
  principal: Principal | null;
  /** The meeting the request acts in (`X-Meeting-Id`), or null outside meetings. */
  meetingId: string | null;
  /** The meeting's facts; null when it does not exist; undefined when they could not be read. */
  meeting: MeetingFacts | null | undefined;
  /** The 緊急時の閲覧 window the request acts in (`X-Emergency-Access`), or null; never with a meeting. */
  emergencyId?: string | null;
  /** The window's facts; null when it does not exist; undefined when they could not be read. */
  emergency?: EmergencyFacts | null | undefined;
  /** The person's facts; null when they could not be read. */
  person: PersonFacts | null;
  personId: string;
  field: WelfareField;
  cls: SensitivityClass;
  now: Date;
}

const allow = (basis: Basis, consentId: string | null = null): Decision => ({
  effect: 'ALLOW',
  basis,
  consentId,
});
const deny = (code: DenyCode): Refusal => ({ effect: 'DENY', code });
const unavailable: Refusal = { effect: 'UNAVAILABLE', code: UNAVAILABLE };

/**
 * Consent that covers the field (and tax, for tax-derived data). Used by rule 4
 * (重層的支援会議) and rule 5 (outside meetings), which share it word for word.
 */
function byConsent(r: AccessRequest, person: PersonFacts): Decision {
  // 要保護・要支援児童, 特定妊婦: never disclosed on consent; a consenting parent may be the risk.
  if (r.cls === 'CHILD_PROTECTION') return deny('FORBIDDEN');
  const consent = person.consent;
  if (!isActiveConsent(consent, r.now) || !consent.fields.includes(r.field)) return deny('CONSENT_REQUIRED');
  // 地方税法22条: tax-derived data only with consent that covers tax.
  if (r.cls === 'TAX' && !consent.coversTax) return deny('TAX_CONSENT_REQUIRED');
  return allow('CONSENT', consent.id);
}

/** A decision that refuses: denied, or not decidable for want of facts. */
export type Refusal = Exclude<Decision, { effect: 'ALLOW' }>;

/**
 * The meeting gate of rule 4, for whatever is read in a meeting (a welfare record here,
 * 重層 data in juso-data.ts): the meeting must exist and be open, the caller's agency be
 * a member, and what is read be on its agenda (`onAgenda`, which differs by subject).
 */
export function meetingGate(
  meeting: MeetingFacts | null | undefined,
  principal: Principal,
  onAgenda: (meeting: MeetingFacts) => boolean,
): { meeting: MeetingFacts } | Refusal {
  if (meeting === undefined) return unavailable;
  // m must exist and be open. A made-up id reads as "not open", so ids cannot be probed.
  if (meeting === null || meeting.status !== 'OPEN') return deny('MEETING_NOT_OPEN');
  if (!meeting.memberAgencyIds.includes(principal.agency.id)) return deny('NOT_MEETING_MEMBER');
  if (!onAgenda(meeting)) return deny('NOT_ON_AGENDA');
  return { meeting };
}

/** Rule 4: acting in meeting m. */
function inMeeting(r: AccessRequest, principal: Principal, person: PersonFacts): Decision {
  const gate = meetingGate(r.meeting, principal, (m) => isOnAgenda(m, person));
  if ('effect' in gate) return gate;
  switch (gate.meeting.kind) {
    case 'SHIEN_KAIGI': {
      // 支援会議 (社会福祉法106条の6): no consent needed, but tax data needs consent covering tax.
      if (r.cls !== 'TAX') return allow('SOCIAL_WELFARE_ACT_106_6');
      const consent = person.consent;
      if (isActiveConsent(consent, r.now) && consent.coversTax && consent.fields.includes(r.field))
        return allow('CONSENT', consent.id);
      return deny('TAX_CONSENT_REQUIRED');
    }
    case 'JUSO_KAIGI':
      // 重層的支援会議: only within the person's consent.
      return byConsent(r, person);
  }
}

/** Rule 5: not in a meeting — the case team, within the person's consent. */
function outsideMeeting(r: AccessRequest, principal: Principal, person: PersonFacts): Decision {
  if (!person.openCases.some((c) => c.teamAgencyIds.includes(principal.agency.id)))
    return deny('NOT_ON_TEAM');
  return byConsent(r, person);
}

/** DOMAIN.md rules 1–5, in order, with the emergency window (3a) between own field and meetings. */
export function decide(r: AccessRequest): Decision {
  // 1. No valid token.
  const principal = r.principal;
  if (!principal) return deny('UNAUTHENTICATED');

  // 2. Address of a person under a DV support measure: withheld from everyone.
  if (r.cls === 'ADDRESS') {
    if (!r.person) return unavailable;
    if (r.person.dvSupport) return deny('ADDRESS_WITHHELD');
  }

  // 3. Own field: agencies always see their own records.
  if (principal.agency.field === r.field) return allow('OWN_FIELD');

  if (!r.person) return unavailable;

  // 3a. Acting in an emergency access window (DOMAIN.md "Emergencies"; 個人情報保護法 利用・提供の
  // 制限の例外: 人の生命、身体又は財産の保護のために必要がある場合であって、本人の同意を得ることが
  // 困難であるとき). After rules 1–3, so a DV address stays withheld and own field needs no window.
  if (r.emergencyId) {
    const window = r.emergency;
    if (window === undefined) return unavailable;
    // Expired, closed, another staff member's, or made up: all read the same.
    if (!isOpenWindowOf(window, principal, r.now)) return deny('EMERGENCY_ACCESS_NOT_OPEN');
    // The window's person, as if on consent — but never tax (地方税法22条 has no such exception)
    // and never a child-protection record (it stays with the agencies that own it). For those,
    // and for anyone else, the staff member's ordinary rights (rule 5) still hold.
    if (window.personId === r.personId && r.cls !== 'TAX' && r.cls !== 'CHILD_PROTECTION')
      return allow('EMERGENCY');
    return outsideMeeting(r, principal, r.person);
  }

  // 4. Acting in a meeting.
  if (r.meetingId !== null) return inMeeting(r, principal, r.person);

  // 5. Not in a meeting.
  return outsideMeeting(r, principal, r.person);
}
