/**
 * Reads the embedded store's old format, an append-only journal (`journal.jsonl`: one
 * JSON entry per line, each fsynced before the write was acknowledged), so that a data
 * folder from before SQLite is migrated instead of ignored. Streamed line by line: a
 * journal of years of history is never held in memory at once.
 */
import fs from 'node:fs';
import type { StoredDoc } from './types';

export const JOURNAL_FILE = 'journal.jsonl';
export const MIGRATED_SUFFIX = '.migrated';

export type JournalEntry = { c: string; put: StoredDoc[] } | { c: string; del: string[] } | { drop: true };

export class JournalCorruptError extends Error {
  constructor(file: string, line: number, why: string) {
    super(
      `embedded store: ${file} is corrupt at line ${line} (${why}); nothing was migrated. ` +
        `Restore the folder from a backup, or cut the journal before that line if you accept losing ` +
        `the writes after it, and start again.`,
    );
    this.name = 'JournalCorruptError';
  }
}

/** Lines of a file, read in 1 MiB chunks; a line may span chunks (UTF-8 is split only at \n). */
function* lines(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let carry: Buffer[] = [];
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const data = chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        carry.push(data.subarray(start, nl));
        yield Buffer.concat(carry).toString('utf8');
        carry = [];
        start = nl + 1;
      }
      if (start < n) carry.push(Buffer.from(data.subarray(start)));
    }
    if (carry.length) yield Buffer.concat(carry).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function isEntry(value: unknown): value is JournalEntry {
  if (value === null || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  if (e.drop === true) return true;
  if (typeof e.c !== 'string') return false;
  if (Array.isArray(e.put)) return e.put.every((d) => d !== null && typeof d === 'object' && '_id' in d);
  return Array.isArray(e.del) && e.del.every((id) => typeof id === 'string');
}

export interface JournalSummary {
  entries: number;
  /** The last line could not be parsed: a crash mid-append, a write never acknowledged. */
  tornLastLine: boolean;
}

/**
 * Calls `apply` for each entry in order. Only the last line may be unreadable (skipped
 * and reported, as the old replay did); any other bad line throws before the caller
 * commits, so a corrupt journal migrates nothing rather than part of itself.
 */
export function replayJournal(file: string, apply: (entry: JournalEntry) => void): JournalSummary {
  let entries = 0;
  let lineNo = 0;
  let pending: { text: string; line: number } | null = null;
  const parse = (text: string, line: number, last: boolean): boolean => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (last) return false;
      throw new JournalCorruptError(file, line, 'not JSON');
    }
    if (!isEntry(value)) throw new JournalCorruptError(file, line, 'not a journal entry');
    apply(value);
    entries++;
    return true;
  };
  for (const text of lines(file)) {
    lineNo++;
    if (!text.trim()) continue;
    // One line of look-ahead: a line is known not to be the last once another follows.
    if (pending) parse(pending.text, pending.line, false);
    pending = { text, line: lineNo };
  }
  const tornLastLine = pending ? !parse(pending.text, pending.line, true) : false;
  return { entries, tornLastLine };
}
