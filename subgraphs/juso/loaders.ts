/** Per-request DataLoaders over the repository: one store query per kind per tick. */
import DataLoader from 'dataloader';
import type { JusoRepository } from './repository';

export function createLoaders(repo: JusoRepository) {
  return {
    people: new DataLoader((ids: readonly string[]) => repo.peopleByIds(ids)),
    households: new DataLoader((ids: readonly string[]) => repo.householdsByIds(ids)),
    agencies: new DataLoader((ids: readonly string[]) => repo.agenciesByIds(ids)),
    cases: new DataLoader((ids: readonly string[]) => repo.casesByIds(ids)),
    meetings: new DataLoader((ids: readonly string[]) => repo.meetingsByIds(ids)),
    plans: new DataLoader((ids: readonly string[]) => repo.plansByIds(ids)),
    casesByPerson: new DataLoader((ids: readonly string[]) => repo.casesByPersonIds(ids)),
    casesByHousehold: new DataLoader((ids: readonly string[]) => repo.casesByHouseholdIds(ids)),
    plansByCase: new DataLoader((ids: readonly string[]) => repo.plansByCaseIds(ids)),
    consentVersions: new DataLoader((ids: readonly string[]) => repo.consentVersionsByPersonIds(ids)),
  };
}

export type JusoLoaders = ReturnType<typeof createLoaders>;
