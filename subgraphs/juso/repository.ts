/**
 * Reads of the 重層 store. Every method takes many ids and makes one store query,
 * so the per-request DataLoaders in loaders.ts turn N lookups into one.
 */
import type { Store } from '../../shared/store';
import type { EmergencyWindowDoc } from './emergency/model';
import type { AgencyDoc, CaseDoc, ConsentDoc, HouseholdDoc, MeetingDoc, PersonDoc, PlanDoc } from './model';
import { COLLECTIONS, INDEXES } from './model';

export class JusoRepository {
  constructor(readonly store: Store) {}

  people = () => this.store.collection<PersonDoc>(COLLECTIONS.people);
  households = () => this.store.collection<HouseholdDoc>(COLLECTIONS.households);
  agencies = () => this.store.collection<AgencyDoc>(COLLECTIONS.agencies);
  cases = () => this.store.collection<CaseDoc>(COLLECTIONS.cases);
  plans = () => this.store.collection<PlanDoc>(COLLECTIONS.plans);
  meetings = () => this.store.collection<MeetingDoc>(COLLECTIONS.meetings);
  consents = () => this.store.collection<ConsentDoc>(COLLECTIONS.consents);
  emergencyWindows = () => this.store.collection<EmergencyWindowDoc>(COLLECTIONS.emergencyWindows);

  async ensureIndexes(): Promise<void> {
    for (const [key, name] of Object.entries(COLLECTIONS)) {
      await this.store.collection(name).createIndexes(INDEXES[key as keyof typeof COLLECTIONS]);
    }
  }

  byIds<T extends { _id: string }>(docs: T[], ids: readonly string[]): (T | null)[] {
    const map = new Map(docs.map((d) => [d._id, d]));
    return ids.map((id) => map.get(id) ?? null);
  }

  async peopleByIds(ids: readonly string[]) {
    return this.byIds(await this.people().find({ _id: { $in: [...ids] } }), ids);
  }

  async householdsByIds(ids: readonly string[]) {
    return this.byIds(await this.households().find({ _id: { $in: [...ids] } }), ids);
  }

  async agenciesByIds(ids: readonly string[]) {
    return this.byIds(await this.agencies().find({ _id: { $in: [...ids] } }), ids);
  }

  async casesByIds(ids: readonly string[]) {
    return this.byIds(await this.cases().find({ _id: { $in: [...ids] } }), ids);
  }

  async meetingsByIds(ids: readonly string[]) {
    return this.byIds(await this.meetings().find({ _id: { $in: [...ids] } }), ids);
  }

  async plansByIds(ids: readonly string[]) {
    return this.byIds(await this.plans().find({ _id: { $in: [...ids] } }), ids);
  }

  /** Cases that include any of these people, grouped per person. */
  async casesByPersonIds(personIds: readonly string[]): Promise<CaseDoc[][]> {
    const docs = await this.cases().find({ personIds: { $in: [...personIds] } }, { sort: { _id: 1 } });
    return personIds.map((id) => docs.filter((c) => c.personIds.includes(id)));
  }

  async casesByHouseholdIds(householdIds: readonly string[]): Promise<CaseDoc[][]> {
    const docs = await this.cases().find({ householdId: { $in: [...householdIds] } }, { sort: { _id: 1 } });
    return householdIds.map((id) => docs.filter((c) => c.householdId === id));
  }

  async plansByCaseIds(caseIds: readonly string[]): Promise<PlanDoc[][]> {
    const docs = await this.plans().find({ caseId: { $in: [...caseIds] } }, { sort: { _id: 1 } });
    return caseIds.map((id) => docs.filter((p) => p.caseId === id));
  }

  /** Every consent version of these people, oldest first, grouped per person. */
  async consentVersionsByPersonIds(personIds: readonly string[]): Promise<ConsentDoc[][]> {
    const docs = await this.consents().find({ personId: { $in: [...personIds] } }, { sort: { version: 1 } });
    return personIds.map((id) => docs.filter((c) => c.personId === id));
  }

  async searchPeople(text: string, limit: number): Promise<PersonDoc[]> {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.people().find(
      { $or: [{ name: { $regex: escaped } }, { nameKana: { $regex: escaped } }, { _id: text }] },
      { sort: { _id: 1 }, limit },
    );
  }
}
