/**
 * How long `verify` takes on a long chain (docs/AUDIT.md quotes it):
 *
 *   npx tsx scripts/audit-bench.ts [records=1000000] [folder]
 *
 * Writes the records straight into a new SQLite audit store in a temporary folder
 * (chained as the gateway chains them, each a household query of 20 decisions), then
 * times `verify` and reports the process's peak RSS: verify streams, so it stays flat.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT_COLLECTION, AuditLog } from '../gateway/audit/audit-log';
import type { AuditDecision, AuditRecord } from '../gateway/audit/record';
import { chainRecord, GENESIS } from '../gateway/audit/record';
import { openStore } from '../shared/store';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const dir = process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
  const env = { ...process.env, DATA_DIR: dir, MONGODB_URI: '' };
  const store = await openStore({ service: 'audit', env });
  const log = new AuditLog(store, { checkpoints: null, archiveDir: null });
  await log.init();
  const coll = store.collection<AuditRecord>(AUDIT_COLLECTION);
  let head = await log.readHead();
  if (head.seq === 0) {
    const started = Date.now();
    let prev = GENESIS;
    const batch: AuditRecord[] = [];
    for (let seq = 1; seq <= n; seq++) {
      const persons = [0, 1, 2, 3, 4].map((i) => `P-${String((seq * 5 + i) % 150_000).padStart(6, '0')}`);
      const decisions: AuditDecision[] = persons.flatMap((p) =>
        ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'].map((field) => ({
          personId: p,
          field,
          cls: 'GENERAL',
          subjectId: null,
          decision: 'DISCLOSED' as const,
          basis: 'CONSENT',
          consentId: `${p}#1`,
          code: null,
          count: 1,
        })),
      );
      const r = chainRecord(
        {
          at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
          requestId: `req-${seq}`,
          staffId: 's-takikan-01',
          agencyId: 'takikan-shakyo',
          meetingId: 'M-J1',
          decisions,
        },
        seq,
        prev,
      );
      prev = r.hash;
      batch.push(r);
      if (batch.length === 5_000 || seq === n) {
        await coll.insertMany(batch.splice(0));
        if (seq % 100_000 === 0) process.stderr.write(`  written ${seq}\n`);
      }
    }
    console.log(`wrote ${n} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    head = await log.readHead();
  }
  const size = fs
    .readdirSync(path.join(dir, 'audit'))
    .reduce((sum, f) => sum + fs.statSync(path.join(dir, 'audit', f)).size, 0);
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  let peak = rssBefore;
  const result = await log.verify({
    onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  const secs = (Date.now() - started) / 1000;
  console.log(
    JSON.stringify({
      records: head.seq,
      ok: result.ok,
      verifySeconds: Number(secs.toFixed(1)),
      recordsPerSecond: Math.round(head.seq / secs),
      storeBytes: size,
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      rssPeakMiB: Math.round(peak / 2 ** 20),
      dir,
    }),
  );
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
