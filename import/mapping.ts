/**
 * The mapping file: how one agency's export speaks to its silo. It names, for each
 * silo field, the header of the agency's CSV column that feeds it, translates the
 * agency's own codes to the native ones, and gives constants for fields the export
 * lacks. See docs/IMPORT.md and `subgraphs/<silo>/import/mapping.example.json`.
 */
import fs from 'node:fs/promises';
import type { SiloImport } from '../shared/import/definition';
import { RESIDENT_ID_FIELD } from '../shared/import/definition';
import type { EncodingOption } from './encoding';
import { isEncodingOption } from './encoding';
import type { ImportIssue } from '../shared/import/errors';
import { FieldError, ImportFileError } from '../shared/import/errors';

export interface Mapping {
  silo: string;
  description?: string;
  /** The encoding to assume when the command does not say; default auto. */
  encoding?: EncodingOption;
  /** Silo field → header of the agency's CSV column. */
  columns: Record<string, string>;
  /** Silo field → (agency value → native code). */
  codes: Record<string, Record<string, string>>;
  /** Silo field → value used when the column is absent or the cell empty. */
  defaults: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stringRecord(v: unknown, where: string, problems: string[]): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) {
    problems.push(`${where} must be an object`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (typeof value !== 'string') problems.push(`${where}.${k} must be a string`);
    else out[k] = value;
  }
  return out;
}

/** Checks a parsed mapping against the silo's fields; lists every problem at once. */
export function parseMapping(json: unknown, definition: SiloImport, file = 'mapping'): Mapping {
  const problems: string[] = [];
  if (!isObject(json)) throw new ImportFileError(`${file}: a mapping is a JSON object`);
  if (json.silo !== definition.silo)
    problems.push(`"silo" is ${JSON.stringify(json.silo)}, but this import is for ${definition.silo}`);
  const encoding = json.encoding;
  if (encoding !== undefined && (typeof encoding !== 'string' || !isEncodingOption(encoding)))
    problems.push(`"encoding" must be auto, utf8 or cp932`);
  const columns = stringRecord(json.columns, 'columns', problems);
  const defaults = stringRecord(json.defaults, 'defaults', problems);
  const codes: Record<string, Record<string, string>> = {};
  if (json.codes !== undefined && !isObject(json.codes)) problems.push('codes must be an object');
  for (const [field, table] of Object.entries(isObject(json.codes) ? json.codes : {})) {
    if (field.startsWith('$')) continue;
    codes[field] = stringRecord(table, `codes.${field}`, problems);
  }

  const known = (field: string) => field === RESIDENT_ID_FIELD || Object.hasOwn(definition.fields, field);
  const fieldList = Object.keys(definition.fields).join(', ');
  for (const field of Object.keys(columns))
    if (!known(field))
      problems.push(`columns: unknown field "${field}" (fields: ${RESIDENT_ID_FIELD}, ${fieldList})`);
  for (const [field, value] of Object.entries(defaults)) {
    const spec = definition.fields[field];
    if (!spec) {
      problems.push(`defaults: unknown field "${field}"`);
      continue;
    }
    try {
      spec.parse(value, { codes: codes[field] });
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push(`defaults.${field}: ${error.message}`);
    }
  }
  for (const [field, table] of Object.entries(codes)) {
    const spec = definition.fields[field];
    if (!spec || !['code', 'flag', 'list'].includes(spec.kind)) {
      problems.push(`codes: "${field}" is not a code, flag or list field`);
      continue;
    }
    if (spec.kind === 'code' && spec.codes)
      for (const [agencyValue, native] of Object.entries(table))
        if (!Object.hasOwn(spec.codes, native))
          problems.push(
            `codes.${field}: "${agencyValue}" maps to "${native}", not a native ${spec.label} (${Object.keys(spec.codes).join(', ')})`,
          );
  }
  if (!columns[definition.keyField])
    problems.push(
      `columns must name the column of ${definition.keyField} (${definition.fields[definition.keyField]?.label})`,
    );
  for (const [field, spec] of Object.entries(definition.fields))
    if (spec.required && !columns[field] && defaults[field] === undefined)
      problems.push(
        `${field} (${spec.label}) is required: give its column in "columns" or a value in "defaults"`,
      );

  if (problems.length) {
    const issues: ImportIssue[] = problems.map((message) => ({ file, line: null, message }));
    throw new ImportFileError(`${file}: the mapping has ${problems.length} problem(s)`, issues);
  }
  return {
    silo: definition.silo,
    description: typeof json.description === 'string' ? json.description : undefined,
    encoding: encoding as EncodingOption | undefined,
    columns,
    codes,
    defaults,
  };
}

export async function loadMapping(file: string, definition: SiloImport): Promise<Mapping> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportFileError(`${file}: cannot read the mapping: ${(error as Error).message}`);
  }
  return parseMapping(json, definition, file);
}
