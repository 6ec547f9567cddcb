/**
 * Reads a decoded export as CSV rows with their physical line numbers, through
 * csv-parse (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * Rows with too many or too few fields are kept and reported by the caller, so one
 * bad row does not hide the others.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportFileError } from './errors';

export interface CsvRow {
  /** Physical line the row starts on (1 = first line of the file). */
  line: number;
  fields: string[];
}

export interface CsvProgress {
  bytes: number;
  totalBytes: number;
}

const CHUNK_CHARS = 1 << 20;

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

function countNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; bytes: number };
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
  const totalBytes = Buffer.byteLength(text);
  const parser = Readable.from(chunks(text)).pipe(
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
      // info.lines is where the record ends; a quoted field may span lines.
      yield { line: info.lines - countNewlines(record), fields: record };
      onProgress?.({ bytes: info.bytes, totalBytes });
    }
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new ImportFileError(`${file}${e.lines ? `:${e.lines}` : ''}: not readable as CSV: ${e.message}`);
  }
  onProgress?.({ bytes: totalBytes, totalBytes });
}
