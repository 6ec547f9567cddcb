/**
 * `npm run bench:startup`: the six services started from the TypeScript sources (tsx,
 * as in development) and from the compiled build (plain node, as in production), side
 * by side, rounds interleaved. For each: the time until all six answer /health (five
 * subgraphs in parallel, then the gateway, as `npm start` does), the resident memory
 * (RSS) of each process once up, and again after a run of household dashboard queries
 * through the gateway. Both run in production mode on the demo keys, so the loader is
 * the only difference. Prints a table and JSON; the figures are in BENCHMARKS.md
 * (## Compiled build).
 *
 *   npm run bench:startup [-- --rounds 5 --queries 300]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DashboardHouseholdDocument as HOUSEHOLD } from '../dashboard/generated/graphql';
import { buildAll } from '../scripts/build';
import { ROOT } from '../scripts/build-stamp';
import { launchGraph } from '../scripts/launch';
import type { GraphProcess as Process } from '../scripts/launch';
import { mintDevToken } from '../town/dev-idp';
import { SUBGRAPHS } from '../shared/services';
import { median as medianOf } from './report';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const QUERIES = arg('queries', 300);

type Mode = 'tsx' | 'compiled';

interface Round {
  mode: Mode;
  /** Spawn to all six healthy. */
  startMs: number;
  /** Spawn to healthy, per process. */
  readyMs: Record<Process, number>;
  rssUpMb: Record<Process, number>;
  rssAfterMb: Record<Process, number>;
}

/** VmRSS of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

async function round(mode: Mode, compiledTree: string): Promise<Round> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  const tree = mode === 'compiled' ? compiledTree : ROOT;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ALLOW_DEMO_KEYS: '1',
    DATA_DIR: data,
    SEED: 'if-empty',
    SYNTHETIC_RESIDENTS: '0',
    LOG_LEVEL: 'error',
  };
  const t0 = performance.now();
  const graph = await launchGraph(mode === 'compiled', {
    tree,
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  }).catch((error: unknown) => {
    fs.rmSync(data, { recursive: true, force: true });
    throw error;
  });
  const { children, gatewayUrl, readyMs } = graph;
  try {
    const startMs = Math.round(performance.now() - t0);
    const rss = () =>
      Object.fromEntries([...children].map(([name, c]) => [name, rssMb(c.pid!)])) as Record<Process, number>;
    const rssUpMb = rss();
    const token = await mintDevToken('s-fukushi-01');
    const body = JSON.stringify({ query: HOUSEHOLD, variables: { id: 'H-DOUBLE' } });
    for (let i = 0; i < QUERIES; i++) {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      if (res.status !== 200) throw new Error(`${mode}: household query answered ${res.status}`);
      await res.arrayBuffer();
    }
    return { mode, startMs, readyMs, rssUpMb, rssAfterMb: rss() };
  } finally {
    await graph.stop();
    fs.rmSync(data, { recursive: true, force: true });
  }
}

/** To a tenth, as the figures are printed. */
const r1 = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => r1(medianOf(xs));
const sum = (r: Record<string, number>) => r1(Object.values(r).reduce((a, b) => a + b, 0));

async function main(): Promise<void> {
  const tree = path.join(ROOT, '.build-bench');
  const built = performance.now();
  await buildAll(tree);
  const buildMs = Math.round(performance.now() - built);
  const rounds: Round[] = [];
  try {
    // Interleaved, the order alternating, so drift on the machine falls on both alike.
    for (let i = 0; i < ROUNDS; i++) {
      for (const mode of (i % 2 ? ['compiled', 'tsx'] : ['tsx', 'compiled']) as Mode[]) {
        rounds.push(await round(mode, tree));
        process.stderr.write('.');
      }
    }
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
  process.stderr.write('\n');
  const names: Process[] = [...SUBGRAPHS.map((s) => s.name), 'gateway'];
  const summary = (mode: Mode) => {
    const rs = rounds.filter((r) => r.mode === mode);
    const per = (pick: (r: Round) => Record<Process, number>) =>
      Object.fromEntries(names.map((n) => [n, median(rs.map((r) => pick(r)[n]))])) as Record<Process, number>;
    return {
      startMs: median(rs.map((r) => r.startMs)),
      gatewayReadyAfterSubgraphsMs: median(
        rs.map((r) => r.readyMs.gateway - Math.max(...SUBGRAPHS.map((s) => r.readyMs[s.name]))),
      ),
      rssUpMb: per((r) => r.rssUpMb),
      rssAfterMb: per((r) => r.rssAfterMb),
      totalRssUpMb: median(rs.map((r) => sum(r.rssUpMb))),
      totalRssAfterMb: median(rs.map((r) => sum(r.rssAfterMb))),
    };
  };
  const result = {
    rounds: ROUNDS,
    queries: QUERIES,
    buildMs,
    tsx: summary('tsx'),
    compiled: summary('compiled'),
  };
  const row = (label: string, pick: (s: ReturnType<typeof summary>) => number | string) =>
    `| ${label} | ${pick(result.tsx)} | ${pick(result.compiled)} |`;
  console.log(
    [
      `medians of ${ROUNDS} interleaved rounds; RSS after ${QUERIES} household queries; build ${buildMs} ms`,
      '',
      '| | tsx (sources) | compiled (dist/) |',
      '| --- | ---: | ---: |',
      row('all six healthy, ms', (s) => s.startMs),
      row('gateway after the subgraphs, ms', (s) => s.gatewayReadyAfterSubgraphsMs),
      row('RSS of the six once up, MB', (s) => s.totalRssUpMb),
      row(`RSS of the six after ${QUERIES} queries, MB`, (s) => s.totalRssAfterMb),
      ...names.map((n) => row(`RSS ${n} (up / after), MB`, (s) => `${s.rssUpMb[n]} / ${s.rssAfterMb[n]}`)),
    ].join('\n'),
  );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
