/**
 * The audit log: every disclosure and every withholding, appended before the response
 * leaves. Tamper-evident: each entry carries the hash of the one before it, so an
 * edited, removed or reordered entry breaks the chain (`npm run audit:verify`).
 *
 * Appends from concurrent requests are grouped into one store write (group commit):
 * each request still waits until its own entries are durably written, so "written
 * before disclosed" holds, but N requests cost one write, not N.
 */
import { hash } from 'node:crypto';
import type { Store, StoredDoc } from '../../shared/store';
import { DuplicateKeyError } from '../../shared/store';

export const AUDIT_COLLECTION = 'audit_log';
const GENESIS = '0'.repeat(64);

/** What a request decided, before it is chained. */
export interface AuditDraft {
  at: string;
  requestId: string;
  staffId: string;
  agencyId: string;
  meetingId: string | null;
  personId: string | null;
  /** KAIGO, SHOGAI, KODOMO, KONKYU, or the 重層 data read (IDENTITY, CASE, PLAN, CONSENT, MEETING). */
  field: string;
  cls: string;
  subjectId: string | null;
  decision: 'DISCLOSED' | 'WITHHELD';
  /** OWN_FIELD, CONSENT, SOCIAL_WELFARE_ACT_106_6, CASE_TEAM, … when disclosed. */
  basis: string | null;
  consentId: string | null;
  /** The withheld code when withheld. */
  code: string | null;
}

export interface AuditEntry extends AuditDraft, StoredDoc {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The fields that are hashed, in a fixed order. */
const HASHED: (keyof AuditDraft | 'seq' | 'prevHash')[] = [
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
];

export function entryHash(entry: Omit<AuditEntry, 'hash' | '_id'>): string {
  const canonical = JSON.stringify(HASHED.map((k) => entry[k] ?? null));
  // One-shot hash: the same SHA-256, without a Hash object per entry (dozens per request).
  return hash('sha256', canonical, 'hex');
}

interface Pending {
  drafts: AuditDraft[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditLog {
  private head: { seq: number; hash: string } | null = null;
  private queue: Pending[] = [];
  private writing = false;

  constructor(readonly store: Store) {}

  private collection() {
    return this.store.collection<AuditEntry>(AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.collection().createIndexes([
      { keys: ['seq'], unique: true },
      { keys: ['personId'] },
      { keys: ['requestId'] },
    ]);
    await this.reloadHead();
  }

  private async reloadHead(): Promise<void> {
    const [last] = await this.collection().find({}, { sort: { seq: -1 }, limit: 1 });
    this.head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
  }

  /** Resolves once these entries are durably written; rejects if they could not be. */
  append(drafts: AuditDraft[]): Promise<void> {
    if (drafts.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      void this.drain();
    });
  }

  private chain(drafts: AuditDraft[]): AuditEntry[] {
    let { seq, hash } = this.head ?? { seq: 0, hash: GENESIS };
    return drafts.map((d) => {
      seq += 1;
      const body = { ...d, seq, prevHash: hash };
      hash = entryHash(body);
      return { ...body, _id: String(seq).padStart(12, '0'), hash };
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) {
        const group = this.queue.splice(0);
        try {
          if (!this.head) await this.reloadHead();
          let entries = this.chain(group.flatMap((p) => p.drafts));
          try {
            await this.collection().insertMany(entries);
          } catch (error) {
            // Another gateway instance appended first: re-read the head and chain again, once.
            if (!(error instanceof DuplicateKeyError)) throw error;
            await this.reloadHead();
            entries = this.chain(group.flatMap((p) => p.drafts));
            await this.collection().insertMany(entries);
          }
          const last = entries[entries.length - 1] as AuditEntry;
          this.head = { seq: last.seq, hash: last.hash };
          for (const p of group) p.resolve();
        } catch (error) {
          // Nothing of this group was written (insertMany is all or nothing); the head stays.
          this.head = null;
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Who saw what about this person, when, and why: for the coordinator and 本人開示. */
  byPerson(personId: string): Promise<AuditEntry[]> {
    return this.collection().find({ personId }, { sort: { seq: 1 } });
  }

  /** Recomputes the chain; reports the first entry that does not hold. */
  async verify(): Promise<
    { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string }
  > {
    const all = await this.collection().find({}, { sort: { seq: 1 } });
    let prev = GENESIS;
    for (const [i, e] of all.entries()) {
      if (e.seq !== i + 1)
        return { ok: false, entries: all.length, brokenAt: i + 1, reason: 'missing or reordered entry' };
      if (e.prevHash !== prev)
        return { ok: false, entries: all.length, brokenAt: e.seq, reason: 'link to previous entry broken' };
      const { hash, _id, ...body } = e;
      if (entryHash(body) !== hash)
        return { ok: false, entries: all.length, brokenAt: e.seq, reason: 'entry altered' };
      prev = hash;
    }
    return { ok: true, entries: all.length };
  }
}
