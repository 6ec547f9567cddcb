/**
 * `npm run bench`: the household dashboard query through our gateway (access control
 * and audit on), plain @apollo/gateway, Hive Gateway and the floor (the query plan's
 * subgraph requests sent directly, no gateway), measured in one run, interleaved, at a
 * fixed concurrency after a warm-up, then with one connection; and our gateway again
 * over a town of 150,000. Writes bench/last.json and the `## Household dashboard query`
 * section of BENCHMARKS.md (the text below its generated part is kept).
 *
 *   npm run bench                        full run (about 9 minutes)
 *   npm run bench -- --quick             smaller town, short runs, under a minute; writes only
 *                                        bench/out/ (add --write to update BENCHMARKS.md)
 *   npm run bench -- --only enforced --profile enforced,subgraphs
 *                                        one path, CPU profiles in bench/out/profiles/NAME/;
 *                                        read with npx tsx bench/profile.ts bench/out/profiles/NAME
 *   npm run bench -- --only enforced,baseline --baseline REF
 *                                        our gateway against REF's, interleaved (before/after)
 *   also: --connections N --rounds N --duration S --latency-duration S --small N --large N
 *
 * Processes: this orchestrator; the load generator (autocannon); two subgraph processes
 * (1,000 and 150,000 residents), each running the five subgraphs twice (with and
 * without access control, over the same stores); one process per gateway.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mintDevToken } from '../town/dev-idp';
import { SERVICES } from '../shared/domain';
import type { Child, GatewayReady, SubgraphsReady } from './ipc';
import { startChild } from './ipc';
import type { LoadJob, LoadResult } from './loadgen';
import { writeReport } from './report';
import type { BenchReport, SizeRow, TargetFigures } from './report';
import { BENCH_MEETING, BENCH_STAFF, DASHBOARD_QUERY } from './scenario';

const ROOT = path.resolve(__dirname, '..');

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
function option(name: string, fallback: number): number;
function option(name: string, fallback: string): string;
function option(name: string, fallback: number | string): number | string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) return fallback;
  return typeof fallback === 'number' ? Number(v) : v;
}

const quick = flag('quick');
const config = {
  quick,
  connections: option('connections', 8),
  warmupSeconds: option('warmup', quick ? 0.5 : 5),
  roundWarmupSeconds: option('round-warmup', quick ? 0 : 1),
  durationSeconds: option('duration', quick ? 2 : 8),
  /** Each round also measures every path with one connection: latency when nothing queues. */
  latencyConnections: option('latency-connections', 1),
  latencySeconds: option('latency-duration', quick ? 1 : 4),
  rounds: option('rounds', quick ? 1 : 5),
  smallTown: option('small', 1_000),
  largeTown: option('large', quick ? 20_000 : 150_000),
  sequentialRequests: option('sequential', quick ? 4 : 50),
  /** Comma-separated processes to CPU-profile: enforced, plain, hive, floor, enforced-large, subgraphs. */
  profile: option('profile', ''),
  /** Comma-separated paths to run (all by default): for profiling one of them. */
  only: option('only', ''),
  /**
   * A git ref to compare with: its gateway and subgraphs (exported to $TMPDIR/juso-bench-baseline-SHA)
   * run as one more path, `baseline`, interleaved with ours: before/after for a change.
   */
  baseline: option('baseline', ''),
  // A quick run leaves BENCHMARKS.md and bench/last.json alone (its figures go to bench/out).
  write: flag('write') || (!quick && !flag('no-write')),
};

type TargetName =
  | 'enforced'
  | 'enforced-hive-rust'
  | 'plain'
  | 'hive'
  | 'hive-rust'
  | 'floor'
  | 'enforced-large'
  | 'hive-dedupe'
  | 'baseline';

/** The tree of `ref`, exported beside this one and sharing its node_modules. */
function exportBaseline(ref: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  // Outside the work tree, so the project's tsc and eslint never see the old sources.
  const dir = path.join(os.tmpdir(), `juso-bench-baseline-${sha}`);
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', '--format=tar', sha], { cwd: ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  }
  return dir;
}

interface Target {
  name: TargetName;
  child: Child<GatewayReady>;
  rounds: LoadResult[];
  /** The same rounds at `latencyConnections`. */
  latencyRounds: LoadResult[];
  rssMax: number;
  /** CPU milliseconds per request, per round: the gateway's process and the subgraphs' process. */
  gatewayCpu: number[];
  subgraphsCpu: number[];
}

function rssOf(pid: number | undefined): number {
  if (!pid) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

/** CPU time (user + system) a process has used, in milliseconds (Linux, 100 ticks a second). */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAvgStart = os.loadavg();
  log(`config ${JSON.stringify(config)}`);
  const loadgen = await startChild<GatewayReady>('loadgen.ts', []);
  let nextJob = 0;
  const load = (job: Omit<LoadJob, 'type' | 'id'>): Promise<LoadResult> => {
    const id = ++nextJob;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; id: number; result?: LoadResult; error?: string }) => {
        if (m.type !== 'result' || m.id !== id) return;
        loadgen.proc.off('message', onMessage);
        if (m.result) resolve(m.result);
        else reject(new Error(m.error));
      };
      loadgen.proc.on('message', onMessage);
      loadgen.proc.send({ type: 'run', id, ...job } satisfies LoadJob);
    });
  };

  log(`seeding the subgraphs: ${config.smallTown} and ${config.largeTown} synthetic residents`);
  const profiled = new Set(config.profile.split(',').filter(Boolean));
  const only = new Set(config.only.split(',').filter(Boolean));
  const profileDir = path.join(ROOT, 'bench/out/profiles');
  const profileArgs = (name: string) =>
    profiled.has(name)
      ? // One folder per process: tsx's loader thread writes a profile of its own beside the main one.
        ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, name)]
      : [];
  const baselineRoot = config.baseline ? exportBaseline(config.baseline) : null;
  const [small, large, baseline] = await Promise.all([
    startChild<SubgraphsReady>('subgraphs.ts', ['--residents', String(config.smallTown)], {
      execArgv: profileArgs('subgraphs'),
    }),
    startChild<SubgraphsReady>('subgraphs.ts', ['--residents', String(config.largeTown)]),
    baselineRoot
      ? startChild<SubgraphsReady>('subgraphs.ts', [
          '--residents',
          String(config.smallTown),
          '--root',
          baselineRoot,
        ])
      : null,
  ]);
  const household = small.ready.scenario.main;
  if (large.ready.scenario.main.id !== household.id)
    throw new Error('the two towns picked different households');
  log(
    `household ${household.id}: ${household.size} members, ${household.records} silo records; seeded in ${small.ready.seedMs} ms and ${large.ready.seedMs} ms`,
  );

  const variables = { id: household.id };
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables });
  const token = await mintDevToken(BENCH_STAFF, { expiresInSeconds: 24 * 3600 });
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'x-meeting-id': BENCH_MEETING,
  };
  const gatewayChild = (kind: string, urls: object, name: TargetName) =>
    startChild<GatewayReady>(
      'gateway.ts',
      [
        '--kind',
        kind,
        '--urls',
        JSON.stringify(urls),
        '--request',
        JSON.stringify({ query: DASHBOARD_QUERY, variables }),
        ...(name === 'baseline' && baselineRoot ? ['--root', baselineRoot] : []),
      ],
      { execArgv: profileArgs(name) },
    );
  log('starting the gateways');
  const paths = (
    [
      ['enforced', 'enforced', small.ready.enforced],
      ['enforced-hive-rust', 'enforced-hive-rust', small.ready.enforced],
      ['plain', 'plain', small.ready.open],
      ['hive', 'hive', small.ready.open],
      ['hive-rust', 'hive-rust', small.ready.open],
      ['floor', 'floor', small.ready.open],
      ['enforced-large', 'enforced', large.ready.enforced],
      ['baseline', 'enforced', baseline?.ready.enforced],
      // Hive's default in-flight request merging, shown beside the comparison (not in quick runs).
      ['hive-dedupe', 'hive-dedupe', quick ? undefined : small.ready.open],
    ] as const
  ).filter(([name, , urls]) => urls && !(only.size && !only.has(name)));
  // Started together (each compiles its TypeScript on start), measured one at a time.
  const targets: Target[] = await Promise.all(
    paths.map(async ([name, kind, urls]) => ({
      name,
      child: await gatewayChild(kind, urls as object, name),
      rounds: [],
      latencyRounds: [],
      rssMax: 0,
      gatewayCpu: [],
      subgraphsCpu: [],
    })),
  );
  const target = (name: TargetName) => targets.find((t) => t.name === name) as Target;
  const ask = async (url: string) => {
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  };

  // The same answer from every gateway, or the comparison means nothing.
  const answers: Partial<Record<TargetName, { status: number; text: string }>> = {};
  for (const t of targets) answers[t.name] = await ask(t.child.ready.url);
  const parsed = (name: TargetName) =>
    JSON.parse((answers[name] as { text: string }).text) as { data?: unknown; errors?: unknown[] };
  const reference = JSON.stringify(parsed(answers.plain ? 'plain' : (targets[0] as Target).name).data);
  for (const name of [
    'enforced',
    'enforced-hive-rust',
    'plain',
    'hive',
    'hive-rust',
    'hive-dedupe',
    'enforced-large',
  ] as const) {
    if (!answers[name]) continue;
    const p = parsed(name);
    if (answers[name]?.status !== 200 || p.errors?.length || JSON.stringify(p.data) !== reference)
      throw new Error(
        `${name} does not answer as plain @apollo/gateway does:\n${answers[name]?.text.slice(0, 2000)}`,
      );
  }
  if (answers.floor && answers.floor.status !== 200) throw new Error(`floor failed: ${answers.floor?.text}`);
  const responseBytes = Buffer.byteLength((answers[(targets[0] as Target).name] as { text: string }).text);
  log(`all gateways return the same data (${responseBytes} bytes)`);

  // Store queries per request, by household size, one request at a time.
  const sizes: SizeRow[] = [];
  for (const [town, subgraphs, gatewayName] of [
    [config.smallTown, small, 'enforced'],
    [config.largeTown, large, 'enforced-large'],
  ] as const) {
    if (!targets.some((t) => t.name === gatewayName)) continue;
    for (const h of subgraphs.ready.scenario.bySize) {
      const hBody = JSON.stringify({ query: DASHBOARD_QUERY, variables: { id: h.id } });
      const g = target(gatewayName).child;
      const [readsBefore, fetchBefore] = [await subgraphs.stats(), await g.stats()];
      for (let i = 0; i < config.sequentialRequests; i++) {
        const res = await fetch(g.ready.url, { method: 'POST', headers, body: hBody });
        const json = (await res.json()) as { errors?: unknown[] };
        if (res.status !== 200 || json.errors?.length)
          throw new Error(`household ${h.id}: ${JSON.stringify(json)}`);
      }
      const [readsAfter, fetchAfter] = [await subgraphs.stats(), await g.stats()];
      const per = (after: Record<string, number>, before: Record<string, number>, key: string) =>
        ((after[key] ?? 0) - (before[key] ?? 0)) / config.sequentialRequests;
      const reads = Object.fromEntries(SERVICES.map((s) => [s, per(readsAfter, readsBefore, `reads.${s}`)]));
      const fetches = Object.fromEntries(
        SERVICES.map((s) => [s, per(fetchAfter, fetchBefore, `fetch.${s}`)]),
      );
      sizes.push({
        town,
        household: h.id,
        size: h.size,
        records: h.records,
        reads,
        readsTotal: Object.values(reads).reduce((a, b) => a + b, 0),
        fetchesTotal: Object.values(fetches).reduce((a, b) => a + b, 0),
        auditWrites: per(fetchAfter, fetchBefore, 'audit.writes'),
      });
    }
  }
  log(
    `store queries per request by household size: ${sizes.map((s) => `${s.town}/${s.size}:${s.readsTotal}`).join(' ')}`,
  );

  log(`warm-up: ${config.warmupSeconds} s per gateway at ${config.connections} connections`);
  for (const t of targets)
    await load({
      url: t.child.ready.url,
      connections: config.connections,
      warmupSeconds: 0,
      durationSeconds: config.warmupSeconds,
      headers,
      body,
    });

  const underLoad = { reads: 0, requests: 0, auditWrites: 0 };
  for (let round = 0; round < config.rounds; round++) {
    // Each round starts one further along, so no gateway always runs first or last.
    const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
    for (const t of order) {
      const subgraphs =
        t.name === 'enforced-large' ? large : t.name === 'baseline' && baseline ? baseline : small;
      const before = t.name === 'enforced' ? [await subgraphs.stats(), await t.child.stats()] : null;
      const cpuBefore = [cpuMsOf(t.child.proc.pid), cpuMsOf(subgraphs.proc.pid)];
      const result = await load({
        url: t.child.ready.url,
        connections: config.connections,
        warmupSeconds: config.roundWarmupSeconds,
        durationSeconds: config.durationSeconds,
        headers,
        body,
      });
      if (result.non2xx || result.errors)
        throw new Error(`${t.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      t.rssMax = Math.max(t.rssMax, rssOf(t.child.proc.pid));
      const served = result.requests + result.warmupRequests;
      t.gatewayCpu.push((cpuMsOf(t.child.proc.pid) - (cpuBefore[0] as number)) / served);
      t.subgraphsCpu.push((cpuMsOf(subgraphs.proc.pid) - (cpuBefore[1] as number)) / served);
      if (before) {
        const [readsAfter, gatewayAfter] = [await subgraphs.stats(), await t.child.stats()];
        const [readsBefore, gatewayBefore] = before as [Record<string, number>, Record<string, number>];
        underLoad.reads += SERVICES.reduce(
          (n, s) => n + (readsAfter[`reads.${s}`] ?? 0) - (readsBefore[`reads.${s}`] ?? 0),
          0,
        );
        underLoad.auditWrites += (gatewayAfter['audit.writes'] ?? 0) - (gatewayBefore['audit.writes'] ?? 0);
        // Counted by the gateway: requests still in flight when the load stops reached the stores too.
        underLoad.requests += (gatewayAfter.requests ?? 0) - (gatewayBefore.requests ?? 0);
      }
      t.rounds.push(result);
      const single =
        config.latencySeconds > 0
          ? await load({
              url: t.child.ready.url,
              connections: config.latencyConnections,
              warmupSeconds: config.roundWarmupSeconds / 2,
              durationSeconds: config.latencySeconds,
              headers,
              body,
            })
          : null;
      if (single) {
        if (single.non2xx || single.errors)
          throw new Error(`${t.name}: ${single.non2xx} non-2xx, ${single.errors} errors`);
        t.latencyRounds.push(single);
      }
      log(
        `round ${round + 1}/${config.rounds} ${t.name.padEnd(14)} ${result.rps.toFixed(1).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  CPU/request: gateway ${(t.gatewayCpu.at(-1) as number).toFixed(2)} ms, subgraphs ${(t.subgraphsCpu.at(-1) as number).toFixed(2)} ms` +
          (single
            ? `  | ${config.latencyConnections} connection: p50 ${single.p50Ms.toFixed(2)} ms p99 ${single.p99Ms.toFixed(2)} ms`
            : ''),
      );
    }
  }
  const planFetches = only.size ? {} : await target('floor').child.stats();

  const figures = {} as Record<TargetName, TargetFigures>;
  for (const t of targets) {
    figures[t.name] = {
      rps: median(t.rounds.map((r) => r.rps)),
      rpsMin: Math.min(...t.rounds.map((r) => r.rps)),
      roundRps: t.rounds.map((r) => r.rps),
      roundP50Ms: t.rounds.map((r) => r.p50Ms),
      roundLatencyP50Ms: t.latencyRounds.map((r) => r.p50Ms),
      rpsMax: Math.max(...t.rounds.map((r) => r.rps)),
      p50Ms: median(t.rounds.map((r) => r.p50Ms)),
      p99Ms: median(t.rounds.map((r) => r.p99Ms)),
      requests: t.rounds.reduce((n, r) => n + r.requests, 0),
      rssBytes: t.rssMax,
      latencyP50Ms: t.latencyRounds.length ? median(t.latencyRounds.map((r) => r.p50Ms)) : NaN,
      latencyP99Ms: t.latencyRounds.length ? median(t.latencyRounds.map((r) => r.p99Ms)) : NaN,
      gatewayCpuMs: median(t.gatewayCpu),
      subgraphsCpuMs: median(t.subgraphsCpu),
    };
  }

  await Promise.all(targets.map((t) => t.child.stop()));
  await Promise.all([small.stop(), large.stop(), baseline?.stop(), loadgen.stop()]);
  if (only.size || baseline) {
    if (figures.baseline && figures.enforced) {
      const [b, e] = [figures.baseline, figures.enforced];
      log(
        `against ${config.baseline}: req/s ${b.rps.toFixed(1)} -> ${e.rps.toFixed(1)} (x${(e.rps / b.rps).toFixed(2)}), p50 ${b.p50Ms.toFixed(1)} -> ${e.p50Ms.toFixed(1)} ms, CPU/request gateway ${b.gatewayCpuMs.toFixed(2)} -> ${e.gatewayCpuMs.toFixed(2)} ms, subgraphs ${b.subgraphsCpuMs.toFixed(2)} -> ${e.subgraphsCpuMs.toFixed(2)} ms`,
      );
    }
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: {
      cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      loadAvgStart,
      loadAvgEnd: os.loadavg(),
    },
    config,
    household,
    responseBytes,
    figures,
    sizes,
    storeQueriesUnderLoad: underLoad.requests ? underLoad.reads / underLoad.requests : NaN,
    auditWritesPerRequestUnderLoad: underLoad.requests ? underLoad.auditWrites / underLoad.requests : NaN,
    planFetches: Object.fromEntries(
      Object.entries(planFetches).map(([k, v]) => [k.replace(/^plan\./, ''), v]),
    ),
    seconds: (Date.now() - started) / 1000,
  };
  const written = await writeReport(report, { root: ROOT, write: config.write });
  process.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
  log(`done in ${report.seconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
