/**
 * Linking after the import: the records waiting for a person, with their ranked
 * candidates; confirming one (method CONFIRMED_CANDIDATE, by a named staff member);
 * and undoing a wrong link, which puts the record back in the waiting list.
 */
import type { Store } from '../shared/store';
import type { ResidentLink } from '../shared/silo/types';
import { LINK_INDEX } from '../shared/silo/types';
import type { Identity, SiloImport } from '../shared/import/definition';
import type { ImportedDoc, PendingLink } from './engine';
import type { Candidate, RegistryPerson } from './residents';
import { PEOPLE_COLLECTION, ResidentIndex } from './residents';

export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

export interface RankedCandidate extends Candidate {
  /** The silo record already linked to this resident, if any (a resident has one per silo). */
  linkedTo: string | null;
}

export interface PendingRecord {
  nativeId: string;
  identity: Identity;
  since: string | null;
  candidates: RankedCandidate[];
}

function identityOf(definition: SiloImport, doc: ImportedDoc): Identity {
  return doc.pendingLink?.identity ?? definition.docIdentity(doc);
}

/** Every unlinked record with its candidates, best first; loads the registry once. */
export async function listPending(
  definition: SiloImport,
  siloStore: Store,
  jusoStore: Store,
  options: { limit?: number; minScore?: number } = {},
): Promise<PendingRecord[]> {
  const docs = await siloStore.collection<ImportedDoc>(definition.collection).find({});
  const linkedTo = new Map<string, string>();
  for (const doc of docs) if (doc.link) linkedTo.set(doc.link.residentId, doc._id);
  const waiting = docs.filter((d) => !d.link).sort((a, b) => a._id.localeCompare(b._id));
  if (waiting.length === 0) return [];
  const registry = await ResidentIndex.load(jusoStore);
  return waiting.map((doc) => {
    const identity = identityOf(definition, doc);
    const { candidates } = registry.match(identity, options.limit, options.minScore);
    return {
      nativeId: doc._id,
      identity,
      since: doc.pendingLink?.since ?? null,
      candidates: candidates.map((c) => ({ ...c, linkedTo: linkedTo.get(c.residentId) ?? null })),
    };
  });
}

export interface ConfirmResult {
  link: ResidentLink;
  /** How the confirmed resident scores against the record (0–1): a low one deserves a second look. */
  candidate: Candidate;
}

/** Links one waiting record to the resident a staff member confirmed. */
export async function confirmLink(
  definition: SiloImport,
  siloStore: Store,
  jusoStore: Store,
  nativeId: string,
  residentId: string,
  by: string,
  now = new Date(),
): Promise<ConfirmResult> {
  if (!by.trim()) throw new LinkError('say who confirms the link (--by <staff id>)');
  const records = siloStore.collection<ImportedDoc>(definition.collection);
  const doc = await records.findOne({ _id: nativeId });
  if (!doc) throw new LinkError(`no ${definition.recordLabel} ${nativeId} in ${definition.silo}`);
  if (doc.link)
    throw new LinkError(
      `${definition.recordLabel} ${nativeId} is already linked to ${doc.link.residentId} (${doc.link.method}, by ${doc.link.linkedBy})`,
    );
  const person = await jusoStore.collection<RegistryPerson>(PEOPLE_COLLECTION).findOne({ _id: residentId });
  if (!person) throw new LinkError(`resident ${residentId} is not in the resident registry`);
  const other = await records.findOne({ 'link.residentId': residentId });
  if (other)
    throw new LinkError(`resident ${residentId} is already linked to ${definition.recordLabel} ${other._id}`);

  const [candidate] = new ResidentIndex([person]).match(identityOf(definition, doc), 1, 0).candidates;
  const link: ResidentLink = {
    residentId,
    method: 'CONFIRMED_CANDIDATE',
    linkedAt: now.toISOString(),
    linkedBy: by.trim(),
  };
  await records.createIndexes([LINK_INDEX]);
  // Only while still unlinked: two people confirming at once cannot both win.
  const result = await records.updateOne(
    { _id: nativeId, link: { $exists: false } },
    { $set: { link }, $unset: { pendingLink: '' } },
  );
  if (result.matchedCount === 0) throw new LinkError(`${nativeId} was linked meanwhile; list again`);
  return {
    link,
    candidate: candidate ?? {
      residentId,
      name: person.name,
      kana: person.nameKana,
      birthDate: person.birthDate,
      address: null,
      score: 0,
      parts: { kana: 0, birthDate: 0, address: null },
      exact: false,
    },
  };
}

/** Removes a wrong link; the record leaves the graph and waits for a person again. */
export async function unlink(
  definition: SiloImport,
  siloStore: Store,
  nativeId: string,
  by: string,
  now = new Date(),
): Promise<ResidentLink> {
  if (!by.trim()) throw new LinkError('say who removes the link (--by <staff id>)');
  const records = siloStore.collection<ImportedDoc>(definition.collection);
  const doc = await records.findOne({ _id: nativeId });
  if (!doc) throw new LinkError(`no ${definition.recordLabel} ${nativeId} in ${definition.silo}`);
  if (!doc.link) throw new LinkError(`${definition.recordLabel} ${nativeId} is not linked`);
  const pendingLink: PendingLink = {
    identity: definition.docIdentity(doc),
    since: now.toISOString(),
    unlinked: { link: doc.link, by: by.trim() },
  };
  const result = await records.updateOne(
    { _id: nativeId, 'link.residentId': doc.link.residentId },
    { $set: { pendingLink }, $unset: { link: '' } },
  );
  if (result.matchedCount === 0) throw new LinkError(`${nativeId} changed meanwhile; try again`);
  return doc.link;
}
