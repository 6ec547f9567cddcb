/**
 * The access facts of people and meetings, from the 重層 store. Three store queries
 * for any number of people (people, consent versions, open cases) and one for a
 * meeting. Used by the gateway (through `_accessFacts`, or attached to this subgraph's
 * answer) and by this subgraph's own access checks.
 */
import type { EmergencyFacts } from '../../shared/access/emergency';
import type { MeetingFacts, PersonFacts } from '../../shared/access/facts';
import type { JusoLoaders } from './loaders';
import type { CaseDoc, ConsentDoc, PersonDoc } from './model';
import type { JusoRepository } from './repository';

/** Where the facts of people are read from. */
export interface PersonFactsSource {
  people(ids: readonly string[]): Promise<(PersonDoc | null)[]>;
  /** Every consent version of each person, oldest first. */
  consentVersions(ids: readonly string[]): Promise<ConsentDoc[][]>;
  /** The open cases any of them is in. */
  openCases(ids: readonly string[]): Promise<CaseDoc[]>;
}

const openCases = (repo: JusoRepository) => (ids: readonly string[]) =>
  repo.cases().find({ personIds: { $in: [...ids] }, status: 'OPEN' });

/**
 * Through the request's loaders: the people and consent versions a query resolves are
 * the ones its facts need, so they are read once per request, not twice. As fresh as
 * the store read itself (the loaders live for one request; a mutation that changes
 * consent clears them, workflow/common.ts `forgetPerson`).
 */
export function requestFacts(repo: JusoRepository, loaders: JusoLoaders): PersonFactsSource {
  return {
    people: async (ids) => settled(await loaders.people.loadMany(ids)),
    consentVersions: async (ids) => settled(await loaders.consentVersions.loadMany(ids)),
    openCases: openCases(repo),
  };
}

/** A failed load fails the facts: they are never guessed. */
function settled<T>(results: (T | Error)[]): T[] {
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results as T[];
}

export async function loadPersonFacts(
  source: PersonFactsSource,
  ids: readonly string[],
): Promise<(PersonFacts | null)[]> {
  const [people, consents, cases] = await Promise.all([
    source.people(ids),
    source.consentVersions(ids),
    source.openCases(ids),
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
