/**
 * The 重層 schema's `enum WelfareField` is the silo list's fields: schema.graphql holds
 * the built-in silos' (written by `npm run silos`, checked in CI), and a graph with a
 * silo declared elsewhere (a test's, a town's own) serves the enum with its field added.
 */
import fs from 'node:fs';
import { subgraphSdl } from './load';
import { SILO_LIST } from '../silos.generated';
import type { WelfareField } from '../domain';

export interface FieldEntry {
  field: WelfareField;
  label: string;
}

export const BUILT_IN_FIELDS: readonly FieldEntry[] = SILO_LIST.map((s) => ({
  field: s.field,
  label: s.label,
}));

const ENUM = /enum WelfareField \{[^}]*\}/;

export function welfareFieldEnum(fields: readonly FieldEntry[]): string {
  return `enum WelfareField {\n${fields.map((f) => `  ${JSON.stringify(f.label)}\n  ${f.field}`).join('\n')}\n}`;
}

/** The schema text with its WelfareField enum listing exactly these fields. */
export function withWelfareFields(schema: string, fields: readonly FieldEntry[]): string {
  if (!ENUM.test(schema)) throw new Error('the 重層 schema has no enum WelfareField');
  return schema.replace(ENUM, welfareFieldEnum(fields));
}

/** The enum as schema.graphql has it, for the check that it agrees with the silo list. */
export function welfareFieldEnumIn(schemaFile: string): string {
  return ENUM.exec(fs.readFileSync(schemaFile, 'utf8'))?.[0] ?? '';
}

/** The 重層 subgraph's full SDL for a graph whose silos serve these fields. */
export function jusoSdl(schemaFile: string, fields: readonly FieldEntry[] = BUILT_IN_FIELDS): string {
  return withWelfareFields(subgraphSdl(schemaFile), fields);
}
