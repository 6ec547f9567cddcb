/**
 * `npm run audit -- verify`: recomputes the audit log's hash chain.
 * `npm run audit -- person <id>`: who saw what about this person, when, and why.
 * Reads the gateway's audit store (embedded journal in DATA_DIR, or MongoDB).
 */
import { AuditLog } from '../gateway/audit/audit-log';
import { openStore } from '../shared/store';

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const store = await openStore({ service: 'audit' });
  const log = new AuditLog(store);
  try {
    if (command === 'verify') {
      const result = await log.verify();
      if (result.ok) console.log(`audit chain intact: ${result.entries} entries`);
      else {
        console.error(
          `audit chain BROKEN at entry ${result.brokenAt} of ${result.entries}: ${result.reason}`,
        );
        process.exitCode = 1;
      }
    } else if (command === 'person' && arg) {
      for (const e of await log.byPerson(arg)) {
        console.log(
          [
            e.at,
            e.staffId,
            e.agencyId,
            e.meetingId ?? '-',
            e.field,
            e.cls,
            e.decision,
            e.basis ?? e.code,
            e.consentId ?? '',
          ].join('\t'),
        );
      }
    } else {
      console.error('usage: npm run audit -- verify | person <resident id>');
      process.exitCode = 2;
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
