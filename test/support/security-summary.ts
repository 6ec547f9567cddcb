/**
 * Counts what the security suites tried: each attack (and whether anything leaked)
 * and each fault (and whether the system held). The reporter in
 * test/support/security-reporter.js prints the totals at the end of `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SUMMARY_FILE = path.resolve(__dirname, '../artifacts/security-summary.jsonl');

function append(entry: object): void {
  fs.mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
  fs.appendFileSync(SUMMARY_FILE, JSON.stringify(entry) + '\n');
}

/** Records an attack; `leaked` is true when it obtained data or changed state. */
export function recordAttack(name: string, leaked: boolean): void {
  append({ kind: 'attack', name, leaked });
}

export function recordFault(name: string, survived: boolean): void {
  append({ kind: 'fault', name, survived });
}
