/**
 * Candidate search in the resident registry (the juso store's `people`), for records
 * that came without a resident number. The registry is loaded once into memory and
 * indexed by birth date and by normalised kana with birth year or month-day, so a
 * row costs a few map lookups and the scoring of a handful of people, not a scan of
 * the whole town.
 *
 * Scoring (0–1): kana 0.45, birth date 0.35, address 0.2. Kana and address score
 * by edit distance of their normal forms (1 = equal, 0 from half the characters
 * wrong); a birth date scores 1 when
 * equal, 0.6 when month and day are swapped, 0.5 when one of year, month or day
 * differs, 0 otherwise. Without an address on both sides, or for a person under a DV
 * support measure (住民基本台帳 DV等支援措置: the address is never used nor shown),
 * the address weight is left out.
 *
 * A match is `exact` only when kana, birth date and address are all equal after
 * normalisation. Only an exact match that is the only one in the whole registry is
 * confident enough to link without a person (see docs/IMPORT.md).
 */
import { distance } from 'fastest-levenshtein';
import type { Store, StoredDoc } from '../shared/store';
import type { Identity } from '../shared/import/definition';
import { normaliseAddress, normaliseKana } from '../shared/import/normalise';

/** The juso subgraph's collection of residents (subgraphs/juso/model.ts, COLLECTIONS.people). */
export const PEOPLE_COLLECTION = 'people';

/** The part of the juso PersonDoc that identity matching reads. */
export interface RegistryPerson extends StoredDoc {
  name: string;
  nameKana: string;
  birthDate: string;
  address: string;
  dvSupport: boolean;
}

interface Entry {
  id: string;
  name: string;
  kana: string;
  birthDate: string;
  address: string;
  dvSupport: boolean;
  nKana: string;
  nAddress: string;
}

export interface ScoreParts {
  kana: number;
  birthDate: number;
  /** null when the address was left out (absent, or withheld under a DV support measure). */
  address: number | null;
}

export interface Candidate {
  residentId: string;
  name: string;
  kana: string;
  birthDate: string;
  /** null for a person under a DV support measure: the address is withheld from everyone. */
  address: string | null;
  score: number;
  parts: ScoreParts;
  exact: boolean;
}

export interface MatchResult {
  /** Best first, at most `limit`, none below `minScore`. */
  candidates: Candidate[];
  /** Every exact match in the registry (kana, birth date and address equal). */
  exact: Candidate[];
}

export const DEFAULT_CANDIDATE_LIMIT = 5;
export const DEFAULT_MIN_SCORE = 0.6;
const WEIGHTS = { kana: 0.45, birthDate: 0.35, address: 0.2 };

/**
 * 1 for equal strings, falling twice as fast as the share of edits: one wrong
 * character in seven is 0.71, and a shared 「さくら町」 does not make two addresses alike.
 */
function similarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  return Math.max(0, 1 - (2 * distance(a, b)) / Math.max(a.length, b.length));
}

function birthDateScore(a: string, b: string): number {
  if (a === b) return 1;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 0.6;
  const same = Number(ya === yb) + Number(ma === mb) + Number(da === db);
  return same === 2 ? 0.5 : 0;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class ResidentIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byBirthDate = new Map<string, number[]>();
  /** kana|YYYY and kana|MM-DD: a typo in one part of the date still finds the person. */
  private readonly byKanaDate = new Map<string, number[]>();

  constructor(people: Iterable<RegistryPerson>) {
    for (const p of people) {
      const i = this.entries.length;
      const entry: Entry = {
        id: p._id,
        name: p.name,
        kana: p.nameKana,
        birthDate: p.birthDate,
        address: p.address,
        dvSupport: p.dvSupport,
        nKana: normaliseKana(p.nameKana),
        nAddress: normaliseAddress(p.address),
      };
      this.entries.push(entry);
      this.byId.set(entry.id, i);
      push(this.byBirthDate, entry.birthDate, i);
      push(this.byKanaDate, `${entry.nKana}|${entry.birthDate.slice(0, 4)}`, i);
      push(this.byKanaDate, `${entry.nKana}|${entry.birthDate.slice(5)}`, i);
    }
  }

  /** Reads the whole registry once (one query). */
  static async load(jusoStore: Store): Promise<ResidentIndex> {
    return new ResidentIndex(await jusoStore.collection<RegistryPerson>(PEOPLE_COLLECTION).find({}));
  }

  get size(): number {
    return this.entries.length;
  }

  has(residentId: string): boolean {
    return this.byId.has(residentId);
  }

  person(residentId: string): { name: string; kana: string; birthDate: string } | undefined {
    const i = this.byId.get(residentId);
    const e = i === undefined ? undefined : this.entries[i];
    return e && { name: e.name, kana: e.kana, birthDate: e.birthDate };
  }

  private score(entry: Entry, nKana: string, birthDate: string, nAddress: string): Candidate {
    const useAddress = nAddress !== '' && entry.nAddress !== '' && !entry.dvSupport;
    const parts: ScoreParts = {
      kana: round2(similarity(nKana, entry.nKana)),
      birthDate: birthDateScore(birthDate, entry.birthDate),
      address: useAddress ? round2(similarity(nAddress, entry.nAddress)) : null,
    };
    const weighted =
      WEIGHTS.kana * parts.kana +
      WEIGHTS.birthDate * parts.birthDate +
      WEIGHTS.address * (parts.address ?? 0);
    const total = WEIGHTS.kana + WEIGHTS.birthDate + (useAddress ? WEIGHTS.address : 0);
    return {
      residentId: entry.id,
      name: entry.name,
      kana: entry.kana,
      birthDate: entry.birthDate,
      address: entry.dvSupport ? null : entry.address,
      score: round2(weighted / total),
      parts,
      exact: parts.kana === 1 && parts.birthDate === 1 && parts.address === 1,
    };
  }

  match(identity: Identity, limit = DEFAULT_CANDIDATE_LIMIT, minScore = DEFAULT_MIN_SCORE): MatchResult {
    const nKana = normaliseKana(identity.kana);
    const nAddress = identity.address ? normaliseAddress(identity.address) : '';
    const { birthDate } = identity;
    const [y, m, d] = birthDate.split('-');
    const seen = new Set<number>();
    const lists = [
      this.byBirthDate.get(birthDate),
      this.byBirthDate.get(`${y}-${d}-${m}`),
      this.byKanaDate.get(`${nKana}|${y}`),
      this.byKanaDate.get(`${nKana}|${m}-${d}`),
    ];
    const scored: Candidate[] = [];
    for (const list of lists)
      for (const i of list ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        scored.push(this.score(this.entries[i] as Entry, nKana, birthDate, nAddress));
      }
    scored.sort((a, b) => b.score - a.score || a.residentId.localeCompare(b.residentId));
    return {
      candidates: scored.filter((c) => c.score >= minScore).slice(0, limit),
      exact: scored.filter((c) => c.exact),
    };
  }
}
