/**
 * Retention: `npm run audit -- archive --before <date>` moves the records older than a
 * date out of the live log into a sealed archive file, gzip'ed JSON lines:
 *
 *   {"type":"header","format":"juso-audit-archive/1","from":…,"prev":…,…}
 *   … one stored record per line, in chain order …
 *   {"type":"trailer","from":…,"to":…,"count":…,"lastHash":…,"body":…,"key":…,"sig":…}
 *
 * `body` is the SHA-256 of the header and record lines, and the trailer is signed with
 * the checkpoint key: an archive cannot be edited, cut or extended unnoticed. The last
 * archived record stays in the live log as an anchor (its seq, prev and hash), so the
 * next record still links to it and `verify` joins archive and live log.
 *
 * Each step leaves something `verify` accepts, so a crash anywhere is harmless and the
 * next run finishes the job: (1) the archive is written, synced and checked, then
 * renamed into place; (2) its last record is replaced by the anchor; (3) the records
 * before it are deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { CheckpointSigner } from './checkpoint';
import type { CheckpointVerifier } from './checkpoint';
import type { AuditAnchor, AuditChain, StoredAudit } from './record';
import { computeHash, GENESIS, isAnchor, prevOf, seqId } from './record';

export const ARCHIVE_FORMAT = 'juso-audit-archive/1';
const NAME = /^audit-(\d{12})-(\d{12})\.jsonl\.gz$/;

export interface ArchiveHeader {
  type: 'header';
  format: string;
  from: number;
  prev: string;
  before: string;
  createdAt: string;
}

export interface ArchiveTrailer {
  type: 'trailer';
  from: number;
  to: number;
  count: number;
  lastHash: string;
  /** SHA-256 (hex) of the header line and every record line, each with its newline. */
  body: string;
  sealedAt: string;
  key: string;
  sig: string;
}

export const archiveName = (from: number, to: number) => `audit-${seqId(from)}-${seqId(to)}.jsonl.gz`;

const trailerMessage = (t: Omit<ArchiveTrailer, 'sig'>) =>
  Buffer.from(
    `audit-archive/1 ${JSON.stringify([t.from, t.to, t.count, t.lastHash, t.body, t.sealedAt, t.key])}`,
    'utf8',
  );

/** The archive files of a folder, oldest first. */
export function listArchives(dir: string | null): { file: string; from: number; to: number }[] {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => !!x.m)
    .map(({ name, m }) => ({ file: path.join(dir, name), from: Number(m[1]), to: Number(m[2]) }))
    .sort((a, b) => a.from - b.from);
}

export interface ArchiveStreamResult {
  ok: boolean;
  reason?: string;
  brokenAt?: number;
  trailer?: ArchiveTrailer;
}

/**
 * Reads an archive line by line (constant memory), checks it links to `start`, and
 * hands each record's (seq, prev, hash) to `onRecord` (checkpoint checks, the join).
 */
export async function streamArchive(
  file: string,
  /** Where the chain stands before this archive; null: wherever its header says. */
  expected: { seq: number; hash: string } | null,
  verifier: CheckpointVerifier | null,
  onRecord: (seq: number, prev: string, hash: string) => string | null,
): Promise<ArchiveStreamResult> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const body = createHash('sha256');
  let header: ArchiveHeader | null = null;
  let trailer: ArchiveTrailer | null = null;
  let seq = expected?.seq ?? 0;
  let prev = expected?.hash ?? GENESIS;
  let count = 0;
  const fail = (reason: string, at = seq + 1): ArchiveStreamResult => {
    lines.close();
    input.destroy();
    return { ok: false, reason: `${path.basename(file)}: ${reason}`, brokenAt: at };
  };
  try {
    for await (const line of lines) {
      if (!line) continue;
      if (trailer) return fail('lines after the trailer');
      const doc = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        if (doc.type !== 'header' || doc.format !== ARCHIVE_FORMAT) return fail('no archive header');
        header = doc as unknown as ArchiveHeader;
        if (expected && (header.from !== expected.seq + 1 || header.prev !== expected.hash))
          return fail('does not continue the chain before it (an archive is missing or out of place)');
        seq = header.from - 1;
        prev = header.prev;
        body.update(line + '\n');
        continue;
      }
      if (doc.type === 'trailer') {
        trailer = doc as unknown as ArchiveTrailer;
        continue;
      }
      body.update(line + '\n');
      const rec = doc as unknown as StoredAudit;
      if (rec.seq !== seq + 1) return fail('missing or reordered record');
      if (prevOf(rec) !== prev) return fail('link to previous record broken', rec.seq);
      if (isAnchor(rec) || computeHash(rec) !== rec.hash) return fail('record altered', rec.seq);
      const problem = onRecord(rec.seq, prev, rec.hash);
      if (problem) return fail(problem, rec.seq);
      seq = rec.seq;
      prev = rec.hash;
      count++;
    }
  } catch (error) {
    return fail(`unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!header) return fail('empty');
  if (!trailer) return fail('no trailer: the archive was cut short');
  const { sig, ...unsigned } = trailer;
  if (
    trailer.from !== header.from ||
    trailer.to !== seq ||
    trailer.count !== count ||
    trailer.lastHash !== prev
  )
    return fail('trailer does not match its records');
  if (trailer.body !== body.digest('hex')) return fail('contents do not match the sealed digest');
  if (
    verifier &&
    (trailer.key !== verifier.fingerprint || !verifier.validBytes(trailerMessage(unsigned), sig))
  )
    return fail('seal (trailer signature) does not verify', trailer.to);
  return { ok: true, trailer };
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface ArchiveResult {
  file: string | null;
  from: number;
  to: number;
  count: number;
}

/**
 * Moves the records written before `before` (the longest run from the start of the live
 * log; several writers' records are not strictly in time order) to a new archive.
 */
export async function archiveBefore(auditLog: AuditChain, before: Date): Promise<ArchiveResult> {
  const dir = auditLog.archiveDir;
  const keyFile = auditLog.checkpoints?.privateKeyFile;
  if (!dir) throw new Error('no archive folder (AUDIT_ARCHIVE_DIR)');
  if (!keyFile) throw new Error('archives are sealed with the checkpoint key (AUDIT_CHECKPOINT_KEY_FILE)');
  const signer = CheckpointSigner.fromFile(keyFile);
  fs.mkdirSync(dir, { recursive: true });
  await finishInterrupted(auditLog, dir);

  const coll = auditLog.collection();
  const [first] = await coll.find({}, { sort: { seq: 1 }, limit: 1 });
  if (!first) return { file: null, from: 0, to: 0, count: 0 };
  // The live log starts with the anchor of the last archive, or with record 1.
  const start = isAnchor(first) ? { seq: first.seq, hash: first.hash } : { seq: 0, hash: GENESIS };
  const cutoff = before.toISOString();

  const name = `.partial-${process.pid}-${Date.now()}`;
  const tmp = path.join(dir, name);
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  gzip.pipe(out);
  const body = createHash('sha256');
  const header: ArchiveHeader = {
    type: 'header',
    format: ARCHIVE_FORMAT,
    from: start.seq + 1,
    prev: start.hash,
    before: cutoff,
    createdAt: new Date().toISOString(),
  };
  const headerLine = JSON.stringify(header) + '\n';
  body.update(headerLine);
  await write(gzip, headerLine);
  let last: StoredAudit | null = null;
  let count = 0;
  for await (const doc of auditLog.documents(start.seq + 1)) {
    if (isAnchor(doc) || !('at' in doc) || !(doc.at < cutoff)) break;
    const line = JSON.stringify(doc) + '\n';
    body.update(line);
    await write(gzip, line);
    last = doc;
    count++;
  }
  if (!last) {
    gzip.end();
    await once(out, 'close');
    fs.rmSync(tmp, { force: true });
    return { file: null, from: 0, to: 0, count: 0 };
  }
  const unsigned: Omit<ArchiveTrailer, 'sig'> = {
    type: 'trailer',
    from: header.from,
    to: last.seq,
    count,
    lastHash: last.hash,
    body: body.digest('hex'),
    sealedAt: new Date().toISOString(),
    key: signer.fingerprint,
  };
  const trailer: ArchiveTrailer = { ...unsigned, sig: signer.signBytes(trailerMessage(unsigned)) };
  await write(gzip, JSON.stringify(trailer) + '\n');
  gzip.end();
  await once(out, 'close');
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // Read back before anything leaves the live log.
  const check = await streamArchive(tmp, start, null, () => null);
  if (!check.ok) throw new Error(`the archive just written does not verify: ${check.reason}`);
  const file = path.join(dir, archiveName(header.from, last.seq));
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o444);
  syncDir(dir);
  await cutLiveLog(auditLog, file, header.from, last, count);
  return { file, from: header.from, to: last.seq, count };
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Not every platform syncs a directory; the rename is then as durable as it gets.
  }
}

/** Steps (2) and (3): the anchor in place of the last archived record, then the rest deleted. */
async function cutLiveLog(
  auditLog: AuditChain,
  file: string,
  from: number,
  last: { seq: number; hash: string } & StoredAudit,
  count: number,
): Promise<void> {
  const anchor: AuditAnchor = {
    _id: last._id,
    seq: last.seq,
    prev: prevOf(last),
    hash: last.hash,
    anchor: { file: path.basename(file), from, count },
  };
  await auditLog.collection().upsertMany([anchor]);
  await auditLog.collection().deleteMany({ seq: { $lt: last.seq } });
}

/** A run stopped after writing its archive: finishes cutting the live log to it. */
async function finishInterrupted(auditLog: AuditChain, dir: string): Promise<void> {
  const latest = listArchives(dir).at(-1);
  if (!latest) return;
  const coll = auditLog.collection();
  const [first] = await coll.find({}, { sort: { seq: 1 }, limit: 1 });
  if (!first || first.seq >= latest.to) return;
  const check = await streamArchive(latest.file, null, null, () => null);
  if (!check.ok || !check.trailer) throw new Error(`archive ${latest.file} does not verify: ${check.reason}`);
  const [atEnd] = await coll.find({ seq: latest.to });
  // The live record at the archive's end must be the archived one: then, the chain
  // being intact, so is every record before it.
  if (!atEnd || atEnd.hash !== check.trailer.lastHash)
    throw new Error(`the live log does not hold the end of ${latest.file}: run verify`);
  if (isAnchor(atEnd)) await coll.deleteMany({ seq: { $lt: latest.to } });
  else await cutLiveLog(auditLog, latest.file, latest.from, atEnd, check.trailer.count);
}
