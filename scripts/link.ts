/**
 * Identity linking after an import (see docs/IMPORT.md):
 *
 *   npm run link -- <silo> --list [--limit N] [--json]
 *       records waiting for a person, each with its ranked candidates and scores
 *   npm run link -- <silo> --confirm <nativeId> <residentId> --by <staff id>
 *       links the record to the resident (method CONFIRMED_CANDIDATE)
 *   npm run link -- <silo> --unlink <nativeId> --by <staff id>
 *       removes a wrong link; the record leaves the graph and waits again
 */
import { parseArgs } from 'node:util';
import type { PendingRecord } from '../import';
import { confirmLink, LinkError, listPending, unlink } from '../import';
import { openStores, siloImport, UsageError } from './import';
import { quietOnClosedPipe, writeOut } from './output';

quietOnClosedPipe();

const USAGE = [
  'usage: npm run link -- <silo> --list [--limit N] [--json]',
  '       npm run link -- <silo> --confirm <nativeId> <residentId> --by <staff id>',
  '       npm run link -- <silo> --unlink <nativeId> --by <staff id>',
].join('\n');

const pct = (n: number | null) => (n === null ? '—' : n.toFixed(2));

function pendingText(recordLabel: string, pending: PendingRecord[]): string {
  if (pending.length === 0) return 'no record is waiting for a link\n';
  const out: string[] = [];
  for (const p of pending) {
    const id = p.identity;
    out.push(
      `${recordLabel} ${p.nativeId}  ${id.name ?? ''}  ${id.kana}  ${id.birthDate}  ${id.address ?? ''}` +
        (p.since ? `  (waiting since ${p.since.slice(0, 10)})` : ''),
    );
    if (p.candidates.length === 0)
      out.push('    no candidate: find the resident in the registry and confirm by id');
    p.candidates.forEach((c, i) => {
      const taken = c.linkedTo ? `  [already linked to ${c.linkedTo}]` : '';
      out.push(
        `    ${i + 1}. ${c.residentId}  ${c.name}  ${c.kana}  ${c.birthDate}  ${c.address ?? '(住所非表示)'}` +
          `  score ${pct(c.score)} (kana ${pct(c.parts.kana)}, birth ${pct(c.parts.birthDate)}, address ${pct(c.parts.address)})${taken}`,
      );
    });
  }
  out.push(`${pending.length} record(s) waiting`);
  return out.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      list: { type: 'boolean', default: false },
      confirm: { type: 'boolean', default: false },
      unlink: { type: 'boolean', default: false },
      by: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [siloName, ...ids] = positionals;
  const definition = siloImport(siloName);
  if (Number(values.list) + Number(values.confirm) + Number(values.unlink) !== 1)
    throw new UsageError('say one of --list, --confirm or --unlink');
  const stores = await openStores(definition.silo);
  try {
    if (values.list) {
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
        throw new UsageError('--limit must be a positive whole number');
      const pending = await listPending(definition, stores.silo, stores.juso, { limit });
      // One awaited write: all of it reaches a pipe (it stopped at 65,536 bytes with exit()).
      await writeOut(
        values.json ? JSON.stringify(pending, null, 2) + '\n' : pendingText(definition.recordLabel, pending),
      );
      return 0;
    }
    if (!values.by) throw new UsageError('--by <staff id> is required: a link records who made it');
    if (values.confirm) {
      const [nativeId, residentId] = ids;
      if (!nativeId || !residentId || ids.length !== 2)
        throw new UsageError('--confirm takes <nativeId> <residentId>');
      const { link, candidate } = await confirmLink(
        definition,
        stores.silo,
        stores.juso,
        nativeId,
        residentId,
        values.by,
      );
      console.log(
        `${definition.recordLabel} ${nativeId} linked to ${link.residentId} (${candidate.name}) by ${link.linkedBy}, ` +
          `method ${link.method}, score ${pct(candidate.score)}`,
      );
      if (candidate.score < 0.6)
        console.error(
          `warning: ${residentId} scores ${pct(candidate.score)} against the record; check it is the same person`,
        );
      return 0;
    }
    const [nativeId] = ids;
    if (!nativeId || ids.length !== 1) throw new UsageError('--unlink takes <nativeId>');
    const was = await unlink(definition, stores.silo, nativeId, values.by);
    console.log(
      `${definition.recordLabel} ${nativeId} unlinked from ${was.residentId}; it waits for a person again`,
    );
    return 0;
  } finally {
    await stores.close();
  }
}

main(process.argv.slice(2))
  // exitCode, not exit(): the process ends once its output has drained into the pipe.
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    if (error instanceof LinkError) console.error(error.message);
    else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      console.error(`${(error as Error).message}\n${USAGE}`);
    else console.error(error);
    process.exitCode = error instanceof LinkError ? 1 : 2;
  });
