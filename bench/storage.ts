/**
 * `npm run bench:storage [-- --quick] [-- --residents 150000 [--baseline <commit>]]`
 *
 * The embedded store over time, as a town runs it: the six real services (as `npm start`
 * starts them, each its own process) on a fresh DATA_DIR with the demo town, household
 * H-DOUBLE queried in M-J1 by s-takikan-01 over 8 connections (autocannon). After 10,000
 * and then 100,000 queries in all (`--quick`: 500 and 2,000) it prints each process's RSS,
 * the audit database's growth per query, and the time a restart takes until every
 * service's /health answers (median of 3; and the RSS right after). Targets: after 100,000 the RSS and
 * the restart time are within 1.2× of those after 10,000.
 *
 * `--residents N`: instead, the town plus N synthetic residents (`npm run seed`), then
 * each service's RSS and the household query's p50 (8 connections, and 1). With
 * `--baseline <commit>` the same runs on that commit's tree too (exported to a temp
 * folder, sharing node_modules), for the comparison before and after a change.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Options } from 'autocannon';
import Database from 'better-sqlite3';
import { mintDevToken } from '../town/dev-idp';

const ROOT = path.resolve(__dirname, '..');
const SUBGRAPHS = ['juso', 'kaigo', 'shogai', 'kodomo', 'konkyu'] as const;
const BASE_PORT = Number(process.env.BENCH_PORT ?? 4700);
const QUERY = `{ household(id: "H-DOUBLE") { members { name kaigo { careLevel } shogai { supportCategory } konkyu { taxStatus } } } }`;

const flag = (name: string) => process.argv.includes(`--${name}`);
function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ports: Record<string, number> = {
  gateway: BASE_PORT,
  ...Object.fromEntries(SUBGRAPHS.map((s, i) => [s, BASE_PORT + 1 + i])),
};
const graphqlUrl = (name: string) => `http://127.0.0.1:${ports[name]}/graphql`;

interface Running {
  procs: Map<string, ChildProcess>;
  /** Milliseconds until every service's /health answered; the gateway's own, from its spawn. */
  startMs: number;
  gatewayMs: number;
}

async function healthy(name: string, deadline: number): Promise<void> {
  const url = graphqlUrl(name).replace(/\/graphql$/, '/health');
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${name} did not answer /health`);
}

function launch(root: string, name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, SERVICE_NAME: name, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) {
      console.error(`${name} exited (${signal ?? code})`);
      process.exitCode = 1;
    }
  });
  return child;
}

const stopping = new Set<ChildProcess>();

/** As scripts/start.ts: the five subgraphs, then the gateway once they answer. */
async function start(root: string, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const started = Date.now();
  const procs = new Map<string, ChildProcess>();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_URL`, graphqlUrl(s)]));
  const common = { DATA_DIR: dataDir, MONGODB_URI: '', ...urls, ...env };
  for (const s of SUBGRAPHS)
    procs.set(s, launch(root, s, `subgraphs/${s}/index.ts`, { ...common, PORT: String(ports[s]) }));
  const deadline = Date.now() + 600_000;
  await Promise.all(SUBGRAPHS.map((s) => healthy(s, deadline)));
  const gatewayStarted = Date.now();
  procs.set(
    'gateway',
    launch(root, 'gateway', 'gateway/index.ts', { ...common, PORT: String(ports.gateway) }),
  );
  await healthy('gateway', deadline);
  return { procs, startMs: Date.now() - started, gatewayMs: Date.now() - gatewayStarted };
}

async function stop(running: Running): Promise<void> {
  await Promise.all(
    [...running.procs.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          stopping.add(child);
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

function rssMiB(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

function rssAll(running: Running): Record<string, number> {
  return Object.fromEntries([...running.procs].map(([name, child]) => [name, rssMiB(child.pid)]));
}

/** The audit database: bytes in use and its records. */
function auditSize(dataDir: string): { bytes: number; records: number } {
  const file = path.join(dataDir, 'audit', 'store.sqlite');
  if (!fs.existsSync(file)) return { bytes: 0, records: 0 };
  const db = new Database(file, { readonly: true });
  try {
    // Logical size (pages in use, the WAL's included): the file itself grows in checkpoint steps.
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'c:audit_log'").pluck().get();
    const records = table ? (db.prepare('SELECT count(*) FROM "c:audit_log"').pluck().get() as number) : 0;
    return { bytes: (pages - free) * size, records };
  } finally {
    db.close();
  }
}

async function headers(): Promise<Record<string, string>> {
  const token = await mintDevToken('s-takikan-01', { expiresInSeconds: 24 * 3600 });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-meeting-id': 'M-J1' };
}

async function checkQuery(h: Record<string, string>): Promise<void> {
  const r = await fetch(graphqlUrl('gateway'), {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ query: QUERY }),
  });
  const json = (await r.json()) as { data?: { household?: { members?: unknown[] } } };
  if (!r.ok || !json.data?.household?.members?.length)
    throw new Error(`the household query does not answer: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
}

interface Load {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(amount: number, connections: number, h: Record<string, string>): Promise<Load> {
  const started = Date.now();
  // `amount`: exactly this many requests (autocannon has it; bench/types declares only what bench/run.ts uses).
  const options: Options & { amount: number } = {
    url: graphqlUrl('gateway'),
    method: 'POST',
    headers: h,
    body: JSON.stringify({ query: QUERY }),
    connections,
    amount,
    timeout: 30,
  };
  const result = await autocannon(options);
  return {
    requests: result.requests.total,
    seconds: (Date.now() - started) / 1000,
    rps: Math.round((result.requests.total / ((Date.now() - started) / 1000)) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Restarts everything three times (the machine is shared: one start is noisy); the median, and the last run kept. */
async function restart(running: Running, dataDir: string): Promise<Running> {
  const runs: Running[] = [];
  let current = running;
  for (let i = 0; i < 3; i++) {
    await stop(current);
    current = await start(ROOT, dataDir);
    runs.push(current);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
  return {
    ...current,
    startMs: median(runs.map((r) => r.startMs)),
    gatewayMs: median(runs.map((r) => r.gatewayMs)),
  };
}

const pad = (v: unknown, n: number) => String(v).padStart(n);

async function overTime(quick: boolean): Promise<void> {
  const stages = quick ? [500, 2_000] : [10_000, 100_000];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-bench-storage-'));
  console.log(`DATA_DIR ${dataDir}; stages at ${stages.join(', ')} queries in all (8 connections)`);
  let running = await start(ROOT, dataDir, { SEED: 'if-empty', SYNTHETIC_RESIDENTS: '0' });
  const h = await headers();
  await checkQuery(h);
  console.log(
    `first start (seeding the demo town): ${running.startMs} ms; RSS ${JSON.stringify(rssAll(running))}`,
  );
  const rows: {
    queries: number;
    load: Load;
    rss: Record<string, number>;
    auditBytesPerQuery: number;
    auditRecords: number;
    auditMiB: number;
    restartMs: number;
    gatewayRestartMs: number;
    rssAfterRestart: Record<string, number>;
  }[] = [];
  let done = 0;
  let audit = auditSize(dataDir);
  for (const total of stages) {
    const load = await drive(total - done, 8, h);
    if (load.non2xx || load.errors) console.error(`  ${load.non2xx} non-2xx, ${load.errors} errors`);
    const rss = rssAll(running);
    const after = auditSize(dataDir);
    const auditBytesPerQuery = Math.round((after.bytes - audit.bytes) / load.requests);
    done = total;
    audit = after;
    running = await restart(running, dataDir);
    await checkQuery(h);
    const row = {
      queries: total,
      load,
      rss,
      auditBytesPerQuery,
      auditRecords: after.records,
      auditMiB: Math.round((after.bytes / 1024 / 1024) * 10) / 10,
      restartMs: running.startMs,
      gatewayRestartMs: running.gatewayMs,
      rssAfterRestart: rssAll(running),
    };
    rows.push(row);
    console.log(
      `after ${total} queries (${load.rps} req/s, p50 ${load.p50} ms): RSS ${JSON.stringify(rss)}; ` +
        `audit ${row.auditMiB} MiB, ${auditBytesPerQuery} B/query, ${after.records} records; ` +
        `restart ${row.restartMs} ms (gateway ${row.gatewayRestartMs} ms), RSS after ${JSON.stringify(row.rssAfterRestart)}`,
    );
  }
  await stop(running);
  const services = ['gateway', ...SUBGRAPHS];
  console.log(
    '\n| after | ' +
      services.map((s) => `${s} RSS MiB`).join(' | ') +
      ' | audit B/query | audit MiB | restart ms | gateway restart ms | gateway RSS after restart |',
  );
  console.log('|' + ' --- |'.repeat(services.length + 6));
  for (const r of rows)
    console.log(
      `| ${r.queries.toLocaleString('en')} queries | ${services.map((s) => r.rss[s]).join(' | ')} | ${r.auditBytesPerQuery} | ${r.auditMiB} | ${r.restartMs} | ${r.gatewayRestartMs} | ${r.rssAfterRestart.gateway} |`,
    );
  const [first, last] = [rows[0], rows[rows.length - 1]];
  if (first && last && rows.length > 1) {
    console.log('\nratio last/first stage:');
    for (const s of services)
      console.log(`  ${pad(s, 8)} RSS ×${((last.rss[s] ?? 0) / (first.rss[s] ?? 1)).toFixed(2)}`);
    console.log(
      `  restart ×${(last.restartMs / first.restartMs).toFixed(2)}, gateway restart ×${(last.gatewayRestartMs / first.gatewayRestartMs).toFixed(2)}`,
    );
  }
  const out = path.join(ROOT, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, `storage-${quick ? 'quick' : 'full'}.json`),
    JSON.stringify({ stages: rows }, null, 2),
  );
  if (!flag('keep')) fs.rmSync(dataDir, { recursive: true, force: true });
}

/** The service folders of a data folder (it also holds files: audit checkpoints, archives). */
function servicesWithStores(dataDir: string): string[] {
  return fs
    .readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/** A commit's tree in a temp folder, with this checkout's node_modules. */
function exportTree(commit: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-bench-tree-'));
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${dir}`], { cwd: ROOT });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function largeTown(residents: number, root: string, label: string, quick: boolean): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-bench-town-'));
  const seedStarted = Date.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--residents', String(residents)], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seedMs = Date.now() - seedStarted;
  const running = await start(root, dataDir);
  try {
    const h = await headers();
    await checkQuery(h);
    const rssStart = rssAll(running);
    await drive(quick ? 100 : 300, 8, h);
    const eight = await drive(quick ? 300 : 2_000, 8, h);
    const one = await drive(quick ? 50 : 300, 1, h);
    const rss = rssAll(running);
    const disk = Object.fromEntries(
      servicesWithStores(dataDir).map((s) => {
        const files = fs.readdirSync(path.join(dataDir, s));
        const bytes = files.reduce((a, f) => a + fs.statSync(path.join(dataDir, s, f)).size, 0);
        return [s, Math.round((bytes / 1024 / 1024) * 10) / 10];
      }),
    );
    console.log(`\n${label}: ${residents.toLocaleString('en')} synthetic residents`);
    console.log(`  seed ${seedMs} ms; start until every /health answers ${running.startMs} ms`);
    console.log(`  RSS after start ${JSON.stringify(rssStart)}`);
    console.log(`  RSS after the queries ${JSON.stringify(rss)}`);
    console.log(`  on disk MiB ${JSON.stringify(disk)}`);
    console.log(
      `  8 connections: ${eight.rps} req/s, p50 ${eight.p50} ms, p99 ${eight.p99} ms (${eight.non2xx} non-2xx)`,
    );
    console.log(`  1 connection: p50 ${one.p50} ms, p99 ${one.p99} ms`);
  } finally {
    await stop(running);
    if (!flag('keep')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const quick = flag('quick');
  const residents = option('residents');
  if (residents === undefined) return overTime(quick);
  const n = Number(residents);
  if (!Number.isInteger(n) || n < 0) throw new Error('--residents must be a whole number');
  await largeTown(n, ROOT, 'this tree', quick);
  const baseline = option('baseline');
  if (baseline) {
    const tree = exportTree(baseline);
    try {
      await largeTown(n, tree, `baseline ${baseline}`, quick);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
