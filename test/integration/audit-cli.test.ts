/**
 * `npm run audit` on a SQLite audit store on disk, as a town's operator runs it: person
 * (itself audited), verify, archive --before, and verify after a truncation.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AuditRecordDraft } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION, AuditLog } from '../../gateway/audit/audit-log';
import { checkpointConfigFromEnv } from '../../gateway/audit/checkpoint';
import { openStore } from '../../shared/store';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
  env = {
    ...process.env,
    DATA_DIR: dir,
    MONGODB_URI: '',
    LOG_LEVEL: 'silent',
    AUDIT_CHECKPOINT_FILE: path.join(dir, 'audit-checkpoints.jsonl'),
    AUDIT_ARCHIVE_DIR: path.join(dir, 'audit-archive'),
    AUDIT_OPERATOR: 'op-sato',
  };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await exec(TSX, ['scripts/audit.ts', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const draft = (i: number, at: string): AuditRecordDraft => ({
  at,
  requestId: `r${i}`,
  staffId: 's-takikan-01',
  agencyId: 'takikan-shakyo',
  meetingId: null,
  decisions: [
    {
      personId: 'P-1',
      field: 'KAIGO',
      cls: 'GENERAL',
      subjectId: null,
      decision: i % 2 ? 'DISCLOSED' : 'WITHHELD',
      basis: i % 2 ? 'CONSENT' : null,
      consentId: i % 2 ? 'P-1#1' : null,
      code: i % 2 ? null : 'CONSENT_REQUIRED',
      count: 1,
    },
  ],
});

async function withLog<T>(fn: (log: AuditLog) => Promise<T>): Promise<T> {
  const store = await openStore({ service: 'audit', env });
  const log = new AuditLog(store, {
    checkpoints: checkpointConfigFromEnv(env),
    archiveDir: env.AUDIT_ARCHIVE_DIR,
  });
  try {
    await log.init();
    return await fn(log);
  } finally {
    await log.close();
    await store.close();
  }
}

it('person, verify, archive, verify; then a truncation is found', async () => {
  await withLog(async (log) => {
    for (let i = 1; i <= 5; i++) await log.append(draft(i, `2026-01-0${i}T01:00:00.000Z`));
    for (let i = 6; i <= 8; i++) await log.append(draft(i, `2026-03-0${i - 5}T01:00:00.000Z`));
  });

  const person = await cli('person', 'P-1');
  expect(person.code).toBe(0);
  expect(person.stdout.trim().split('\n')).toHaveLength(8);
  // The read is in the log: field AUDIT, by the operator.
  const reads = await withLog(async (log) => (await log.byPerson('P-1')).filter((r) => r.field === 'AUDIT'));
  expect(reads).toEqual([
    expect.objectContaining({ staffId: 'op-sato', decision: 'DISCLOSED', basis: 'CLI_OPERATOR' }),
  ]);

  const verified = await cli('verify');
  expect(verified).toMatchObject({
    code: 0,
    stdout: expect.stringContaining('audit chain intact: 9 live records'),
  });

  const archived = await cli('archive', '--before', '2026-02-01');
  expect(archived).toMatchObject({ code: 0, stdout: expect.stringContaining('archived records 1–5 (5)') });
  const after = await cli('verify');
  expect(after).toMatchObject({ code: 0, stdout: expect.stringContaining('5 archived in 1 archive(s)') });

  // Someone deletes the newest records: the checkpoint written at the end of each run says otherwise.
  await withLog(async (log) => {
    await log.store.collection(AUDIT_COLLECTION).deleteMany({ seq: { $gt: 7 } });
  });
  // withLog's close() checkpointed the truncated head too; the earlier checkpoint still says 9.
  const broken = await cli('verify');
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain('BROKEN');
}, 120_000);
