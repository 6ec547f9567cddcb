/**
 * The audit log: one record per request with every disclosure and every withholding
 * it made, appended before the response leaves. Each record carries the hash of the one
 * before it (record.ts), and signed checkpoints of the head are kept outside the store
 * (checkpoint.ts), so an edit, a re-chaining, a truncation or a wipe is found by
 * `npm run audit -- verify` (verify.ts).
 *
 * Appends from concurrent requests are grouped into one store write (group commit):
 * each request still waits until its own record is durably written, so "written before
 * disclosed" holds, but N requests cost one write, not N.
 *
 * Several gateways may write one store. A record's place is its sequence number, and the
 * unique index on `seq` reserves it: a writer that lost the race gets a duplicate key,
 * re-reads the head and chains again on top of it (docs/AUDIT.md, "Several writers").
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Filter, Store } from '../../shared/store';
import { DuplicateKeyError } from '../../shared/store';
import { createLogger } from '../../shared/logger';
import type { CheckpointConfig } from './checkpoint';
import { appendCheckpoint, CheckpointSigner, checkpointConfigFromEnv } from './checkpoint';
import type { AuditRecord, AuditRecordDraft, AuditRow, StoredAudit } from './record';
import { chainRecord, GENESIS, isAnchor, rowsOf } from './record';
import type { VerifyOptions, VerifyResult } from './verify';
import { verifyAudit } from './verify';

export const AUDIT_COLLECTION = 'audit_log';
export type { AuditDecision, AuditRecord, AuditRecordDraft, AuditRow } from './record';
/**
 * One decision as read back (`auditLog.rows()`, `byPerson()`, `byRequest()`). The store
 * holds one record per request (record.ts), not one document per decision.
 */
export type AuditEntry = AuditRow;

const log = createLogger('audit');

/** A page of the chain when streaming it: bounded memory whatever the log's length. */
export const PAGE = 2_000;

export interface AuditLogOptions {
  /** Checkpoints of the head; undefined: from the environment (checkpointConfigFromEnv), null: none. */
  checkpoints?: CheckpointConfig | null;
  /** Where `archive` writes and `verify` reads sealed archives; null: none. */
  archiveDir?: string | null;
  /** Attempts at a place in the chain under contention before the write fails (503). */
  maxAttempts?: number;
}

interface Pending {
  draft: AuditRecordDraft;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

type Head = { seq: number; hash: string };

export class AuditLog {
  private head: Head | null = null;
  private queue: Pending[] = [];
  private writing = false;
  readonly checkpoints: CheckpointConfig | null;
  readonly archiveDir: string | null;
  private readonly maxAttempts: number;
  private signer: CheckpointSigner | null = null;
  private lastCheckpoint: { seq: number; time: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Counters for tests and the benchmark: contention is visible, not silent. */
  readonly stats = { records: 0, writes: 0, retries: 0, partialPrefixes: 0 };

  constructor(
    readonly store: Store,
    options: AuditLogOptions = {},
  ) {
    this.checkpoints = options.checkpoints === undefined ? checkpointConfigFromEnv() : options.checkpoints;
    this.archiveDir = options.archiveDir === undefined ? archiveDirFromEnv() : options.archiveDir;
    this.maxAttempts = options.maxAttempts ?? 50;
  }

  collection() {
    return this.store.collection<StoredAudit>(AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.collection().createIndexes([
      { keys: ['seq'], unique: true },
      // Multikey: a record is found by every person it decided about.
      { keys: ['persons'] },
      { keys: ['req'] },
      // Entries written before one record per request, still read by person.
      { keys: ['personId'] },
    ]);
    this.head = null;
    this.lastCheckpoint = null;
    await this.reloadHead();
    const cp = this.checkpoints;
    if (cp && cp.file && cp.privateKeyFile && !this.signer) {
      this.signer = CheckpointSigner.fromFile(cp.privateKeyFile);
      if (this.signer.isDemoKey && process.env.NODE_ENV === 'production')
        log.warn('audit checkpoints are signed with the demo key (dev/audit-keys): for the demo town only');
    }
    if (this.signer && !this.timer) {
      // A checkpoint every few minutes if the head moved, and once a day regardless:
      // even a quiet log has a recent anchor, so a wipe shows.
      this.timer = setInterval(
        () => void this.tick().catch((err: unknown) => log.error({ err }, 'audit checkpoint failed')),
        (cp as CheckpointConfig).everyMinutes * 60_000,
      );
      this.timer.unref();
    }
  }

  /** The last (seq, hash) of the chain, read from the store. */
  async readHead(): Promise<Head> {
    const [last] = await this.collection().find({}, { sort: { seq: -1 }, limit: 1 });
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
  }

  private async reloadHead(): Promise<void> {
    this.head = await this.readHead();
  }

  /** Resolves once the record is durably written; rejects if it could not be. */
  append(draft: AuditRecordDraft): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ draft, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) {
        const group = this.queue.splice(0);
        try {
          const records = await this.write(group.map((p) => p.draft));
          group.forEach((p, i) => p.resolve(records[i] as AuditRecord));
        } catch (error) {
          // The head is unknown after a failure: read it again before the next write.
          this.head = null;
          for (const p of group) p.reject(error);
        }
        await this.maybeCheckpoint();
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * Writes the drafts in order at the end of the chain. On a duplicate key another
   * writer took some of the places: what of ours got in (an ordered insertMany may write
   * a prefix, MongoDB outside a transaction) is a valid part of the chain; the rest is
   * chained again on the new head, after a short random wait so two writers that
   * collided do not collide again in step.
   */
  private async write(drafts: AuditRecordDraft[]): Promise<AuditRecord[]> {
    const written: AuditRecord[] = [];
    let rest = drafts;
    for (let attempt = 1; ; attempt++) {
      if (!this.head) await this.reloadHead();
      const head = this.head as Head;
      const records: AuditRecord[] = [];
      let { seq, hash } = head;
      for (const draft of rest) {
        const r = chainRecord(draft, ++seq, hash);
        hash = r.hash;
        records.push(r);
      }
      try {
        this.stats.writes++;
        await this.collection().insertMany(records);
        written.push(...records);
        const last = records[records.length - 1] as AuditRecord;
        this.head = { seq: last.seq, hash: last.hash };
        this.stats.records += written.length;
        return written;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const inserted = await this.insertedPrefix(records);
        if (inserted > 0) this.stats.partialPrefixes++;
        written.push(...records.slice(0, inserted));
        rest = rest.slice(inserted);
        this.head = null;
        if (rest.length === 0) {
          this.stats.records += written.length;
          return written;
        }
        if (attempt >= this.maxAttempts) throw error;
        this.stats.retries++;
        await sleep(Math.random() * Math.min(2 * attempt, 20));
      }
    }
  }

  /** How many of these records (a prefix, in order) the store holds as ours. */
  private async insertedPrefix(records: AuditRecord[]): Promise<number> {
    const first = records[0] as AuditRecord;
    const found = await this.collection().find(
      { seq: { $gte: first.seq, $lte: first.seq + records.length - 1 } },
      { sort: { seq: 1 } },
    );
    const bySeq = new Map(found.map((d) => [d.seq, d.hash]));
    let n = 0;
    while (n < records.length && bySeq.get((records[n] as AuditRecord).seq) === records[n]?.hash) n++;
    return n;
  }

  private async maybeCheckpoint(): Promise<void> {
    if (!this.signer || !this.head) return;
    const last = this.lastCheckpoint;
    // The first record of a process is anchored at once; then every N records.
    if (last && this.head.seq - last.seq < (this.checkpoints as CheckpointConfig).everyRecords) return;
    await this.checkpoint('records').catch((err: unknown) => log.error({ err }, 'audit checkpoint failed'));
  }

  private async tick(): Promise<void> {
    const last = this.lastCheckpoint;
    const head = await this.readHead();
    const day = 24 * 3_600_000;
    if (!last || head.seq !== last.seq || Date.now() - last.time >= day) await this.checkpoint('timer');
  }

  /**
   * Signs the head as read from the store now, appends it to the checkpoint file and
   * prints it in the log. Returns null when this log has no checkpoint key or file.
   */
  async checkpoint(reason = 'requested'): Promise<{ seq: number; hash: string } | null> {
    const file = this.checkpoints?.file;
    if (!this.signer || !file) return null;
    const head = await this.readHead();
    if (head.seq === 0) return null;
    const c = this.signer.checkpoint(head.seq, head.hash);
    await appendCheckpoint(file, c);
    this.lastCheckpoint = { seq: head.seq, time: Date.now() };
    log.info({ auditCheckpoint: c, reason }, 'audit checkpoint');
    return head;
  }

  /** At shutdown: the last checkpoint, and no more timers. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checkpoint('shutdown').catch((err: unknown) => log.error({ err }, 'audit checkpoint failed'));
  }

  /** Streams stored documents in chain order, a page at a time (constant memory). */
  async *documents(from = 0, to = Number.MAX_SAFE_INTEGER): AsyncGenerator<StoredAudit> {
    let after = from - 1;
    for (;;) {
      const page = await this.collection().find(
        { seq: { $gt: after, $lte: to } },
        { sort: { seq: 1 }, limit: PAGE },
      );
      for (const doc of page) yield doc;
      if (page.length < PAGE) return;
      after = (page[page.length - 1] as StoredAudit).seq;
    }
  }

  /** Every decision about this person, oldest first: for the coordinator and 本人開示. */
  async byPerson(personId: string): Promise<AuditRow[]> {
    // Two index lookups rather than an $or, which a store may not answer from its indexes.
    const [records, legacy] = await Promise.all([
      this.collection().find({ persons: personId }, { sort: { seq: 1 } }),
      this.collection().find({ personId }, { sort: { seq: 1 } }),
    ]);
    const docs = legacy.length ? [...legacy, ...records].sort((a, b) => a.seq - b.seq) : records;
    return docs.flatMap((d) => rowsOf(d)).filter((r) => r.personId === personId);
  }

  /** Every decision of the records matching `filter` (tests, the CLI). */
  async rows(filter: Filter = {}): Promise<AuditRow[]> {
    const docs = await this.collection().find(filter, { sort: { seq: 1 } });
    return docs.flatMap((d) => rowsOf(d));
  }

  /** The records of one request (one, unless written before one record per request). */
  async byRequest(requestId: string): Promise<AuditRow[]> {
    const [records, legacy] = await Promise.all([this.rows({ req: requestId }), this.rows({ requestId })]);
    return [...legacy, ...records];
  }

  /** The number of records (requests) in the live log, anchors aside. */
  async countRecords(): Promise<number> {
    const docs = await this.collection().countDocuments({});
    const [first] = await this.collection().find({}, { sort: { seq: 1 }, limit: 1 });
    return first && isAnchor(first) ? docs - 1 : docs;
  }

  /** Chain, archives and checkpoints (verify.ts); reports the first broken link. */
  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return verifyAudit(this, options);
  }
}

/** AUDIT_ARCHIVE_DIR, by default `${DATA_DIR}/audit-archive`; none for data in memory. */
export function archiveDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.AUDIT_ARCHIVE_DIR) return env.AUDIT_ARCHIVE_DIR === 'off' ? null : env.AUDIT_ARCHIVE_DIR;
  if (env.DATA_DIR === 'memory' || env.NODE_ENV === 'test') return null;
  return `${env.DATA_DIR ?? '.data'}/audit-archive`;
}
