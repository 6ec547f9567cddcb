/**
 * The gateway's trusted operations (docs/OPERATIONS.md):
 *
 *   npm run trusted -- add <file.graphql> [...]   register documents (gateway/trusted/operations.json)
 *   npm run trusted -- list [--json]              every trusted operation: the dashboard's and the registered
 *   npm run trusted -- remove <hash or name>      unregister one
 *
 * A document is trusted by the sha256 of its exact text: the client must send the file's
 * contents byte for byte (or only the hash, as Apollo's persisted-query extension does).
 * TRUSTED_OPERATIONS_FILE names another manifest file. The gateway reads the file at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OperationsFile } from '../gateway/trusted/manifest';
import {
  dashboardOperations,
  documentHash,
  loadTrustedManifest,
  ManifestError,
  operationName,
  operationsFileFromEnv,
  readOperationsFile,
  registeredOperations,
} from '../gateway/trusted/manifest';
import { quietOnClosedPipe, writeOut } from './output';

quietOnClosedPipe();

const USAGE = [
  'usage: npm run trusted -- add <file.graphql> [...]',
  '       npm run trusted -- list [--json]',
  '       npm run trusted -- remove <hash or name>',
].join('\n');

class UsageError extends Error {}

function save(file: string, manifest: OperationsFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a temporary file, then renamed: a gateway starting meanwhile reads the old or the new.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function add(file: string, documents: string[]): string[] {
  if (documents.length === 0) throw new UsageError('add: which .graphql file?');
  const manifest = readOperationsFile(file);
  registeredOperations(file); // the file as it is must be sound before it grows
  const taken = new Map(
    [...dashboardOperations(), ...registeredOperations(file)].map((o) => [o.name, o.hash]),
  );
  const out: string[] = [];
  for (const doc of documents) {
    const document = fs.readFileSync(doc, 'utf8');
    const name = operationName(document, doc);
    const hash = documentHash(document);
    const holder = taken.get(name);
    if (holder === hash) {
      out.push(`already trusted: ${name} ${hash}`);
      continue;
    }
    // One name, one document: names are what metrics and traces show.
    if (holder)
      throw new ManifestError(`${doc}: an operation named ${name} is already trusted (${holder}); rename it`);
    manifest.operations.push({ hash, name, document, addedAt: new Date().toISOString() });
    taken.set(name, hash);
    out.push(`trusted: ${name} ${hash}`);
  }
  save(file, manifest);
  out.push(`${file}: restart the gateway to use it`);
  return out;
}

function remove(file: string, key: string | undefined): string[] {
  if (!key) throw new UsageError('remove: which hash or name?');
  const manifest = readOperationsFile(file);
  const kept = manifest.operations.filter((o) => o.hash !== key && o.name !== key);
  if (kept.length === manifest.operations.length) throw new ManifestError(`no registered operation ${key}`);
  save(file, { operations: kept });
  return [`removed ${manifest.operations.length - kept.length} operation(s): restart the gateway`];
}

function list(file: string, json: boolean): string {
  const ops = loadTrustedManifest(file).operations();
  if (json)
    return (
      JSON.stringify(
        ops.map(({ hash, name, source, document }) => ({ hash, name, source, document })),
        null,
        2,
      ) + '\n'
    );
  return ops.map((o) => `${o.hash}  ${o.source.padEnd(10)}  ${o.name}`).join('\n') + '\n';
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const file = operationsFileFromEnv();
  if (command === 'add') await writeOut(add(file, rest).join('\n') + '\n');
  else if (command === 'remove') await writeOut(remove(file, rest[0]).join('\n') + '\n');
  else if (command === 'list') await writeOut(list(file, rest.includes('--json')));
  else throw new UsageError(command ? `unknown command ${command}` : 'which command?');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  // exitCode, not exit(): whatever is still being written reaches the pipe.
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
