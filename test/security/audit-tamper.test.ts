/**
 * Issue 12, leak 7: the chain was tamper-evident only against naive edits. Someone who
 * can write the audit store re-chains after an edit, deletes the last records or drops
 * the log, and plain SHA-256 verified all of it as intact. With signed checkpoints kept
 * outside the store, `verify` finds each of them, and a forged checkpoint too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import type { AuditRecord, AuditRecordDraft } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION, AuditLog } from '../../gateway/audit/audit-log';
import { archiveBefore, listArchives } from '../../gateway/audit/archive';
import type { CheckpointConfig } from '../../gateway/audit/checkpoint';
import {
  CheckpointSigner,
  DEV_CHECKPOINT_PRIVATE_KEY_FILE,
  DEV_CHECKPOINT_PUBLIC_KEY_FILE,
} from '../../gateway/audit/checkpoint';
import { computeHash } from '../../gateway/audit/record';
import type { Store } from '../../shared/store';
import { openStore } from '../../shared/store';
import { recordAttack } from '../support/security-summary';

const draft = (
  i: number,
  at = `2026-11-${String(10 + (i % 10)).padStart(2, '0')}T10:00:00.000Z`,
): AuditRecordDraft => ({
  at,
  requestId: `r${i}`,
  staffId: 's-takikan-01',
  agencyId: 'takikan-shakyo',
  meetingId: 'M-J1',
  decisions: [
    {
      personId: 'P-202',
      field: 'KAIGO',
      cls: 'GENERAL',
      subjectId: null,
      decision: 'DISCLOSED',
      basis: 'CONSENT',
      consentId: 'P-202#1',
      code: null,
      count: 1,
    },
  ],
});

let dir: string;
let store: Store;
let log: AuditLog;
let config: CheckpointConfig;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-tamper-'));
  config = {
    file: path.join(dir, 'audit-checkpoints.jsonl'),
    privateKeyFile: DEV_CHECKPOINT_PRIVATE_KEY_FILE,
    publicKeyFile: DEV_CHECKPOINT_PUBLIC_KEY_FILE,
    everyRecords: 5,
    everyMinutes: 60,
  };
  store = await openStore({ service: 'audit', memory: true });
  log = new AuditLog(store, { checkpoints: config, archiveDir: path.join(dir, 'archive') });
  await log.init();
  // Ten requests one after the other: checkpoints at the first and then every five.
  for (let i = 1; i <= 10; i++) await log.append(draft(i));
  await log.checkpoint();
});
afterEach(async () => {
  await log.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const records = () => store.collection<AuditRecord>(AUDIT_COLLECTION);

/** What an attacker with write access to the store does after an edit: recompute every hash. */
async function rechainFrom(seq: number): Promise<void> {
  const all = await records().find({ seq: { $gte: seq - 1 } }, { sort: { seq: 1 } });
  let prev = all[0]!.seq === seq ? all[0]!.prev : all[0]!.hash;
  for (const r of all) {
    if (r.seq < seq) continue;
    const fixed = { ...r, prev };
    fixed.hash = computeHash(fixed);
    await records().upsertMany([fixed]);
    prev = fixed.hash;
  }
}

function expectDetected(name: string, result: { ok: boolean }): void {
  recordAttack(`audit tamper: ${name}`, result.ok);
  expect(result.ok).toBe(false);
}

it('the untouched log verifies, anchored by its checkpoints', async () => {
  const result = await log.verify();
  expect(result).toMatchObject({ ok: true, entries: 10, unanchored: 0 });
  expect(result.checkpoints).toBeGreaterThanOrEqual(2);
});

it('an edited record', async () => {
  await records().updateOne({ seq: 4 }, { $set: { staff: 's-kita-01' } });
  const result = await log.verify();
  expectDetected('edited record', result);
  expect(result).toMatchObject({ brokenAt: 4, reason: 'record altered' });
});

it('an edit re-chained (every later hash recomputed)', async () => {
  await records().updateOne({ seq: 4 }, { $set: { staff: 's-kita-01' } });
  await rechainFrom(4);
  const result = await log.verify();
  expectDetected('re-chained after an edit', result);
  expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('rewritten and re-chained') });
  // The rewrite began after the last checkpoint that still holds (seq 1).
  expect(result).toMatchObject({ brokenAt: 2 });
});

it('the last records deleted (truncation below a checkpoint)', async () => {
  await records().deleteMany({ seq: { $gt: 7 } });
  const result = await log.verify();
  expectDetected('truncated', result);
  expect(result).toMatchObject({ brokenAt: 8, reason: expect.stringContaining('truncated') });
});

it('a wiped or dropped log', async () => {
  await store.drop();
  const result = await log.verify();
  expectDetected('dropped log', result);
  expect(result).toMatchObject({ reason: expect.stringContaining('wiped or dropped') });
});

it('a forged checkpoint: re-chained and "anchored" with a key that is not ours', async () => {
  await records().updateOne({ seq: 9 }, { $set: { staff: 's-kita-01' } });
  await rechainFrom(9);
  // The attacker also rewrites the checkpoint file to match the new chain, signing with their own key.
  const { privateKey } = generateKeyPairSync('ed25519');
  const keyFile = path.join(dir, 'attacker.jwk.json');
  fs.writeFileSync(keyFile, JSON.stringify(privateKey.export({ format: 'jwk' })));
  const attacker = CheckpointSigner.fromFile(keyFile);
  const [head] = await records().find({}, { sort: { seq: -1 }, limit: 1 });
  const lines = fs.readFileSync(config.file!, 'utf8').trim().split('\n');
  const honest = lines.map((l) => JSON.parse(l) as { seq: number }).filter((c) => c.seq < 9);
  const forged = {
    ...attacker.checkpoint(head!.seq, head!.hash),
    key: (JSON.parse(lines[0]!) as { key: string }).key,
  };
  fs.writeFileSync(
    config.file!,
    [...honest.map((c) => JSON.stringify(c)), JSON.stringify(forged)].join('\n') + '\n',
  );
  const result = await log.verify();
  expectDetected('forged checkpoint', result);
  expect(result).toMatchObject({ reason: expect.stringContaining('forged') });
});

it('an edited checkpoint (seq or hash changed, signature kept)', async () => {
  const lines = fs.readFileSync(config.file!, 'utf8').trim().split('\n');
  const last = JSON.parse(lines.at(-1)!) as { seq: number };
  lines[lines.length - 1] = JSON.stringify({ ...last, seq: last.seq + 100 });
  fs.writeFileSync(config.file!, lines.join('\n') + '\n');
  expectDetected('edited checkpoint', await log.verify());
});

describe('archives', () => {
  it('archive, then live log: verifies across the join and keeps reading by person', async () => {
    const result = await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    // Records 1–4 are dated the 11th–14th; record 5 (the 15th) stops the run.
    expect(result).toMatchObject({ from: 1, to: 4, count: 4 });
    expect(await records().countDocuments({})).toBe(7); // the anchor of 4, and 5–10
    for (let i = 11; i <= 12; i++) await log.append(draft(i));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 8, archived: 4, archives: 1 });
    // A second archive continues the first.
    await archiveBefore(log, new Date('2026-11-18T00:00:00.000Z'));
    expect(listArchives(log.archiveDir)).toHaveLength(2);
    expect(await log.verify()).toMatchObject({ ok: true, archives: 2 });
  });

  it('an edited archive', async () => {
    const { file } = await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    const zlib = await import('node:zlib');
    const text = zlib
      .gunzipSync(fs.readFileSync(file!))
      .toString('utf8')
      .replace('s-takikan-01', 's-kita-01');
    fs.chmodSync(file!, 0o644);
    fs.writeFileSync(file!, zlib.gzipSync(text));
    expectDetected('edited archive', await log.verify());
  });

  it('a deleted archive', async () => {
    const { file } = await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    fs.rmSync(file!, { force: true });
    const result = await log.verify();
    expectDetected('deleted archive', result);
  });

  it('an archive cut short (trailer removed)', async () => {
    const { file } = await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    const zlib = await import('node:zlib');
    const lines = zlib.gunzipSync(fs.readFileSync(file!)).toString('utf8').trim().split('\n');
    fs.chmodSync(file!, 0o644);
    fs.writeFileSync(file!, zlib.gzipSync(lines.slice(0, -2).join('\n') + '\n'));
    expectDetected('archive cut short', await log.verify());
  });

  it('an interrupted archive run (archive written, live log not yet cut) verifies and is finished next time', async () => {
    // As if the process died after step (1): the archive file is there, the live log untouched.
    const { file } = await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    const archived = await records().find({}, { sort: { seq: 1 }, limit: 1 });
    expect(archived[0]).toMatchObject({ seq: 4, anchor: expect.anything() });
    // Put the archived records back in the live log, the anchor replaced by the record.
    const zlib = await import('node:zlib');
    const lines = zlib.gunzipSync(fs.readFileSync(file!)).toString('utf8').trim().split('\n');
    const docs = lines.slice(1, -1).map((l) => JSON.parse(l) as AuditRecord);
    await records().upsertMany(docs);
    expect(await log.verify()).toMatchObject({ ok: true, archives: 1 });
    await archiveBefore(log, new Date('2026-11-15T00:00:00.000Z'));
    expect(await records().countDocuments({ seq: { $lt: 4 } })).toBe(0);
    expect(await log.verify()).toMatchObject({ ok: true, archives: 1 });
  });
});
