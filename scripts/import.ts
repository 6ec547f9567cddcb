/**
 * `npm run import -- <silo> <file.csv> --mapping <mapping.json> [--encoding auto|utf8|cp932]
 *  [--dry-run] [--no-auto-link] [--by <staff id>] [--json] [--quiet]`
 *
 * Imports an agency's CSV export into its silo's store (the embedded journal in
 * DATA_DIR/<silo>/, default .data/, or MongoDB when MONGODB_URI is set), all or
 * nothing: a file with any bad row changes nothing and every bad row is listed with
 * its line. Progress goes to stderr, the summary to stdout. See docs/IMPORT.md.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { SiloService } from '../shared/domain';
import type { ImportProgress, ImportSummary, SiloImport } from '../import';
import { formatIssue, ImportFileError, isEncodingOption, loadMapping, runImport } from '../import';
import { openStore } from '../shared/store';
import type { Store } from '../shared/store';
import { ALL_SILOS } from '../subgraphs/silos';
import { quietOnClosedPipe, writeErr, writeOut } from './output';

/** Each silo's import, from its declaration (subgraphs/<silo>/silo.ts); a silo without one has none. */
export const SILO_IMPORTS: Readonly<Record<string, SiloImport>> = Object.fromEntries(
  ALL_SILOS.flatMap((s) => (s.import ? [[s.service, s.import]] : [])),
);

export function siloImport(name: string | undefined): SiloImport {
  const found = name === undefined ? undefined : SILO_IMPORTS[name];
  if (!found) throw new UsageError(`first argument: a silo (${Object.keys(SILO_IMPORTS).join(', ')})`);
  return found;
}

export class UsageError extends Error {}

/** The silo's store and the resident registry's (juso), opened as the services open them. */
export async function openStores(
  silo: SiloService,
): Promise<{ silo: Store; juso: Store; close(): Promise<void> }> {
  const siloStore = await openStore({ service: silo });
  const jusoStore = await openStore({ service: 'juso' });
  return {
    silo: siloStore,
    juso: jusoStore,
    close: async () => {
      await siloStore.close();
      await jusoStore.close();
    },
  };
}

const USAGE =
  'usage: npm run import -- <silo> <file.csv> --mapping <mapping.json> [--encoding auto|utf8|cp932] ' +
  '[--dry-run] [--no-auto-link] [--by <staff id>] [--json] [--quiet]';

const PHASES: Record<ImportProgress['phase'], { label: string; unit: string }> = {
  read: { label: 'reading  ', unit: 'KiB' },
  load: { label: 'loading  ', unit: 'stored records, resident registry' },
  link: { label: 'linking  ', unit: 'rows' },
  compare: { label: 'comparing', unit: 'rows' },
  write: { label: 'writing  ', unit: 'records' },
};

const SMALL_FILE_BYTES = 1 << 20;

/** One bar per phase on stderr; without a terminal, a line every two seconds (files of 1 MiB or more). */
function progressBar(quiet: boolean): { update(p: ImportProgress): void; stop(): void } {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  let phase: ImportProgress['phase'] | null = null;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {duration_formatted}',
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 2000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let enabled: boolean | null = null;
  return {
    update(p) {
      // Without a terminal (a log, CI) a small file needs no progress lines.
      enabled ??= process.stderr.isTTY || p.phase !== 'read' || p.total >= SMALL_FILE_BYTES;
      if (!enabled) return;
      const scale = p.phase === 'read' ? 1024 : 1;
      const value = Math.round(p.done / scale);
      const total = Math.max(1, Math.round(p.total / scale));
      if (phase !== p.phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(total, value, { phase: PHASES[p.phase].label, unit: PHASES[p.phase].unit });
      } else bar.update(value);
    },
    stop() {
      if (phase) bar.stop();
    },
  };
}

function summaryText(s: ImportSummary, seconds: number): string {
  const lines = [
    `${s.silo}: ${s.file} (${s.encoding ?? 'unread'})${s.dryRun ? ' — dry run, nothing written' : ''}`,
    `  rows read              ${s.rowsRead}`,
    `  inserted               ${s.inserted}`,
    `  updated                ${s.updated}`,
    `  unchanged              ${s.unchanged}`,
    `  linked by number       ${s.linkedByNumber}`,
    `  linked by exact match  ${s.linkedByExactMatch}`,
    `  link kept              ${s.keptLink}`,
    `  waiting for a person   ${s.waiting}${s.waiting ? `  (npm run link -- ${s.silo} --list)` : ''}`,
    `  warnings               ${s.warnings.length}`,
    `  errors                 ${s.errors.length}${s.errors.length ? '  — nothing was changed' : ''}`,
    `  time                   ${seconds.toFixed(1)} s`,
  ];
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      encoding: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'no-auto-link': { type: 'boolean', default: false },
      by: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const [siloName, file] = positionals;
  const definition = siloImport(siloName);
  if (!file || !values.mapping) throw new UsageError(USAGE);
  if (values.encoding !== undefined && !isEncodingOption(values.encoding))
    throw new UsageError('--encoding must be auto, utf8 or cp932');

  const started = performance.now();
  const mapping = await loadMapping(values.mapping, definition);
  const stores = await openStores(definition.silo);
  const bar = progressBar(values.quiet);
  let summary: ImportSummary;
  try {
    summary = await runImport(definition, stores.silo, stores.juso, {
      file,
      mapping,
      encoding: values.encoding as Parameters<typeof runImport>[3]['encoding'],
      dryRun: values['dry-run'],
      autoLink: !values['no-auto-link'],
      by: values.by,
      onProgress: (p) => bar.update(p),
    });
  } finally {
    bar.stop();
    await stores.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // One write per stream, awaited: all of it reaches a pipe before the process ends.
  await writeErr(
    [
      ...summary.warnings.map((w) => `warning: ${formatIssue(w)}\n`),
      ...summary.errors.map((e) => `error: ${formatIssue(e)}\n`),
    ].join(''),
  );
  const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  await writeOut(
    values.json
      ? JSON.stringify({ ...summary, seconds, maxRssMiB }, null, 2) + '\n'
      : summaryText(summary, seconds),
  );
  return summary.errors.length ? 1 : 0;
}

if (require.main === module) {
  quietOnClosedPipe();
  main(process.argv.slice(2))
    // exitCode, not exit(): the process ends once its output has drained into the pipe.
    .then((code) => {
      process.exitCode = code;
    })
    .catch(async (error: unknown) => {
      if (error instanceof ImportFileError) {
        await writeErr(
          error.issues.length
            ? error.issues.map((issue) => `error: ${formatIssue(issue)}\n`).join('')
            : `error: ${error.message}\n`,
        );
      } else if (
        error instanceof UsageError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      )
        console.error(`${(error as Error).message}\n${USAGE}`);
      else console.error(error);
      process.exitCode = 2;
    });
}
