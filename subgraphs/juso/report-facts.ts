/**
 * `_disclosureReportFacts`: what 福祉課's 本人開示 report needs to put the audit of one
 * person into words — the person's name, their consent versions (id, date), the
 * meetings the audit names (title, kind) and the person's 緊急時の閲覧 windows (reason).
 *
 * For the gateway only (@inaccessible: not in the public API) and, inside that, for a
 * request the gateway signed for a COORDINATOR outside any meeting: anyone else is
 * refused, so the query adds no way to read 重層 data that the access rules would not
 * give. It answers only about the one person asked (consents and windows are looked up
 * by that person), and meetings by the ids the audit itself holds.
 */
import type { JusoContext } from './context';
import type { EmergencyReason } from './emergency/model';
import type { ConsentStatus, MeetingDoc, MeetingKind } from './model';
import type { WelfareField } from '../../shared/domain';
import { refuse } from './workflow/errors';

export interface DisclosureReportFacts {
  personId: string;
  name: string | null;
  consents: {
    id: string;
    version: number;
    status: ConsentStatus;
    takenAt: string;
    fields: WelfareField[];
    coversTax: boolean;
    withdrawnAt: string | null;
  }[];
  meetings: { id: string; kind: MeetingKind; title: string }[];
  emergencyWindows: {
    id: string;
    reasonCategory: EmergencyReason;
    reason: string;
    staffId: string;
    agencyId: string;
    openedAt: string;
    expiresAt: string;
    closedAt: string | null;
  }[];
}

/** A report names a month's meetings, not a town's: more ids than this is not a report. */
const MAX_MEETINGS = 500;

export async function disclosureReportFacts(
  ctx: JusoContext,
  args: { personId: string; meetingIds: readonly string[] },
): Promise<DisclosureReportFacts> {
  const { principal, meetingId } = ctx.access.viewer;
  // Deny by default: the 本人開示 report is 福祉課's, and never read in a meeting.
  if (principal.agency.role !== 'COORDINATOR' || meetingId !== null)
    throw refuse('FORBIDDEN_ACTION', 'the disclosure report is 福祉課’s');
  const meetingIds = [...new Set(args.meetingIds)];
  if (meetingIds.length > MAX_MEETINGS) throw refuse('BAD_USER_INPUT', 'too many meetings');
  const [[person], [consents], meetings, windows] = await Promise.all([
    ctx.repo.peopleByIds([args.personId]),
    ctx.repo.consentVersionsByPersonIds([args.personId]),
    meetingIds.length ? ctx.repo.meetingsByIds(meetingIds) : Promise.resolve([] as (MeetingDoc | null)[]),
    ctx.repo.emergencyWindows().find({ personId: args.personId }, { sort: { openedAt: 1 } }),
  ]);
  return {
    personId: args.personId,
    name: person?.name ?? null,
    consents: (consents ?? []).map((c) => ({
      id: c._id,
      version: c.version,
      status: c.status,
      takenAt: c.takenAt,
      fields: c.fields,
      coversTax: c.coversTax,
      withdrawnAt: c.withdrawnAt,
    })),
    meetings: meetings
      .filter((m): m is MeetingDoc => m !== null)
      .map((m) => ({ id: m._id, kind: m.kind, title: m.title })),
    emergencyWindows: windows.map((w) => ({
      id: w._id,
      reasonCategory: w.reasonCategory,
      reason: w.reason,
      staffId: w.staffId,
      agencyId: w.agencyId,
      openedAt: w.openedAt,
      expiresAt: w.expiresAt,
      closedAt: w.closedAt,
    })),
  };
}
