/**
 * The import engine: one agency export into one silo's store, all or nothing.
 *
 * 1. decode (UTF-8 or CP932) and read the CSV, checking the header against the mapping;
 * 2. parse every row through the silo's fields, collecting every problem with its line;
 * 3. link: a row with a resident number (宛名番号) links by it (method NUMBER); a row
 *    without one keeps the link its record already has, or is matched against the
 *    resident registry: a single exact match (kana, birth date, address) links,
 *    anything less waits for a person to confirm (`npm run link`);
 * 4. compare with what the store holds (by native key) and write the new and changed
 *    records in one `upsertMany`, only if no row had a problem and it is not a dry run.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Store } from '../shared/store';
import type { LinkedNativeDoc, ResidentLink } from '../shared/silo/types';
import { LINK_INDEX } from '../shared/silo/types';
import type { SiloImport } from '../shared/import/definition';
import { RESIDENT_ID_FIELD } from '../shared/import/definition';
import type { Identity } from '../shared/import/definition';
import type { EncodingName, EncodingOption } from './encoding';
import { decodeExport } from './encoding';
import type { ImportIssue } from '../shared/import/errors';
import { FieldError, ImportFileError } from '../shared/import/errors';
import type { Mapping } from './mapping';
import { readCsv } from './csv';
import { ResidentIndex } from './residents';

/** Kept on a record that waits for a person to confirm who it is about. */
export interface PendingLink {
  identity: Identity;
  /** When the record first came in unlinked (or was unlinked). */
  since: string;
  /** Set when a person removed a wrong link: what it was, who removed it. */
  unlinked?: { link: ResidentLink; by: string };
}

/** A native document as the import writes it: linked, or waiting with `pendingLink`. */
export interface ImportedDoc extends LinkedNativeDoc {
  pendingLink?: PendingLink;
}

/** Who linked a record found by a single exact match, recorded in `link.linkedBy`. */
export const EXACT_MATCH_LINKER = 'import:exact-match';

export interface ImportProgress {
  phase: 'read' | 'load' | 'link' | 'compare' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** The export's path (read unless `bytes` is given) and the name used in messages. */
  file: string;
  bytes?: Buffer;
  mapping: Mapping;
  /** Default: the mapping's, else auto. */
  encoding?: EncodingOption;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Link a single exact match without a person (default true). */
  autoLink?: boolean;
  /** Recorded as `linkedBy` of links by number (default "import"). */
  by?: string;
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  file: string;
  silo: string;
  encoding: EncodingName | null;
  dryRun: boolean;
  /** True when the store was changed. */
  written: boolean;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  linkedByNumber: number;
  linkedByExactMatch: number;
  /** Rows without a number whose record was already linked (kept as it was). */
  keptLink: number;
  /** Records stored without a link, waiting for a person to confirm a candidate. */
  waiting: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

interface StagedRow {
  line: number;
  key: string;
  values: Record<string, unknown>;
  residentId: string | undefined;
  identity: Identity;
}

/** JSON with sorted keys, undefined dropped: equal for equal content whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function withoutLinks(doc: ImportedDoc): Record<string, unknown> {
  const { link: _link, pendingLink: _pending, ...rest } = doc;
  return rest;
}

/**
 * Same native content? A document this import wrote before has its keys in the same
 * order, so plain JSON decides at once; only a difference is checked again key-sorted
 * (a document written by other tooling may order its keys differently).
 */
function sameNativeContent(a: ImportedDoc, b: ImportedDoc): boolean {
  const x = withoutLinks(a);
  const y = withoutLinks(b);
  return JSON.stringify(x) === JSON.stringify(y) || canonical(x) === canonical(y);
}

const headerKey = (h: string) => h.normalize('NFKC').trim();

/** Rows between two turns of the event loop (timers, a progress bar's redraw). */
const YIELD_EVERY = 2_000;

export async function runImport(
  definition: SiloImport,
  siloStore: Store,
  jusoStore: Store,
  options: ImportOptions,
): Promise<ImportSummary> {
  const file = options.file;
  const name = path.basename(file);
  const now = (options.now ?? new Date()).toISOString();
  const by = options.by ?? 'import';
  const progress = options.onProgress ?? (() => undefined);
  const { mapping } = options;
  const summary: ImportSummary = {
    file,
    silo: definition.silo,
    encoding: null,
    dryRun: options.dryRun ?? false,
    written: false,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    linkedByNumber: 0,
    linkedByExactMatch: 0,
    keptLink: 0,
    waiting: 0,
    errors: [],
    warnings: [],
  };
  const errors = summary.errors;
  const fail = (line: number | null, message: string, column?: string) =>
    errors.push({ file: name, line, ...(column ? { column } : {}), message });
  const warn = (line: number | null, message: string) => summary.warnings.push({ file: name, line, message });

  // 1. Decode and read.
  let rows: StagedRow[];
  try {
    const bytes = options.bytes ?? (await fs.readFile(file));
    const decoded = decodeExport(bytes, options.encoding ?? mapping.encoding ?? 'auto', name);
    summary.encoding = decoded.encoding;
    rows = await readRows(definition, mapping, decoded.text, name, summary, fail, progress);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    errors.push(
      ...(error.issues.length ? error.issues : [{ file: name, line: null, message: error.message }]),
    );
    return summary;
  }

  // 2. One record per native key, one record per resident in this file.
  const keyLabel = definition.fields[definition.keyField]?.label ?? definition.keyField;
  const residentHeader = mapping.columns[RESIDENT_ID_FIELD] ?? RESIDENT_ID_FIELD;
  const firstLineOfKey = new Map<string, number>();
  const firstLineOfResident = new Map<string, number>();
  const unique: StagedRow[] = [];
  for (const row of rows) {
    const seenKey = firstLineOfKey.get(row.key);
    if (seenKey !== undefined) {
      fail(
        row.line,
        `${keyLabel} ${row.key} is also on line ${seenKey}`,
        mapping.columns[definition.keyField],
      );
      continue;
    }
    firstLineOfKey.set(row.key, row.line);
    if (row.residentId !== undefined) {
      const seenResident = firstLineOfResident.get(row.residentId);
      if (seenResident !== undefined) {
        fail(row.line, `resident ${row.residentId} is also on line ${seenResident}`, residentHeader);
        continue;
      }
      firstLineOfResident.set(row.residentId, row.line);
    }
    unique.push(row);
  }

  // 3. What the store holds, and who is who.
  progress({ phase: 'load', done: 0, total: 2 });
  const collection = siloStore.collection<ImportedDoc>(definition.collection);
  const existing = new Map<string, ImportedDoc>();
  /** resident id → native key of the record linked to them (stored, then this file's). */
  const claims = new Map<string, string>();
  for (const doc of await collection.find({})) {
    existing.set(doc._id, doc);
    if (doc.link) claims.set(doc.link.residentId, doc._id);
  }
  progress({ phase: 'load', done: 1, total: 2 });
  const registry = await ResidentIndex.load(jusoStore);
  progress({ phase: 'load', done: 2, total: 2 });
  if (registry.size === 0 && unique.length > 0)
    warn(null, 'the resident registry (juso people) is empty: no record can be linked');

  const links = new Map<StagedRow, ResidentLink>();
  const pending = new Map<StagedRow, PendingLink>();
  let done = 0;
  /** Reports progress and lets the event loop turn now and then, so a progress bar can draw. */
  const tick = async () => {
    done++;
    if (done % 1000 === 0 || done === unique.length) progress({ phase: 'link', done, total: unique.length });
    if (done % YIELD_EVERY === 0) await nextTurn();
  };

  // 3a. Rows that carry the resident number.
  for (const row of unique) {
    if (row.residentId === undefined) continue;
    await tick();
    const rid = row.residentId;
    const current = existing.get(row.key)?.link;
    if (!registry.has(rid)) {
      fail(row.line, `resident ${rid} is not in the resident registry`, residentHeader);
      continue;
    }
    const claimedBy = claims.get(rid);
    if (claimedBy !== undefined && claimedBy !== row.key) {
      fail(
        row.line,
        `resident ${rid} is already linked to ${definition.recordLabel} ${claimedBy}`,
        residentHeader,
      );
      continue;
    }
    if (current && current.residentId !== rid) {
      fail(
        row.line,
        `${keyLabel} ${row.key} is linked to ${current.residentId} (${current.method}, by ${current.linkedBy}); ` +
          `this row says ${rid}: unlink it first (npm run link -- ${definition.silo} --unlink ${row.key} --by <staff>)`,
        residentHeader,
      );
      continue;
    }
    const person = registry.person(rid);
    if (person && person.birthDate !== row.identity.birthDate)
      warn(
        row.line,
        `resident ${rid} (${person.name}) was born ${person.birthDate}, the row says ${row.identity.birthDate}`,
      );
    claims.set(rid, row.key);
    links.set(row, current ?? { residentId: rid, method: 'NUMBER', linkedAt: now, linkedBy: by });
    summary.linkedByNumber++;
  }

  // 3b. Rows without it: keep a link made before, else look for candidates.
  const matched: { row: StagedRow; exact: string | null }[] = [];
  const exactTargets = new Map<string, number>();
  for (const row of unique) {
    if (row.residentId !== undefined) continue;
    await tick();
    const current = existing.get(row.key)?.link;
    if (current) {
      links.set(row, current);
      summary.keptLink++;
      continue;
    }
    const { exact } = registry.match(row.identity, 0);
    const only = exact.length === 1 ? (exact[0]?.residentId ?? null) : null;
    if (only) exactTargets.set(only, (exactTargets.get(only) ?? 0) + 1);
    matched.push({ row, exact: only });
  }
  for (const { row, exact } of matched) {
    const claimedBy = exact === null ? undefined : claims.get(exact);
    if (
      exact !== null &&
      options.autoLink !== false &&
      claimedBy === undefined &&
      exactTargets.get(exact) === 1
    ) {
      claims.set(exact, row.key);
      links.set(row, {
        residentId: exact,
        method: 'CONFIRMED_CANDIDATE',
        linkedAt: now,
        linkedBy: EXACT_MATCH_LINKER,
      });
      summary.linkedByExactMatch++;
      continue;
    }
    if (exact !== null && claimedBy !== undefined)
      warn(
        row.line,
        `exact match ${exact} is already linked to ${definition.recordLabel} ${claimedBy}: waits for a person`,
      );
    else if (exact !== null && (exactTargets.get(exact) ?? 0) > 1)
      warn(row.line, `exact match ${exact} also matches another row of this file: waits for a person`);
    const before = existing.get(row.key)?.pendingLink;
    pending.set(row, { ...before, identity: row.identity, since: before?.since ?? now });
    summary.waiting++;
  }

  // 4. Build the documents and compare them with the stored ones.
  const mapped = new Set([...Object.keys(mapping.columns), ...Object.keys(mapping.defaults)]);
  const writes: ImportedDoc[] = [];
  let compared = 0;
  for (const row of unique) {
    compared++;
    if (compared % 1000 === 0 || compared === unique.length)
      progress({ phase: 'compare', done: compared, total: unique.length });
    if (compared % YIELD_EVERY === 0) await nextTurn();
    const link = links.get(row);
    const wait = pending.get(row);
    if (!link && !wait) continue; // the row failed above
    const before = existing.get(row.key) ?? null;
    let native: Record<string, unknown>;
    try {
      native = definition.toNative(row.values, before, mapped);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      fail(row.line, error.message);
      continue;
    }
    const doc: ImportedDoc = { ...native, _id: row.key, ...(link ? { link } : { pendingLink: wait }) };
    if (!before) {
      summary.inserted++;
      writes.push(doc);
    } else if (
      sameNativeContent(before, doc) &&
      canonical(before.link) === canonical(doc.link) &&
      canonical(before.pendingLink?.identity) === canonical(doc.pendingLink?.identity)
    ) {
      summary.unchanged++;
    } else {
      summary.updated++;
      writes.push(doc);
    }
  }

  if (errors.length) {
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return summary;
  }
  if (summary.dryRun) return summary;

  // 5. All or nothing: one upsertMany (one journal entry / one transaction).
  await collection.createIndexes([LINK_INDEX, ...definition.indexes]);
  if (writes.length) {
    progress({ phase: 'write', done: 0, total: writes.length });
    await collection.upsertMany(writes);
    summary.written = true;
    progress({ phase: 'write', done: writes.length, total: writes.length });
  }
  return summary;
}

async function readRows(
  definition: SiloImport,
  mapping: Mapping,
  text: string,
  name: string,
  summary: ImportSummary,
  fail: (line: number | null, message: string, column?: string) => void,
  progress: (p: ImportProgress) => void,
): Promise<StagedRow[]> {
  const rows: StagedRow[] = [];
  let header: string[] | null = null;
  let headerLine = 1;
  const columnOf = new Map<string, number>();
  let lastReport = 0;
  for await (const { line, fields } of readCsv(text, name, ({ bytes, totalBytes }) => {
    if (bytes - lastReport >= 1 << 20 || bytes === totalBytes) {
      lastReport = bytes;
      progress({ phase: 'read', done: bytes, total: totalBytes });
    }
  })) {
    if (!header) {
      header = fields.map(headerKey);
      headerLine = line;
      resolveColumns(mapping, header, name, line, columnOf);
      continue;
    }
    summary.rowsRead++;
    if (summary.rowsRead % YIELD_EVERY === 0) await nextTurn();
    if (fields.length !== header.length) {
      fail(line, `${fields.length} fields where the header (line ${headerLine}) has ${header.length}`);
      continue;
    }
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const [field, spec] of Object.entries(definition.fields)) {
      const column = columnOf.get(field);
      let raw = column === undefined ? '' : (fields[column] ?? '').trim();
      if (raw === '' && mapping.defaults[field] !== undefined) raw = mapping.defaults[field];
      const headerName = mapping.columns[field];
      if (raw === '') {
        if (spec.required) {
          fail(line, `${spec.label} is missing`, headerName);
          ok = false;
        }
        continue;
      }
      try {
        values[field] = spec.parse(raw, { codes: mapping.codes[field] });
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        fail(line, `${spec.label}: ${error.message}`, headerName);
        ok = false;
      }
    }
    if (!ok) continue;
    const residentColumn = columnOf.get(RESIDENT_ID_FIELD);
    const residentId =
      residentColumn === undefined ? '' : (fields[residentColumn] ?? '').normalize('NFKC').trim();
    let identity: Identity;
    try {
      identity = definition.identity(values);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      fail(line, error.message);
      continue;
    }
    rows.push({
      line,
      key: String(values[definition.keyField]),
      values,
      residentId: residentId === '' ? undefined : residentId,
      identity,
    });
  }
  if (!header) throw new ImportFileError(`${name}: the file is empty (no header line)`);
  return rows;
}

/** Maps each silo field to its column; every missing or ambiguous header is a file error. */
function resolveColumns(
  mapping: Mapping,
  header: string[],
  name: string,
  line: number,
  columnOf: Map<string, number>,
): void {
  const problems: ImportIssue[] = [];
  for (const [field, wanted] of Object.entries(mapping.columns)) {
    const key = headerKey(wanted);
    const at = header.flatMap((h, i) => (h === key ? [i] : []));
    if (at.length === 0)
      problems.push({ file: name, line, message: `no column "${wanted}" (for ${field}) in the header` });
    else if (at.length > 1)
      problems.push({
        file: name,
        line,
        message: `column "${wanted}" appears ${at.length} times in the header`,
      });
    else columnOf.set(field, at[0] as number);
  }
  if (problems.length) throw new ImportFileError(`${name}: the header does not match the mapping`, problems);
}
