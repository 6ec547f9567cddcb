/**
 * What one audit record costs the gateway's process, and how much of it is the WAL fsync
 * that makes it durable before the answer leaves (BENCHMARKS.md, the targets):
 *
 *   npx tsx bench/audit-append.ts [--records 3000] [--rounds 3]
 *
 * Appends household-sized records (60 decisions about 5 people, as the dashboard query
 * makes) one at a time to an AuditLog on a file store opened as the gateway opens its
 * audit store (`wal-fsync`), and, interleaved in each round, to one whose `durable()` does
 * nothing: the second is not a mode the gateway has, only the comparison that isolates
 * the fsync. Prints CPU (user, system) and wall time per append for each, per round, as JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../gateway/audit/audit-log';
import type { AuditDecision, AuditRecordDraft } from '../gateway/audit/record';
import { EmbeddedStore } from '../shared/store';
import { arg } from './ipc';

const FIELDS = ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'];
const CLASSES = ['IDENTITY', 'HEALTH', 'CARE'];

function draft(i: number): AuditRecordDraft {
  const decisions: AuditDecision[] = [];
  for (let p = 0; p < 5; p++)
    for (const field of FIELDS)
      for (const cls of CLASSES)
        decisions.push({
          personId: `P-BENCH-${p}`,
          field,
          cls,
          subjectId: `P-BENCH-${p}`,
          decision: 'DISCLOSED' as const,
          basis: 'MEETING',
          consentId: `C-BENCH-${p}`,
          code: null,
          count: 1,
        });
  return {
    at: new Date().toISOString(),
    requestId: `bench-${i}-${Math.random().toString(36).slice(2)}`,
    staffId: 's-takikan-01',
    agencyId: 'takikan-shakyo',
    meetingId: 'M-BENCH',
    decisions,
  };
}

interface Figures {
  userUs: number;
  systemUs: number;
  wallUs: number;
}

async function measure(fsync: boolean, records: number): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-audit-append-'));
  const store = new EmbeddedStore({ dataDir: dir, durability: 'wal-fsync' });
  if (!fsync) store.durable = async () => {};
  try {
    const log = new AuditLog(store, { checkpoints: null, archiveDir: null });
    await log.init();
    for (let i = 0; i < 200; i++) await log.append(draft(i)); // warm-up
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let i = 0; i < records; i++) await log.append(draft(i));
    const wall = Number(process.hrtime.bigint() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const per = (us: number) => Math.round((us / records) * 10) / 10;
    return { userUs: per(used.user), systemUs: per(used.system), wallUs: per(wall) };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const records = Number(arg('records', '3000'));
  const rounds = Number(arg('rounds', '3'));
  const out: { round: number; fsync: Figures; withoutFsync: Figures }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const fsync = await measure(true, records);
    const withoutFsync = await measure(false, records);
    out.push({ round, fsync, withoutFsync });
    process.stderr.write(
      `round ${round}: with fsync ${fsync.userUs} + ${fsync.systemUs} µs CPU, without ${withoutFsync.userUs} + ${withoutFsync.systemUs} µs CPU per record\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ records, rounds: out }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
