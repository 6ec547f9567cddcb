/**
 * Who sees 重層 data itself (cases, plans, consent state, meetings). DOMAIN.md: it
 * "is visible to the case's team and, during an open meeting, to its members for
 * what is on its agenda". Identity (name, kana, birth date, address) comes from the
 * resident registry and is readable by any authenticated staff member (rule 2 aside).
 */
import type { MeetingFacts, PersonFacts, Principal } from './facts';
import { isOnAgenda } from './facts';
import type { DenyCode, Refusal } from './decide';
import { meetingGate, UNAVAILABLE } from './decide';

export type JusoBasis = 'RESIDENT_REGISTRY' | 'CASE_TEAM' | 'MEETING_AGENDA' | 'MEETING_MEMBER';

/** Refused as decide.ts refuses: the same codes, the same meeting gate. */
export type JusoDecision = { effect: 'ALLOW'; basis: JusoBasis } | Refusal;

/** What is being read. */
export type JusoSubject =
  | { kind: 'IDENTITY'; person: PersonFacts | null; address: boolean }
  | { kind: 'CASE'; caseId: string; householdId: string | null; teamAgencyIds: string[] }
  /** A plan: its case, and the people it concerns (an outreach plan may sit on a 支援会議 alone). */
  | { kind: 'PLAN'; caseId: string; householdId: string | null; teamAgencyIds: string[]; personIds: string[] }
  | { kind: 'CONSENT'; person: PersonFacts }
  | { kind: 'MEETING'; meeting: MeetingFacts };

export interface JusoAccessRequest {
  principal: Principal | null;
  meetingId: string | null;
  meeting: MeetingFacts | null | undefined;
  subject: JusoSubject;
}

const allow = (basis: JusoBasis): JusoDecision => ({ effect: 'ALLOW', basis });
const deny = (code: DenyCode): JusoDecision => ({ effect: 'DENY', code });

function caseOnAgenda(agenda: MeetingFacts['agenda'], caseId: string, householdId: string | null): boolean {
  return agenda.some(
    (i) => (i.kind === 'CASE' && i.id === caseId) || (i.kind === 'HOUSEHOLD' && i.id === householdId),
  );
}

/**
 * A plan is on an agenda through its case or household, or when every one of its people
 * is (an outreach plan may sit on a 支援会議 with its person alone). Shared with the
 * workflow, which decides plans only at meetings that have them on the agenda.
 */
export function planOnAgenda(
  agenda: MeetingFacts['agenda'],
  plan: { caseId: string; householdId: string | null; personIds: readonly string[] },
): boolean {
  return (
    caseOnAgenda(agenda, plan.caseId, plan.householdId) ||
    (plan.personIds.length > 0 &&
      plan.personIds.every((p) => agenda.some((i) => i.kind === 'PERSON' && i.id === p)))
  );
}

export function decideJusoData(r: JusoAccessRequest): JusoDecision {
  const principal = r.principal;
  if (!principal) return deny('UNAUTHENTICATED');
  const s = r.subject;
  switch (s.kind) {
    case 'IDENTITY':
      if (!s.address) return allow('RESIDENT_REGISTRY');
      if (!s.person) return { effect: 'UNAVAILABLE', code: UNAVAILABLE };
      return s.person.dvSupport ? deny('ADDRESS_WITHHELD') : allow('RESIDENT_REGISTRY');

    case 'MEETING':
      // A meeting's membership and agenda are for its members.
      return s.meeting.memberAgencyIds.includes(principal.agency.id)
        ? allow('MEETING_MEMBER')
        : deny('NOT_MEETING_MEMBER');

    case 'CASE':
    case 'PLAN': {
      if (s.teamAgencyIds.includes(principal.agency.id)) return allow('CASE_TEAM');
      if (r.meetingId === null) return deny('NOT_ON_TEAM');
      const gate = meetingGate(r.meeting, principal, (m) =>
        s.kind === 'PLAN' ? planOnAgenda(m.agenda, s) : caseOnAgenda(m.agenda, s.caseId, s.householdId),
      );
      return 'effect' in gate ? gate : allow('MEETING_AGENDA');
    }

    case 'CONSENT': {
      if (s.person.openCases.some((c) => c.teamAgencyIds.includes(principal.agency.id)))
        return allow('CASE_TEAM');
      if (r.meetingId === null) return deny('NOT_ON_TEAM');
      const gate = meetingGate(r.meeting, principal, (m) => isOnAgenda(m, s.person));
      return 'effect' in gate ? gate : allow('MEETING_AGENDA');
    }
  }
}
