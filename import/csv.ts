/**
 * Reads a decoded export as CSV rows with their physical line numbers, through
 * csv-parse (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * Rows with too many or too few fields are kept and reported by the caller, so one
 * bad row does not hide the others.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportFileError } from '../shared/import/errors';

export interface CsvRow {
  /** Physical line the row starts on (1 = first line of the file). */
  line: number;
  fields: string[];
}

export interface CsvProgress {
  bytes: number;
  totalBytes: number;
}

const CHUNK_BYTES = 1 << 20;

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function countNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/** Counts line feeds up to a byte offset, moving forward only (records come in order). */
class LineCounter {
  private offset = 0;
  private lines = 0;
  constructor(private readonly bytes: Buffer) {}

  /** Line feeds in bytes[0, end). */
  before(end: number): number {
    for (let i = this.bytes.indexOf(10, this.offset); i >= 0 && i < end; i = this.bytes.indexOf(10, i + 1)) {
      this.lines++;
      this.offset = i + 1;
    }
    return this.lines;
  }
}

/**
 * The line (1-based) the record with index `index` (0 = the header) starts on, blank
 * lines skipped as the parser skips them; the last record's start if there are fewer
 * (an unclosed quote runs to the end of the file). A small RFC 4180 scan: quotes open
 * at a field's start, `""` is a quote inside one.
 */
function recordStartLine(text: string, index: number): number {
  let line = 1;
  let i = 0;
  let start = 1;
  for (let n = 0; i < text.length; n++) {
    while (i < text.length && (text[i] === '\n' || text[i] === '\r')) if (text[i++] === '\n') line++;
    if (i >= text.length) break;
    start = line;
    if (n === index) return start;
    let quoted = false;
    let fieldStart = true;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') i++;
          else quoted = false;
        } else if (c === '\n') line++;
        continue;
      }
      if (c === '"' && fieldStart) quoted = true;
      else if (c === '\n') {
        line++;
        i++;
        break;
      }
      fieldStart = c === ',';
    }
  }
  return start;
}

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

/**
 * Yields every non-empty row, the header included (line 1 unless blank lines lead).
 * A broken quote makes the rest of the file unreadable: that is a file error.
 */
export async function* readCsv(
  text: string,
  file: string,
  onProgress?: (p: CsvProgress) => void,
): AsyncGenerator<CsvRow> {
  const bytes = Buffer.from(text, 'utf8');
  const totalBytes = bytes.length;
  const lines = new LineCounter(bytes);
  const parser = Readable.from(chunks(bytes)).pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Spreadsheets leave lines of bare commas after the data.
      skip_records_with_empty_values: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      // info.bytes ends after the record's line break (if any); csv-parse's own line
      // count is off for CRLF inside quoted fields, so lines are counted here.
      const end = info.bytes;
      const endLine = 1 + lines.before(end) - (bytes[end - 1] === 10 ? 1 : 0);
      yield { line: endLine - countNewlines(record), fields: record };
      onProgress?.({ bytes: end, totalBytes });
    }
  } catch (error) {
    const e = error as { message?: string; code?: string; records?: number };
    // e.records: how many records csv-parse completed (more than this loop may have seen);
    // the broken one is the next.
    const line = recordStartLine(text, e.records ?? 0);
    // csv-parse's own line number (e.lines) counts CRLF files' lines twice over (line 8
    // of a 5-line file); the line here is the one the broken row starts on, counted in
    // the file. The issue names the file once: formatIssue prefixes it.
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'not readable as CSV: a quoted field opened in the row starting on this line is never closed'
        : `not readable as CSV: ${(e.message ?? 'unreadable').replace(/\s*(at|on) line \d+/g, '')} (in the row starting on this line)`;
    const issue = { file, line, message };
    throw new ImportFileError(`${file}:${line}: ${message}`, [issue]);
  }
  onProgress?.({ bytes: totalBytes, totalBytes });
}
