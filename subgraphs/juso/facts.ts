/**
 * The access facts of people and meetings, from the 重層 store. Three store queries
 * for any number of people (people, consent versions, open cases) and one for a
 * meeting. Used by the gateway (through `_accessFacts`) and by this subgraph's own
 * access checks.
 */
import type { EmergencyFacts } from '../../shared/access/emergency';
import type { MeetingFacts, PersonFacts } from '../../shared/access/facts';
import type { JusoRepository } from './repository';

export async function loadPersonFacts(
  repo: JusoRepository,
  ids: readonly string[],
): Promise<(PersonFacts | null)[]> {
  const [people, consents, cases] = await Promise.all([
    repo.peopleByIds(ids),
    repo.consentVersionsByPersonIds(ids),
    repo.cases().find({ personIds: { $in: [...ids] }, status: 'OPEN' }),
  ]);
  return ids.map((id, i) => {
    const person = people[i];
    if (!person) return null;
    const current = consents[i]?.at(-1) ?? null;
    return {
      id,
      dvSupport: person.dvSupport,
      householdId: person.householdId,
      consent: current && {
        id: current._id,
        status: current.status,
        fields: current.fields,
        coversTax: current.coversTax,
        expiresAt: current.expiresAt,
        withdrawnAt: current.withdrawnAt,
      },
      openCases: cases
        .filter((c) => c.personIds.includes(id))
        .map((c) => ({
          id: c._id,
          householdId: c.householdId,
          teamAgencyIds: c.team.map((t) => t.agencyId),
        })),
    };
  });
}

/** A person we have no record of: no consent, no case. Decisions treat them like anyone else. */
export function unknownPerson(id: string): PersonFacts {
  return { id, dvSupport: false, householdId: null, consent: null, openCases: [] };
}

export async function loadMeetingFacts(repo: JusoRepository, id: string): Promise<MeetingFacts | null> {
  const [meeting] = await repo.meetingsByIds([id]);
  if (!meeting) return null;
  return {
    id: meeting._id,
    kind: meeting.kind,
    status: meeting.status,
    memberAgencyIds: meeting.memberAgencyIds,
    agenda: meeting.agenda,
  };
}

/** The 緊急時の閲覧 window a request acts in, as the gateway's decision needs it. */
export async function loadEmergencyFacts(repo: JusoRepository, id: string): Promise<EmergencyFacts | null> {
  const w = await repo.emergencyWindows().findOne({ _id: id });
  if (!w) return null;
  return {
    id: w._id,
    personId: w.personId,
    staffId: w.staffId,
    agencyId: w.agencyId,
    openedAt: w.openedAt,
    expiresAt: w.expiresAt,
    closedAt: w.closedAt,
  };
}
