/**
 * A GraphQL Code Generator plugin of our own (codegen.ts loads it by name): writes each
 * operation of dashboard/operations/ as a TypeScript string constant holding the exact
 * text the dashboard sends — the operation's .graphql file followed by the file of each
 * fragment it uses. The browser bundle, the gateway (the trusted manifest, the CSV
 * route), the tests and the benchmark import those strings, so nothing needs a .graphql
 * loader and no copy of a document can drift from the one the manifest trusts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import type { DocumentNode } from 'graphql';
import { Kind, parse, visit } from 'graphql';

export const PLUGIN_NAME = 'dashboard-documents';

/** One .graphql file: where it is and its text. */
export interface OperationFile {
  location: string;
  text: string;
}

/** An operation as it is sent: its name and its whole document. */
export interface SentDocument {
  name: string;
  /** query, mutation or subscription. */
  operation: string;
  /** The files it is made of, operation first (as given: relative paths stay relative). */
  files: string[];
  text: string;
}

function spreadsIn(node: Parameters<typeof visit>[0]): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (s) => void names.push(s.name.value) });
  return names;
}

/**
 * The documents the operation files make. A file holds one operation (and may define
 * fragments of its own) or exactly one fragment, so appending a fragment's file adds
 * that fragment and nothing unused. The result is sorted by operation name.
 */
export function sentDocuments(files: readonly OperationFile[]): SentDocument[] {
  const parsed = files.map((f) => ({ ...f, doc: parse(f.text) as DocumentNode }));
  const fragmentFile = new Map<string, (typeof parsed)[number]>();
  const spreads = new Map<string, string[]>();
  const operations: { name: string; operation: string; file: (typeof parsed)[number] }[] = [];
  for (const f of parsed) {
    const ops = f.doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const fragments = f.doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    for (const d of fragments) spreads.set(d.name.value, spreadsIn(d));
    if (ops.length > 1) throw new Error(`${f.location}: one operation a file (it has ${ops.length})`);
    const op = ops[0];
    if (op) {
      if (!op.name) throw new Error(`${f.location}: the operation needs a name`);
      operations.push({ name: op.name.value, operation: op.operation, file: f });
      continue;
    }
    if (fragments.length !== 1)
      throw new Error(
        `${f.location}: a fragment file holds exactly one fragment (it has ${fragments.length})`,
      );
    const name = fragments[0]!.name.value;
    if (fragmentFile.has(name)) throw new Error(`${f.location}: fragment ${name} is defined twice`);
    fragmentFile.set(name, f);
  }
  return operations
    .map(({ name, operation, file }) => {
      const own = new Set(
        file.doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
      );
      const used: (typeof parsed)[number][] = [];
      const seen = new Set<string>();
      const follow = (fragment: string) => {
        if (seen.has(fragment)) return;
        seen.add(fragment);
        if (!own.has(fragment)) {
          const f = fragmentFile.get(fragment);
          if (!f) throw new Error(`${file.location}: fragment ${fragment} is not defined`);
          used.push(f);
        }
        for (const next of spreads.get(fragment) ?? []) follow(next);
      };
      for (const fragment of spreadsIn(file.doc)) follow(fragment);
      const parts = [file, ...used];
      return {
        name,
        operation,
        files: parts.map((p) => p.location),
        text: parts.map((p) => p.text).join('\n'),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The .graphql files below a folder, with their text (what codegen's `documents` reads). */
export function readOperationFiles(dir: string): OperationFile[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ location: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** The text as a template literal (backslashes, backticks and `${` escaped). */
function literal(text: string): string {
  return '`' + text.replace(/[\\`]/g, (c) => '\\' + c).replace(/\$\{/g, '\\${') + '`';
}

/** typescript-operations' names for an operation's result and variables types. */
function typeNames(d: SentDocument): [string, string] {
  const result = d.name + d.operation[0]!.toUpperCase() + d.operation.slice(1);
  return [result, `${result}Variables`];
}

// The brand (never there at run time) keeps a plain string from passing for a document.
const DOCUMENT_TYPE =
  '/** A document as sent: its text, carrying its result and variables types for the compiler. */\n' +
  'export type DashboardDocument<TResult, TVariables> = string & {\n' +
  "  readonly ' generated': true;\n  readonly ' result'?: TResult;\n  readonly ' variables'?: TVariables;\n};\n";

/** The TypeScript the plugin writes: one constant a document, then all of them by name. */
export function documentsModule(documents: readonly SentDocument[], root = process.cwd()): string {
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const constants = documents.map((d) => {
    const [result, variables] = typeNames(d);
    return (
      `/** ${d.name}: ${d.files.map(rel).join(' + ')} */\n` +
      `export const ${d.name}Document = ${literal(d.text)} as DashboardDocument<${result}, ${variables}>;\n`
    );
  });
  const byName = documents.map((d) => `  ${d.name}: ${d.name}Document,\n`).join('');
  return (
    `\n// The documents as sent (scripts/codegen-documents.ts).\n\n${DOCUMENT_TYPE}\n${constants.join('\n')}\n` +
    `/** Every operation the dashboard sends, by name: the trusted manifest holds each of them. */\n` +
    `export const DASHBOARD_DOCUMENTS = {\n${byName}} as const;\n`
  );
}

export const documentsPlugin: CodegenPlugin = {
  plugin: (_schema, documents) =>
    documentsModule(
      sentDocuments(
        documents.map((d) => {
          if (!d.location) throw new Error('a document without a file');
          return { location: d.location, text: fs.readFileSync(d.location, 'utf8') };
        }),
      ),
    ),
};
