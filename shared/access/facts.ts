/**
 * The facts a decision needs, as the 重層 subgraph reports them for one request:
 * read fresh every request, so a withdrawal or a meeting's closure counts at once.
 */
import type { Agency, WelfareField } from '../domain';
import { isPastTokyoDay } from '../calendar';

export interface ConsentFacts {
  id: string;
  status: 'GRANTED' | 'REFUSED' | 'UNKNOWN' | 'WITHDRAWN';
  fields: WelfareField[];
  coversTax: boolean;
  expiresAt: string | null;
  withdrawnAt: string | null;
}

export interface PersonFacts {
  id: string;
  /** 住民基本台帳 DV等支援措置. */
  dvSupport: boolean;
  householdId: string | null;
  /** The current consent version; null when never asked. */
  consent: ConsentFacts | null;
  /** Open cases that include the person, with the agencies on their teams. */
  openCases: { id: string; householdId: string | null; teamAgencyIds: string[] }[];
}

export interface MeetingFacts {
  id: string;
  /** 支援会議 (社会福祉法106条の6) or 重層的支援会議. */
  kind: 'SHIEN_KAIGI' | 'JUSO_KAIGI';
  status: 'SCHEDULED' | 'OPEN' | 'CLOSED';
  memberAgencyIds: string[];
  agenda: { kind: 'CASE' | 'HOUSEHOLD' | 'PERSON'; id: string }[];
}

/** Who is asking: the staff member from the verified token, and their agency. */
export interface Principal {
  staffId: string;
  agency: Agency;
}

/** What the activity of a consent depends on: the gateway's facts and the stored version alike. */
export type ConsentState = Pick<ConsentFacts, 'status' | 'expiresAt' | 'withdrawnAt'>;

/**
 * Consent is active only when given, not expired and not withdrawn. It expires as a
 * calendar day in Japan time: valid through the whole Tokyo day of `expiresAt`. The one
 * rule for the gateway's decisions and the 重層 subgraph's own (Consent.active, the
 * consent workflow).
 */
export function isActiveConsent<C extends ConsentState>(
  consent: C | null | undefined,
  now: Date,
): consent is C {
  if (!consent || consent.status !== 'GRANTED' || consent.withdrawnAt) return false;
  return consent.expiresAt === null || !isPastTokyoDay(consent.expiresAt, now);
}

/** On the agenda directly, or through a case or a household on it. */
export function isOnAgenda(meeting: MeetingFacts, person: PersonFacts): boolean {
  return meeting.agenda.some(
    (item) =>
      (item.kind === 'PERSON' && item.id === person.id) ||
      (item.kind === 'HOUSEHOLD' && item.id === person.householdId) ||
      (item.kind === 'CASE' && person.openCases.some((c) => c.id === item.id)),
  );
}
