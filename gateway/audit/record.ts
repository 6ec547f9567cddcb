/**
 * The audit record: one per request, carrying every decision the request made, in a
 * compact encoding (docs/AUDIT.md). A household dashboard query makes about fifty
 * decisions that repeat the same field, class, outcome and basis across the household's
 * members; written one document per decision they cost ~12 KB, grouped here ~1.3 KB.
 *
 * Nothing is de-duplicated away: identical decisions fold into one with a count, and a
 * withheld and a disclosed decision about the same (person, field, class, subject) are
 * two decisions, both kept.
 */
import { hash } from 'node:crypto';
import type { AuditedDecision } from '../../shared/access/audit';
import type { Collection, StoredDoc } from '../../shared/store';
import type { CheckpointConfig } from './checkpoint';

export const GENESIS = '0'.repeat(64);

export type { Outcome } from '../../shared/access/audit';

/**
 * One decision of a request, as recorded: the audited decision (shared/access/audit.ts,
 * the shape both the gateway and the 重層 subgraph audit in) and how many times the
 * request made this very decision (several selections of one field).
 */
export interface AuditDecision extends AuditedDecision {
  count: number;
}

/** What a request hands to the log. */
export interface AuditRecordDraft {
  at: string;
  requestId: string;
  staffId: string;
  agencyId: string;
  meetingId: string | null;
  /** The 緊急時の閲覧 window the request acted in (X-Emergency-Access), if any. */
  emergencyId?: string | null;
  decisions: readonly AuditDecision[];
}

/**
 * A person reference inside a group: the index into `persons` (-1: no person), or
 * `[index, count]` when the same decision was made more than once.
 */
export type PersonRef = number | [number, number];

/**
 * Decisions that share field, class, outcome, basis, code, subject and consent:
 * `[field, cls, 'D' | 'W', basis, code, subject, consent, refs]`. `subject` 0 stands for
 * each person's own id (IDENTITY, CONSENT are read about the person), `consent` 0 for
 * each person's consent in `consents` (the request reads one consent per person).
 */
export type DecisionGroup = [
  string,
  string,
  'D' | 'W',
  string | null,
  string | null,
  string | null | 0,
  string | null | 0,
  PersonRef[],
];

/** One request's record in the live log. */
export interface AuditRecord extends StoredDoc {
  seq: number;
  prev: string;
  hash: string;
  at: string;
  req: string;
  staff: string;
  agency: string;
  meeting: string | null;
  /** The 緊急時の閲覧 window the request acted in; absent when none (so older records hash as before). */
  emergency?: string;
  /** Every person the request decided about: a multikey index finds them. */
  persons: string[];
  /** Aligned with `persons`: the consent id a person's decisions were taken on, if any. */
  consents?: (string | null)[];
  d: DecisionGroup[];
}

/**
 * What is left in the live log of the last record moved to an archive: its place in the
 * chain, so the live log's next record still links to it and `verify` joins the two.
 */
export interface AuditAnchor extends StoredDoc {
  seq: number;
  prev: string;
  hash: string;
  anchor: { file: string; from: number; count: number };
}

/** Entries of the log before one record per request (one document per decision); still verified. */
export interface LegacyAuditEntry extends StoredDoc, AuditedDecision {
  seq: number;
  prevHash: string;
  hash: string;
  at: string;
  requestId: string;
  staffId: string;
  agencyId: string;
  meetingId: string | null;
}

export type StoredAudit = AuditRecord | AuditAnchor | LegacyAuditEntry;

export const isAnchor = (d: StoredAudit): d is AuditAnchor => 'anchor' in d && !!d.anchor;
export const isLegacy = (d: StoredAudit): d is LegacyAuditEntry => 'prevHash' in d;

/**
 * What `verify` and `archive` need of a log: its collection, its documents in chain
 * order, and where its checkpoints and archives are kept. AuditLog is one; the two take
 * this, not the class, because the class runs `verify` (audit-log.ts would otherwise
 * import the files that import it).
 */
export interface AuditChain {
  readonly checkpoints: CheckpointConfig | null;
  readonly archiveDir: string | null;
  collection(): Collection<StoredAudit>;
  /** Stored documents in chain order, from seq `from` (constant memory). */
  documents(from?: number, to?: number): AsyncGenerator<StoredAudit>;
}

/** The hash a stored document links the next one to. */
export const prevOf = (d: StoredAudit): string => (isLegacy(d) ? d.prevHash : d.prev);

/** One decision with the request's who and when: the rows GET /audit and the CLI show. */
export interface AuditRow extends Omit<AuditDecision, 'count'> {
  seq: number;
  at: string;
  requestId: string;
  staffId: string;
  agencyId: string;
  meetingId: string | null;
  emergencyId: string | null;
  count: number;
}

/**
 * One part of a key: its length, then itself; `~` for null, `#` for the 0 of "the
 * person's own". Length-prefixed, so no value can fake a boundary and distinct decisions
 * never share a key; cheaper than JSON.stringify of an array, for ~50 decisions a request.
 */
const part = (v: string | null | 0): string => (v === null ? '~' : v === 0 ? '#' : `${v.length}:${v}`);

export const decisionKey = (d: AuditedDecision): string =>
  part(d.personId) +
  part(d.field) +
  part(d.cls) +
  part(d.subjectId) +
  part(d.decision) +
  part(d.basis) +
  part(d.consentId) +
  part(d.code);

/**
 * Groups a request's decisions; identical decisions fold into one with their counts summed.
 * Two decisions are identical exactly when they fall in the same group about the same
 * person (the group holds everything else of them), so they fold there, without a key of
 * their own: the gateway's decision log has folded most of them already.
 */
export function encodeDecisions(decisions: readonly AuditDecision[]): {
  persons: string[];
  consents?: (string | null)[];
  d: DecisionGroup[];
} {
  // People in the order they first appear, each with the first consent a decision names.
  const persons: string[] = [];
  const index = new Map<string, number>();
  const consents: (string | null)[] = [];
  for (const dec of decisions) {
    if (dec.personId === null) continue;
    let i = index.get(dec.personId);
    if (i === undefined) {
      i = persons.push(dec.personId) - 1;
      index.set(dec.personId, i);
      consents.push(null);
    }
    if (consents[i] === null && dec.consentId !== null) consents[i] = dec.consentId;
  }
  // Per group, each person's summed count, in the order the person first appears in it.
  const groups = new Map<string, { group: DecisionGroup; counts: Map<number, number> }>();
  for (const dec of decisions) {
    const i = dec.personId === null ? -1 : (index.get(dec.personId) as number);
    const subject = i >= 0 && dec.subjectId === dec.personId ? 0 : dec.subjectId;
    const consent = i >= 0 && dec.consentId !== null && consents[i] === dec.consentId ? 0 : dec.consentId;
    const outcome = dec.decision === 'DISCLOSED' ? 'D' : 'W';
    const key =
      part(dec.field) +
      part(dec.cls) +
      outcome +
      part(dec.basis) +
      part(dec.code) +
      part(subject) +
      part(consent);
    let entry = groups.get(key);
    if (!entry) {
      const group: DecisionGroup = [dec.field, dec.cls, outcome, dec.basis, dec.code, subject, consent, []];
      groups.set(key, (entry = { group, counts: new Map() }));
    }
    entry.counts.set(i, (entry.counts.get(i) ?? 0) + dec.count);
  }
  const d: DecisionGroup[] = [];
  for (const { group, counts } of groups.values()) {
    for (const [i, count] of counts) group[7].push(count === 1 ? i : [i, count]);
    d.push(group);
  }
  return consents.some((c) => c !== null) ? { persons, consents, d } : { persons, d };
}

/** The decisions of a record, as they were made. */
export function decodeDecisions(r: Pick<AuditRecord, 'persons' | 'consents' | 'd'>): AuditDecision[] {
  const out: AuditDecision[] = [];
  for (const [field, cls, outcome, basis, code, subject, consent, refs] of r.d) {
    for (const ref of refs) {
      const [i, count] = typeof ref === 'number' ? [ref, 1] : ref;
      const personId = i >= 0 ? (r.persons[i] ?? null) : null;
      out.push({
        personId,
        field,
        cls,
        subjectId: subject === 0 ? personId : subject,
        decision: outcome === 'D' ? 'DISCLOSED' : 'WITHHELD',
        basis,
        consentId: consent === 0 ? (r.consents?.[i] ?? null) : consent,
        code,
        count,
      });
    }
  }
  return out;
}

/** Rows of a stored document (a record, a legacy entry; an anchor has none). */
export function rowsOf(doc: StoredAudit): AuditRow[] {
  if (isAnchor(doc)) return [];
  if (isLegacy(doc)) {
    const { seq, at, requestId, staffId, agencyId, meetingId } = doc;
    const { personId, field, cls, subjectId, decision, basis, consentId, code } = doc;
    return [
      {
        seq,
        at,
        requestId,
        staffId,
        agencyId,
        meetingId,
        emergencyId: null,
        personId,
        field,
        cls,
        subjectId,
        decision,
        basis,
        consentId,
        code,
        count: 1,
      },
    ];
  }
  const who = {
    seq: doc.seq,
    at: doc.at,
    requestId: doc.req,
    staffId: doc.staff,
    agencyId: doc.agency,
    meetingId: doc.meeting,
    emergencyId: doc.emergency ?? null,
  };
  return decodeDecisions(doc).map((dec) => ({ ...who, ...dec }));
}

/** The fields of a legacy entry that were hashed, in their fixed order. */
const LEGACY_HASHED = [
  'seq',
  'prevHash',
  'at',
  'requestId',
  'staffId',
  'agencyId',
  'meetingId',
  'personId',
  'field',
  'cls',
  'subjectId',
  'decision',
  'basis',
  'consentId',
  'code',
] as const;

/**
 * The chain hash of a stored document, over its fields in a fixed order (never the
 * store's key order). An anchor has no body: its hash is the archived record's.
 */
export function computeHash(doc: StoredAudit): string {
  if (isLegacy(doc)) {
    const values = LEGACY_HASHED.map((k) => doc[k] ?? null);
    return hash('sha256', JSON.stringify(values), 'hex');
  }
  if (isAnchor(doc)) return doc.hash;
  const r = doc;
  const canonical = JSON.stringify([
    'audit/1',
    r.seq,
    r.prev,
    r.at,
    r.req,
    r.staff,
    r.agency,
    r.meeting,
    r.persons,
    r.consents ?? null,
    r.d,
    // Only when present: records without a window hash as they always did.
    ...(r.emergency === undefined ? [] : [r.emergency]),
  ]);
  // One-shot hash: the same SHA-256, without a Hash object per record.
  return hash('sha256', canonical, 'hex');
}

export const seqId = (seq: number): string => String(seq).padStart(12, '0');

/** The stored record of a draft at a place in the chain. */
export function chainRecord(draft: AuditRecordDraft, seq: number, prev: string): AuditRecord {
  const body = {
    _id: seqId(seq),
    seq,
    prev,
    hash: '',
    at: draft.at,
    req: draft.requestId,
    staff: draft.staffId,
    agency: draft.agencyId,
    meeting: draft.meetingId,
    ...(draft.emergencyId ? { emergency: draft.emergencyId } : {}),
    ...encodeDecisions(draft.decisions),
  };
  body.hash = computeHash(body);
  return body;
}
