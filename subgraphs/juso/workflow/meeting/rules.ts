/**
 * The meeting rules, pure: attendance, what an agenda may hold, members, who changes a
 * meeting. Each answers null (fine) or a refusal with its code and a plain message.
 */
import type { AgencyRole } from '../../../../shared/domain';
import type { AgendaKind, MeetingKind, MeetingStatus } from '../../model';
import type { Check } from '../errors';
import { refuse } from '../errors';
import type { ConsentState } from '../consent/machine';
import { describeConsent } from '../consent/rules';

export interface MeetingAtHand {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  memberAgencyIds: string[];
  agenda: { kind: AgendaKind; id: string }[];
}

/** The meeting a decision is taken at: the one the request acts in, open, the caller a member. */
export function checkAttendance(
  meetingId: string | null,
  meeting: MeetingAtHand | null,
  agencyId: string,
): Check {
  if (meetingId === null)
    return refuse(
      'MEETING_REQUIRED',
      'this is decided at a meeting: act in an open meeting (X-Meeting-Id) that has the case on its agenda',
    );
  if (!meeting || meeting.status !== 'OPEN') return refuse('MEETING_NOT_OPEN', 'the meeting is not open');
  if (!meeting.memberAgencyIds.includes(agencyId))
    return refuse('NOT_MEETING_MEMBER', 'your agency is not a member of this meeting');
  return null;
}

/**
 * A 重層的支援会議 shares only within consent (003: 本人の同意が得られている事例): a person
 * without active consent cannot be on its agenda; a case or household can, when someone
 * in it has consented (the others' records stay withheld there, field by field).
 */
export function checkAgendaConsent(
  kind: MeetingKind,
  item: { kind: AgendaKind; id: string },
  people: { name: string; state: ConsentState }[],
): Check {
  if (kind === 'SHIEN_KAIGI') return null;
  const consenting = people.filter((p) => p.state === 'ACTIVE');
  if (
    item.kind === 'PERSON' ? consenting.length === people.length && people.length > 0 : consenting.length > 0
  )
    return null;
  const missing = people.filter((p) => p.state !== 'ACTIVE');
  return refuse(
    'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    `${missing.map((p) => describeConsent(p.name, p.state)).join('; ') || `${item.id} has no one`}: ` +
      'a 重層的支援会議 discusses only people who consented. Put them on a 支援会議 (社会福祉法106条の6) agenda instead.',
  );
}

/**
 * 001 6-2)(2): 多機関協働事業者 and the municipality take part in every 重層的支援会議;
 * 001 6-1)(2): the municipality convenes and chairs every 支援会議.
 */
export function checkMembers(
  kind: MeetingKind,
  members: { id: string; role: AgencyRole }[],
  convenerAgencyId: string,
): Check {
  if (!members.some((m) => m.id === convenerAgencyId))
    return refuse('BAD_USER_INPUT', 'the convening agency must be a member of the meeting');
  const has = (role: AgencyRole) => members.some((m) => m.role === role);
  if (kind === 'JUSO_KAIGI' && !(has('COORDINATOR') && has('TAKIKAN')))
    return refuse(
      'BAD_USER_INPUT',
      'a 重層的支援会議 needs the municipality (福祉課) and the 多機関協働事業者 among its members',
    );
  if (kind === 'SHIEN_KAIGI' && !has('COORDINATOR'))
    return refuse(
      'BAD_USER_INPUT',
      'a 支援会議 is chaired by the municipality (福祉課): it must be a member',
    );
  return null;
}

/**
 * DOMAIN.md "Who may change the rules' inputs": a meeting's members and agenda — and so its
 * opening and closing — are set by the agency that convened it, or by 福祉課 (001 6-1)(2),
 * 6-2)(3)). Another member, even one whose role could convene, cannot add itself or a
 * person to someone else's meeting. Meetings from before `convenedByAgencyId` was kept
 * are 福祉課's alone.
 */
export function checkConvener(
  convenedByAgencyId: string | null,
  caller: { id: string; role: AgencyRole },
): Check {
  if (caller.role === 'COORDINATOR' || (convenedByAgencyId !== null && convenedByAgencyId === caller.id))
    return null;
  return refuse('FORBIDDEN_ACTION', 'only the convening agency or 福祉課 changes a meeting');
}
