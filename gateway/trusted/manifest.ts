/**
 * The trusted operations: the documents a production gateway runs, by the SHA-256 of
 * their exact text (hex, as Apollo Server's `queryHash` and Apollo's persisted-query
 * extension compute it). Two sources, merged at start:
 *
 * - the dashboard's own operations (dashboard/operations/*.graphql), imported from the
 *   module codegen writes of them (dashboard/generated/graphql.ts), which is the module
 *   the page takes its documents from — so a change to a dashboard query can never be
 *   forgotten in the manifest (and `npm run codegen:check` fails on a stale module);
 * - the operations integrators register with `npm run trusted -- add <file.graphql>`,
 *   kept in gateway/trusted/operations.json (TRUSTED_OPERATIONS_FILE elsewhere).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { DASHBOARD_DOCUMENTS } from '../../dashboard/generated/graphql';

export const DEFAULT_OPERATIONS_FILE = path.join(__dirname, 'operations.json');

export type TrustedSource = 'dashboard' | 'registered';

export interface TrustedOperation {
  /** sha256 of the document's exact text, lowercase hex. */
  hash: string;
  /** The operation's name (the label it has in metrics and traces). */
  name: string;
  document: string;
  source: TrustedSource;
}

/** The registered operations' file, as `npm run trusted -- add` writes it. */
export interface OperationsFile {
  operations: { hash: string; name: string; document: string; addedAt?: string }[];
}

export class ManifestError extends Error {}

export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/**
 * The name of a document's one operation; a ManifestError for a document that does not
 * parse, has no operation, several, or an anonymous one (a name is what an operator
 * reads in metrics and traces).
 */
export function operationName(document: string, what = 'the document'): string {
  let ops;
  try {
    ops = parse(document).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch (error) {
    throw new ManifestError(`${what} is not GraphQL: ${(error as Error).message}`);
  }
  if (ops.length !== 1)
    throw new ManifestError(`${what} must hold exactly one operation (it has ${ops.length})`);
  const name = ops[0]?.name?.value;
  if (!name) throw new ManifestError(`${what}: the operation needs a name`);
  return name;
}

/** Every operation the dashboard sends (by name, as the generated module lists them). */
export function dashboardOperations(
  documents: Readonly<Record<string, string>> = DASHBOARD_DOCUMENTS,
): TrustedOperation[] {
  return Object.entries(documents).map(([name, document]) => {
    const what = `dashboard document ${name}`;
    if (operationName(document, what) !== name)
      throw new ManifestError(`${what}: its operation is named otherwise`);
    return { hash: documentHash(document), name, document, source: 'dashboard' };
  });
}

export function readOperationsFile(file: string): OperationsFile {
  if (!fs.existsSync(file)) return { operations: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${file}: not JSON (${(error as Error).message})`);
  }
  const operations = (parsed as Partial<OperationsFile> | null)?.operations;
  if (!Array.isArray(operations)) throw new ManifestError(`${file}: no "operations" list`);
  return { operations };
}

/** The registered operations, each checked: its hash is its document's, its name the document's. */
export function registeredOperations(file: string): TrustedOperation[] {
  return readOperationsFile(file).operations.map((op, i) => {
    const what = `${path.basename(file)} entry ${i + 1}`;
    if (!op || typeof op.document !== 'string' || typeof op.hash !== 'string')
      throw new ManifestError(`${what}: needs "hash" and "document"`);
    if (documentHash(op.document) !== op.hash)
      throw new ManifestError(`${what}: its hash is not the sha256 of its document`);
    return {
      hash: op.hash,
      name: operationName(op.document, what),
      document: op.document,
      source: 'registered',
    };
  });
}

export class TrustedManifest {
  private readonly byHash = new Map<string, TrustedOperation>();

  constructor(operations: readonly TrustedOperation[]) {
    for (const op of operations) if (!this.byHash.has(op.hash)) this.byHash.set(op.hash, op);
  }

  has(hash: string | undefined): boolean {
    return hash !== undefined && this.byHash.has(hash);
  }

  get(hash: string): TrustedOperation | undefined {
    return this.byHash.get(hash);
  }

  get size(): number {
    return this.byHash.size;
  }

  operations(): TrustedOperation[] {
    return [...this.byHash.values()];
  }

  names(): Set<string> {
    return new Set(this.operations().map((o) => o.name));
  }
}

export function operationsFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRUSTED_OPERATIONS_FILE ? path.resolve(env.TRUSTED_OPERATIONS_FILE) : DEFAULT_OPERATIONS_FILE;
}

/** The dashboard's operations and the registered ones, as the gateway loads them at start. */
export function loadTrustedManifest(file = operationsFileFromEnv()): TrustedManifest {
  return new TrustedManifest([...dashboardOperations(), ...registeredOperations(file)]);
}
