/**
 * The audit log from the command line (docs/AUDIT.md):
 *
 *   npm run audit -- verify                   archives + live log + signed checkpoints
 *   npm run audit -- person <id>              every decision about a person (itself audited)
 *   npm run audit -- archive --before <date>  move older records to a sealed archive
 *   npm run audit -- checkpoint               sign and append the head now
 *
 * Reads the gateway's audit store (DATA_DIR's embedded store, or MongoDB), the
 * checkpoint file and the archive folder configured as for the gateway.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../gateway/audit/audit-log';
import { archiveBefore } from '../gateway/audit/archive';
import { auditReadDraft } from '../gateway/audit/route';
import { openStore } from '../shared/store';
import { exitAfterOutput } from './output';

const USAGE =
  'usage: npm run audit -- verify | person <resident id> | archive --before <YYYY-MM-DD> | checkpoint';
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Who runs the CLI: AUDIT_OPERATOR, or the OS account. Recorded on every read. */
function operator(): string {
  return process.env.AUDIT_OPERATOR ?? `os:${os.userInfo().username}`;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const store = await openStore({ service: 'audit' });
  const log = new AuditLog(store);
  try {
    await log.init();
    if (command === 'verify') {
      const started = Date.now();
      const result = await log.verify({
        onProgress: (n) => process.stderr.write(`  … ${n} records\n`),
      });
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      const what =
        `${result.entries} live records, ${result.archived} archived in ${result.archives} archive(s), ` +
        `${result.checkpoints} signed checkpoint(s)`;
      for (const w of result.warnings) console.error(`warning: ${w}`);
      if (result.ok) {
        console.log(`audit chain intact: ${what}; head ${result.head.seq} ${result.head.hash} (${secs} s)`);
        if (result.unanchored) console.log(`${result.unanchored} record(s) after the last checkpoint`);
      } else {
        console.error(`audit chain BROKEN at record ${result.brokenAt}: ${result.reason} (${what})`);
        process.exitCode = 1;
      }
    } else if (command === 'person' && args[0] && ID.test(args[0])) {
      const personId = args[0];
      const rows = await log.byPerson(personId);
      // The read is recorded before anything is printed, as GET /audit does.
      await log.append(
        auditReadDraft({
          requestId: randomUUID(),
          staffId: operator(),
          agencyId: 'audit-cli',
          personId,
          basis: 'CLI_OPERATOR',
        }),
      );
      for (const e of rows) {
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
            e.count > 1 ? `×${e.count}` : '',
          ].join('\t'),
        );
      }
    } else if (command === 'archive' && args[0] === '--before' && args[1]) {
      const before = new Date(/^\d{4}-\d{2}-\d{2}$/.test(args[1]) ? `${args[1]}T00:00:00+09:00` : args[1]);
      if (Number.isNaN(before.getTime())) throw new Error(`not a date: ${args[1]}`);
      const result = await archiveBefore(log, before);
      if (!result.file) console.log(`nothing to archive before ${before.toISOString()}`);
      else console.log(`archived records ${result.from}–${result.to} (${result.count}) to ${result.file}`);
      await log.checkpoint('archive');
    } else if (command === 'checkpoint') {
      const head = await log.checkpoint('cli');
      console.log(
        head ? `checkpoint at ${head.seq} ${head.hash}` : 'no checkpoint (empty log, or no file/key)',
      );
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await log.close().catch(() => undefined);
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Not exit() at once: what was written still reaches a pipe (scripts/output.ts).
  void exitAfterOutput(1);
});
