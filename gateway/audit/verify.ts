/**
 * `verify`: the archives, then the live log, streamed in chain order a page at a time
 * (memory does not grow with the log), every link and hash recomputed, and every signed
 * checkpoint held against the record at its seq. Reports the first broken link:
 *
 * - an edited record: its hash no longer matches;
 * - an edit re-chained (every later hash recomputed): the chain holds, but the first
 *   checkpoint after the edit does not match;
 * - the last records deleted: a checkpoint lies beyond the end of the log;
 * - a wiped or dropped log: checkpoints (or archives), and no records;
 * - a forged checkpoint: its signature does not verify with the public key.
 *
 * Checkpoints are held in memory (a few per thousand records); records never are.
 */
import type { Checkpoint } from './checkpoint';
import { CheckpointVerifier, readCheckpoints } from './checkpoint';
import { listArchives, streamArchive } from './archive';
import type { AuditChain, StoredAudit } from './record';
import { computeHash, GENESIS, isAnchor, prevOf } from './record';

export interface VerifyOptions {
  /** Progress every so many records (the CLI prints it). */
  onProgress?: (checked: number) => void;
}

export interface VerifyReport {
  /** Live records checked (anchors aside). */
  entries: number;
  /** Archived records checked. */
  archived: number;
  archives: number;
  /** Valid checkpoints held against the chain. */
  checkpoints: number;
  /** Records after the last checkpoint: chained, not yet anchored. */
  unanchored: number;
  head: { seq: number; hash: string };
  warnings: string[];
}

export type VerifyResult =
  ({ ok: true } & VerifyReport) | ({ ok: false; brokenAt: number; reason: string } & VerifyReport);

class Broken extends Error {
  constructor(
    readonly brokenAt: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export async function verifyAudit(auditLog: AuditChain, options: VerifyOptions = {}): Promise<VerifyResult> {
  const report: VerifyReport = {
    entries: 0,
    archived: 0,
    archives: 0,
    checkpoints: 0,
    unanchored: 0,
    head: { seq: 0, hash: GENESIS },
    warnings: [],
  };
  try {
    await run(auditLog, options, report);
    return { ok: true, ...report };
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    return { ok: false, brokenAt: error.brokenAt, reason: error.reason, ...report };
  }
}

async function run(auditLog: AuditChain, options: VerifyOptions, report: VerifyReport): Promise<void> {
  const config = auditLog.checkpoints;
  const verifier = config ? CheckpointVerifier.fromFile(config.publicKeyFile) : null;

  // Checkpoints: every one must be signed by our key; two for one seq must agree.
  const anchors = new Map<number, Checkpoint>();
  let lastCheckpoint = 0;
  if (config?.file && verifier) {
    for (const entry of readCheckpoints(config.file)) {
      if ('error' in entry)
        throw new Broken(
          0,
          `checkpoint file line ${entry.line} is ${entry.error}: the checkpoint file was edited`,
        );
      const c = entry.checkpoint;
      if (!verifier.valid(c))
        throw new Broken(
          c.seq,
          `checkpoint at seq ${c.seq} (line ${entry.line}) is forged: its signature does not verify`,
        );
      const seen = anchors.get(c.seq);
      if (seen && seen.hash !== c.hash)
        throw new Broken(c.seq, `two signed checkpoints at seq ${c.seq} disagree: the chain forked`);
      anchors.set(c.seq, c);
      lastCheckpoint = Math.max(lastCheckpoint, c.seq);
    }
    report.checkpoints = anchors.size;
  }
  // The last checkpoint that held, so a mismatch can say where the rewrite began.
  let heldUpTo = 0;
  const holdCheckpoint = (seq: number, hash: string): void => {
    const c = anchors.get(seq);
    if (!c) return;
    if (c.hash !== hash)
      throw new Broken(
        heldUpTo + 1,
        `signed checkpoint at seq ${seq} (${c.at}) does not match: records ${heldUpTo + 1}–${seq} were rewritten and re-chained`,
      );
    heldUpTo = seq;
  };

  const coll = auditLog.collection();
  const [live0] = await coll.find({}, { sort: { seq: 1 }, limit: 1 });

  // Archives first, oldest first, each continuing the one before it.
  let state = { seq: 0, hash: GENESIS };
  const archiveEnds = new Map<number, string>();
  let join: { prev: string; hash: string } | null = null;
  for (const a of listArchives(auditLog.archiveDir)) {
    const result = await streamArchive(a.file, state, verifier, (seq, prev, hash) => {
      try {
        holdCheckpoint(seq, hash);
      } catch (error) {
        return error instanceof Broken ? error.reason : String(error);
      }
      if (live0 && seq === live0.seq) join = { prev, hash };
      report.archived++;
      return null;
    });
    if (!result.ok || !result.trailer)
      throw new Broken(result.brokenAt ?? state.seq + 1, result.reason ?? 'archive does not verify');
    state = { seq: result.trailer.to, hash: result.trailer.lastHash };
    archiveEnds.set(state.seq, state.hash);
    report.archives++;
  }

  if (!live0) {
    if (report.archives)
      throw new Broken(
        state.seq,
        'the live log is empty: it should hold at least the anchor of the last archive (wiped?)',
      );
    if (lastCheckpoint > 0)
      throw new Broken(
        1,
        `the log is empty but a signed checkpoint says it held ${lastCheckpoint} records (wiped or dropped)`,
      );
    return;
  }

  // Where the live log joins the archives (or the genesis).
  let running: { seq: number; hash: string };
  const joinAt = join as { prev: string; hash: string } | null;
  if (live0.seq <= state.seq) {
    // Records archived but still live (an archive run was interrupted), or the anchor.
    if (!joinAt) throw new Broken(live0.seq, 'the live log starts inside an archive it does not match');
    if (prevOf(live0) !== joinAt.prev || live0.hash !== joinAt.hash)
      throw new Broken(live0.seq, 'the live log does not continue its archive');
    running = { seq: live0.seq - 1, hash: joinAt.prev };
  } else if (live0.seq === state.seq + 1) {
    running = state;
  } else {
    throw new Broken(
      state.seq + 1,
      state.seq === 0
        ? `records 1–${live0.seq - 1} are missing from the start of the log (no archive holds them)`
        : `records ${state.seq + 1}–${live0.seq - 1} are missing between the archive and the live log`,
    );
  }

  let checked = 0;
  for await (const doc of auditLog.documents(live0.seq) as AsyncGenerator<StoredAudit>) {
    if (doc.seq !== running.seq + 1) throw new Broken(running.seq + 1, 'missing or reordered record');
    if (prevOf(doc) !== running.hash) throw new Broken(doc.seq, 'link to previous record broken');
    if (isAnchor(doc)) {
      if (archiveEnds.get(doc.seq) !== doc.hash)
        throw new Broken(doc.seq, 'an anchor to an archive that is missing (or does not end on it)');
    } else {
      if (computeHash(doc) !== doc.hash) throw new Broken(doc.seq, 'record altered');
      const end = archiveEnds.get(doc.seq);
      if (end !== undefined && end !== doc.hash)
        throw new Broken(doc.seq, 'record differs from its archived copy');
      report.entries++;
    }
    holdCheckpoint(doc.seq, doc.hash);
    running = { seq: doc.seq, hash: doc.hash };
    if (++checked % 100_000 === 0) options.onProgress?.(checked);
  }
  report.head = running;
  if (lastCheckpoint > running.seq)
    throw new Broken(
      running.seq + 1,
      `truncated: a signed checkpoint is at seq ${lastCheckpoint}, the log ends at ${running.seq}`,
    );
  report.unanchored = running.seq - heldUpTo;
  if (config?.file && anchors.size === 0)
    report.warnings.push(`no signed checkpoints in ${config.file} yet: the chain is not anchored`);
}
