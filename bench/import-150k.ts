/**
 * The import benchmark recorded in BENCHMARKS.md (## Import):
 *
 *   npx tsx bench/import-150k.ts [--rows 150000]
 *
 * 1. seeds the resident registry (juso) with N synthetic residents into a scratch
 *    DATA_DIR, bench/out/import/data (the embedded stores' databases);
 * 2. writes a 介護 export of those N residents in CP932 with 和暦 dates
 *    (test/fixtures/import/kaigo-export.ts: 60% carry 宛名番号, 30% match exactly
 *    after normalisation, 10% are near matches that must wait);
 * 3. runs the import command on it as staff would (`scripts/import.ts`, progress on
 *    stderr), then runs it again on the same file (a re-import: all unchanged).
 *
 * Nothing here is committed: bench/out/ is ignored.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { EmbeddedStore, STORE_FILE } from '../shared/store';
import { seedJuso } from '../subgraphs/juso/seed';
import { kaigoExportLines, kaigoExportStats } from '../test/fixtures/import/kaigo-export';

const root = path.resolve(__dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('rows') ?? 150_000);
const out = path.join(root, 'bench/out/import');
const dataDir = path.join(out, 'data');
const file = path.join(out, `kaigo-${rows}.csv`);

function runImport(label: string): Record<string, unknown> {
  console.error(`\n== ${label}`);
  const started = performance.now();
  const child = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    [
      'scripts/import.ts',
      'kaigo',
      file,
      '--mapping',
      'subgraphs/kaigo/import/mapping.example.json',
      '--json',
    ],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`import exited ${child.status}`);
  const summary = JSON.parse(child.stdout) as Record<string, unknown>;
  return { ...summary, wallSeconds: Number(wall.toFixed(1)), errors: (summary.errors as unknown[]).length };
}

async function main(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  let t = performance.now();
  const juso = new EmbeddedStore({ dataDir: path.join(dataDir, 'juso') });
  await seedJuso(juso, { syntheticResidents: rows });
  await juso.close();
  console.error(
    `seeded juso with ${rows} synthetic residents in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  t = performance.now();
  fs.writeFileSync(file, iconv.encode([...kaigoExportLines(rows)].join('\r\n') + '\r\n', 'cp932'));
  const size = fs.statSync(file).size;
  console.error(
    `wrote ${path.relative(root, file)}: ${rows} rows, ${(size / 1024 / 1024).toFixed(1)} MiB CP932, ` +
      `in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const first = runImport('first import');
  const second = runImport('re-import of the same file');
  const pick = (s: Record<string, unknown>) => ({
    wallSeconds: s.wallSeconds,
    seconds: Number((s.seconds as number).toFixed(1)),
    maxRssMiB: s.maxRssMiB,
    rowsRead: s.rowsRead,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    linkedByNumber: s.linkedByNumber,
    linkedByExactMatch: s.linkedByExactMatch,
    keptLink: s.keptLink,
    waiting: s.waiting,
    errors: s.errors,
  });
  const report = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`,
    rows,
    fileMiB: Number((size / 1024 / 1024).toFixed(1)),
    expected: kaigoExportStats(rows),
    // The kaigo store's database (the journal it replaced is gone: shared/store/sqlite.ts).
    storeMiB: Number((fs.statSync(path.join(dataDir, 'kaigo', STORE_FILE)).size / 1024 / 1024).toFixed(1)),
    first: pick(first),
    reimport: pick(second),
  };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
