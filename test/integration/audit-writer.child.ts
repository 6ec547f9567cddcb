/**
 * One gateway's audit writer, in a process of its own (test/integration/audit-writers.test.ts):
 * opens the audit store of DATA_DIR and appends `count` records, `concurrency` requests at
 * a time, as a gateway under load does, from the moment `startAt` (epoch ms). Prints its counters as one JSON line.
 */
import { AuditLog } from '../../gateway/audit/audit-log';
import { openStore } from '../../shared/store';

async function main(): Promise<void> {
  const [name = 'w', countArg = '200', concurrencyArg = '8', startAt = '0'] = process.argv.slice(2);
  const count = Number(countArg);
  const store = await openStore({ service: 'audit' });
  const log = new AuditLog(store, { checkpoints: null, archiveDir: null });
  await log.init();
  // Both writers start at the same moment, whatever their start-up took: they contend.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  let next = 0;
  let failed = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      try {
        await log.append({
          at: new Date().toISOString(),
          requestId: `${name}-${i}`,
          staffId: 's-takikan-01',
          agencyId: 'takikan-shakyo',
          meetingId: 'M-J1',
          decisions: [
            {
              personId: `P-${i % 50}`,
              field: 'KAIGO',
              cls: 'GENERAL',
              subjectId: null,
              decision: 'DISCLOSED',
              basis: 'CONSENT',
              consentId: `P-${i % 50}#1`,
              code: null,
              count: 1,
            },
          ],
        });
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
  console.log(JSON.stringify({ name, failed, ...log.stats }));
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
