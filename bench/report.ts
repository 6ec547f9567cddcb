/**
 * The benchmark's output: bench/last.json (figures by key, for tools) and the
 * `## Household dashboard query` section of BENCHMARKS.md. Only the part between the
 * section's generated markers is rewritten; the analysis written below it stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { DEFAULT_ENGINE, ENGINE_PACKAGES } from '../gateway/engine/hive-rust';
import { SERVICES } from '../shared/domain';
import type { BenchHousehold } from './scenario';

export interface TargetFigures {
  /** Median over rounds. */
  rps: number;
  rpsMin: number;
  rpsMax: number;
  /** Each round's req/s, p50 and one-connection p50, in round order. */
  roundRps: number[];
  roundP50Ms: number[];
  roundLatencyP50Ms: number[];
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** The gateway process's largest resident set seen after a round. */
  rssBytes: number;
  /** p50 and p99 with `latencyConnections` (one request at a time), median of rounds. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU time per request (median of rounds) of the gateway's process and of the subgraphs' process. */
  gatewayCpuMs: number;
  subgraphsCpuMs: number;
}

export interface SizeRow {
  town: number;
  household: string;
  size: number;
  records: number;
  reads: Record<string, number>;
  readsTotal: number;
  fetchesTotal: number;
  auditWrites: number;
}

export interface BenchReport {
  date: string;
  command: string;
  machine: {
    cpu: string;
    memoryGiB: number;
    os: string;
    node: string;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  config: {
    quick: boolean;
    connections: number;
    warmupSeconds: number;
    roundWarmupSeconds: number;
    durationSeconds: number;
    latencyConnections: number;
    latencySeconds: number;
    rounds: number;
    smallTown: number;
    largeTown: number;
    sequentialRequests: number;
  };
  household: BenchHousehold;
  responseBytes: number;
  figures: Record<'enforced' | 'plain' | 'hive' | 'floor' | 'enforced-large', TargetFigures> & {
    'hive-dedupe'?: TargetFigures;
    /** Hive Gateway on the Rust query planner (absent from runs before it was added, or with --only). */
    'hive-rust'?: TargetFigures;
    /** Ours on the Rust planner (GATEWAY_ENGINE=hive-rust), when run. */
    'enforced-hive-rust'?: TargetFigures;
  };
  sizes: SizeRow[];
  storeQueriesUnderLoad: number;
  auditWritesPerRequestUnderLoad: number;
  planFetches: Record<string, number>;
  seconds: number;
}

const SECTION = '## Household dashboard query';
const BEGIN = '<!-- npm run bench writes from here -->';
const END = '<!-- to here; the text below is kept -->';

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

export interface Targets {
  overheadVsPlain: number;
  /** At the load's concurrency, and with one connection. */
  p50VsFloor: number;
  p50VsFloorSingle: number;
  p50LargeVsSmall: number;
  p50LargeVsSmallSingle: number;
  storeQueriesConstant: boolean;
  rpsVsHive: number;
  /** null: no Rust-planner path in this run. */
  rpsVsHiveRust: number | null;
  oursHiveVsOursApollo: number | null;
  oursHiveCostVsHive: number | null;
}

/** The median of the finite values (the mean of the middle two for an even count); NaN for none. */
export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Round by round a / b: each round measures every path within a minute or two of the others. */
export const perRound = (a: number[], b: number[]) => a.map((x, i) => x / (b[i] ?? NaN));

/**
 * The targets as medians of round-by-round ratios: a paired comparison, so a burst of
 * other work on the shared machine moves both sides of a ratio, not one.
 */
export function evaluate(report: BenchReport): Targets {
  const f = report.figures;
  const large = f['enforced-large'];
  const totals = report.sizes.map((s) => s.readsTotal);
  return {
    overheadVsPlain: 1 - median(perRound(f.enforced.roundRps, f.plain.roundRps)),
    p50VsFloor: median(perRound(f.enforced.roundP50Ms, f.floor.roundP50Ms)),
    p50VsFloorSingle: median(perRound(f.enforced.roundLatencyP50Ms, f.floor.roundLatencyP50Ms)),
    p50LargeVsSmall: median(perRound(large.roundP50Ms, f.enforced.roundP50Ms)),
    p50LargeVsSmallSingle: median(perRound(large.roundLatencyP50Ms, f.enforced.roundLatencyP50Ms)),
    storeQueriesConstant: totals.every((t) => t === totals[0]),
    rpsVsHive: median(perRound(f.enforced.roundRps, f.hive.roundRps)),
    rpsVsHiveRust: f['hive-rust'] ? median(perRound(f.enforced.roundRps, f['hive-rust'].roundRps)) : null,
    // The engine decision (issue 13): ours on the Rust planner against ours on @apollo/gateway,
    // and that path's cost against the Rust planner without our enforcement.
    oursHiveVsOursApollo: f['enforced-hive-rust']
      ? median(perRound(f['enforced-hive-rust'].roundRps, f.enforced.roundRps))
      : null,
    oursHiveCostVsHive:
      f['enforced-hive-rust'] && f['hive-rust']
        ? 1 - median(perRound(f['enforced-hive-rust'].roundRps, f['hive-rust'].roundRps))
        : null,
  };
}

export function lastJson(report: BenchReport): Record<string, unknown> {
  const f = report.figures;
  const t = evaluate(report);
  const main = report.sizes.find(
    (s) => s.town === report.config.smallTown && s.household === report.household.id,
  );
  return {
    date: report.date,
    command: report.command,
    quick: report.config.quick,
    connections: report.config.connections,
    small_town_residents: report.config.smallTown,
    large_town_residents: report.config.largeTown,
    household: report.household.id,
    household_size: report.household.size,
    response_bytes: report.responseBytes,
    enforced_rps: r1(f.enforced.rps),
    plain_rps: r1(f.plain.rps),
    hive_rps: r1(f.hive.rps),
    hive_dedupe_rps: f['hive-dedupe'] ? r1(f['hive-dedupe'].rps) : null,
    hive_rust_rps: f['hive-rust'] ? r1(f['hive-rust'].rps) : null,
    hive_rust_p50_ms: f['hive-rust'] ? r2(f['hive-rust'].p50Ms) : null,
    hive_rust_p50_single_ms: f['hive-rust'] ? r2(f['hive-rust'].latencyP50Ms) : null,
    hive_rust_rss_mib: f['hive-rust'] ? Math.round(f['hive-rust'].rssBytes / 2 ** 20) : null,
    enforced_hive_rust_rps: f['enforced-hive-rust'] ? r1(f['enforced-hive-rust'].rps) : null,
    enforced_hive_rust_p50_ms: f['enforced-hive-rust'] ? r2(f['enforced-hive-rust'].p50Ms) : null,
    // The engine ours runs on by default, and that engine's throughput without our enforcement.
    engine: ENGINE_PACKAGES[DEFAULT_ENGINE],
    engine_rps:
      DEFAULT_ENGINE === 'apollo' ? r1(f.plain.rps) : f['hive-rust'] ? r1(f['hive-rust'].rps) : null,
    floor_rps: r1(f.floor.rps),
    enforced_p50_ms: r2(f.enforced.p50Ms),
    plain_p50_ms: r2(f.plain.p50Ms),
    hive_p50_ms: r2(f.hive.p50Ms),
    floor_p50_ms: r2(f.floor.p50Ms),
    enforced_p99_ms: r2(f.enforced.p99Ms),
    plain_p99_ms: r2(f.plain.p99Ms),
    hive_p99_ms: r2(f.hive.p99Ms),
    floor_p99_ms: r2(f.floor.p99Ms),
    p50_1k_ms: r2(f.enforced.p50Ms),
    p50_150k_ms: r2(f['enforced-large'].p50Ms),
    latency_connections: report.config.latencyConnections,
    enforced_p50_single_ms: r2(f.enforced.latencyP50Ms),
    plain_p50_single_ms: r2(f.plain.latencyP50Ms),
    hive_p50_single_ms: r2(f.hive.latencyP50Ms),
    floor_p50_single_ms: r2(f.floor.latencyP50Ms),
    p50_1k_single_ms: r2(f.enforced.latencyP50Ms),
    p50_150k_single_ms: r2(f['enforced-large'].latencyP50Ms),
    enforced_p99_single_ms: r2(f.enforced.latencyP99Ms),
    cpu_ms_per_request: Object.fromEntries(
      Object.entries(f).map(([k, x]) => [
        k,
        { gateway: r2(x.gatewayCpuMs), subgraphs: r2(x.subgraphsCpuMs) },
      ]),
    ),
    rps_150k: r1(f['enforced-large'].rps),
    enforced_rss_mib: Math.round(f.enforced.rssBytes / 2 ** 20),
    plain_rss_mib: Math.round(f.plain.rssBytes / 2 ** 20),
    hive_rss_mib: Math.round(f.hive.rssBytes / 2 ** 20),
    enforced_150k_rss_mib: Math.round(f['enforced-large'].rssBytes / 2 ** 20),
    store_queries_per_request: main?.readsTotal ?? null,
    store_queries_by_household_size: Object.fromEntries(
      report.sizes.map((s) => [`${s.town}/${s.size}`, s.readsTotal]),
    ),
    store_queries_per_request_under_load: r2(report.storeQueriesUnderLoad),
    audit_writes_per_request_under_load: r2(report.auditWritesPerRequestUnderLoad),
    plan_fetches: report.planFetches,
    targets: {
      statistic: 'median of round-by-round ratios',
      access_control_cost_vs_plain: r2(t.overheadVsPlain),
      access_control_cost_met: t.overheadVsPlain <= 0.1,
      p50_vs_floor: r2(t.p50VsFloor),
      p50_vs_floor_met: t.p50VsFloor <= 1.5,
      p50_vs_floor_single: r2(t.p50VsFloorSingle),
      p50_vs_floor_single_met: t.p50VsFloorSingle <= 1.5,
      p50_large_vs_small: r2(t.p50LargeVsSmall),
      p50_large_vs_small_met: t.p50LargeVsSmall <= 1.2,
      p50_large_vs_small_single: r2(t.p50LargeVsSmallSingle),
      p50_large_vs_small_single_met: t.p50LargeVsSmallSingle <= 1.2,
      store_queries_constant: t.storeQueriesConstant,
      rps_vs_hive: r2(t.rpsVsHive),
      rps_vs_hive_met: t.rpsVsHive >= 1,
      rps_vs_hive_rust: t.rpsVsHiveRust === null ? null : r2(t.rpsVsHiveRust),
      rps_vs_hive_rust_met: t.rpsVsHiveRust === null ? null : t.rpsVsHiveRust >= 1,
    },
    load_average_start: report.machine.loadAvgStart.map(r2),
    load_average_end: report.machine.loadAvgEnd.map(r2),
    seconds: Math.round(report.seconds),
  };
}

function markdown(report: BenchReport): string {
  const f = report.figures;
  const c = report.config;
  const t = evaluate(report);
  const ok = (met: boolean) => (met ? 'met' : '**missed**');
  const list = (xs: number[]) => xs.map((x) => `${r2(x)}`).join(', ');
  const row = (name: string, x: TargetFigures) =>
    `| ${name} | ${r1(x.rps)} (${r1(x.rpsMin)}–${r1(x.rpsMax)}) | ${r1(x.p50Ms)} | ${r1(x.p99Ms)} | ${r1(x.latencyP50Ms)} | ${r1(x.latencyP99Ms)} | ${r2(x.gatewayCpuMs)} | ${r2(x.subgraphsCpuMs)} | ${mib(x.rssBytes)} |`;
  const plan = Object.entries(report.planFetches)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const sizes = report.sizes
    .map(
      (s) =>
        `| ${int(s.town)} | ${s.household} | ${s.size} | ${s.records} | ${SERVICES.map((k) => r2(s.reads[k] ?? 0)).join(' | ')} | **${r2(s.readsTotal)}** | ${r2(s.auditWrites)} |`,
    )
    .join('\n');
  return `${BEGIN}

The dashboard's household query (\`bench/scenario.ts\`: members with identity, address and
consent, their 介護, 障害, 子ども and 困窮 records, and the household's case with its team and
plans) for **${report.household.id}**, a synthetic household of ${report.household.size} holding
${report.household.records} silo records, read by s-takikan-01 (多機関協働事業者) in M-BENCH, a
synthetic open 支援会議 with the household on its agenda; the members' consent covers tax, so
every field is disclosed and all gateways return the same ${int(report.responseBytes)}-byte answer
(checked before measuring). The query plan makes ${Object.values(report.planFetches).reduce((a, b) => a + b, 0)} subgraph requests (${plan}); our gateway adds
none (the access facts come with juso's answer).

- **Command**: \`${report.command}\`${c.quick ? ' (quick: smaller town, short runs)' : ''}
- **Machine**: ${report.machine.cpu}, ${report.machine.memoryGiB} GiB, ${report.machine.os}, Node ${report.machine.node}. Shared: load average ${report.machine.loadAvgStart.map(r2).join(' / ')} at the start and ${report.machine.loadAvgEnd.map(r2).join(' / ')} at the end (1/5/15 min), i.e. other work was using the 2 cores too.
- **Date**: ${report.date}
- **Load**: autocannon in its own process, ${c.connections} connections (one request in flight each), ${c.warmupSeconds} s warm-up per path, then ${c.rounds} interleaved round(s): per path ${c.durationSeconds} s at ${c.connections} connections (after ${c.roundWarmupSeconds} s unmeasured), then ${c.latencySeconds} s at ${c.latencyConnections} connection; median of rounds (min–max for req/s). Latency percentiles are exact, from every response time. CPU per request is the process's user + system time over the round divided by the requests it served. Everything (load generator, gateways, subgraphs) shares the same 2 cores.
- **Town**: demo town + ${int(c.smallTown)} synthetic residents; the last row + ${int(c.largeTown)}. Subgraphs on the embedded store in memory; our gateway's audit log on an embedded SQLite store in a temp folder (one record per request, group-committed, its WAL fsynced before the answer leaves).
- **Paths**: *ours* = \`createGatewayService\` in production mode, over subgraphs that verify its credential; *plain* = @apollo/gateway 2.14 in Apollo Server 5 in the same HTTP shell; *Hive* = \`@graphql-hive/gateway-runtime\` on the same supergraph on node:http, with its merging of identical in-flight subgraph requests off (every connection sends the same query here, so merging would share one set of subgraph fetches among concurrent requests — real dashboards read different households, and ours can never merge: each request is signed and audited for its caller; the default is shown in its own row); *Hive (Rust planner)* = the same runtime with \`unifiedGraphHandler\` from \`@graphql-hive/router-runtime\` (Hive Router's query planner, a native addon, and its executor), merging off likewise; *floor* = the plan's subgraph requests sent in sequence by a bare node:http server. Plain, Hive and floor use the same subgraphs over the same stores but with no access control (no credential check, everything granted), so every cost of access control is charged to ours.

| path | req/s at ${c.connections} conn. (min–max) | p50 ms | p99 ms | p50 ms at ${c.latencyConnections} conn. | p99 ms at ${c.latencyConnections} conn. | gateway CPU ms/req | subgraphs CPU ms/req | gateway RSS |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row('ours: access control + audit', f.enforced)}${f['enforced-hive-rust'] ? `\n${row('ours on the Rust planner (GATEWAY_ENGINE=hive-rust)', f['enforced-hive-rust'])}` : ''}
${row('plain @apollo/gateway', f.plain)}
${row('Hive Gateway (in-flight merging off)', f.hive)}${f['hive-rust'] ? `\n${row('Hive Gateway on @graphql-hive/router-runtime (Rust planner; merging off)', f['hive-rust'])}` : ''}${f['hive-dedupe'] ? `\n${row('Hive Gateway, defaults (merges identical in-flight subgraph requests)', f['hive-dedupe'])}` : ''}
${row('floor: no gateway', f.floor)}
${row(`ours, ${int(c.largeTown)} residents`, f['enforced-large'])}

Targets, as the median of round-by-round ratios (paired: each round runs every path
within a couple of minutes, so a burst of other work moves both sides of a ratio):

| target | measured (median; each round) | |
| --- | --- | --- |
| access control + audit cost ≤ 10% of plain's throughput | ${r1(t.overheadVsPlain * 100)}% (${perRound(
    f.enforced.roundRps,
    f.plain.roundRps,
  )
    .map((x) => `${r1((1 - x) * 100)}%`)
    .join(', ')}) | ${ok(t.overheadVsPlain <= 0.1)} |
| p50 ≤ 1.5 × floor, at ${c.connections} connections | ${r2(t.p50VsFloor)} × (${list(perRound(f.enforced.roundP50Ms, f.floor.roundP50Ms))}) | ${ok(t.p50VsFloor <= 1.5)} |
| p50 ≤ 1.5 × floor, at ${c.latencyConnections} connection | ${r2(t.p50VsFloorSingle)} × (${list(perRound(f.enforced.roundLatencyP50Ms, f.floor.roundLatencyP50Ms))}) | ${ok(t.p50VsFloorSingle <= 1.5)} |
| p50 at ${int(c.largeTown)} ≤ 1.2 × p50 at ${int(c.smallTown)}, at ${c.connections} connections | ${r2(t.p50LargeVsSmall)} × (${list(perRound(f['enforced-large'].roundP50Ms, f.enforced.roundP50Ms))}) | ${ok(t.p50LargeVsSmall <= 1.2)} |
| p50 at ${int(c.largeTown)} ≤ 1.2 × p50 at ${int(c.smallTown)}, at ${c.latencyConnections} connection | ${r2(t.p50LargeVsSmallSingle)} × (${list(perRound(f['enforced-large'].roundLatencyP50Ms, f.enforced.roundLatencyP50Ms))}) | ${ok(t.p50LargeVsSmallSingle <= 1.2)} |
| store queries per request do not grow with household size | ${report.sizes.map((s) => r2(s.readsTotal)).join(', ')} | ${ok(t.storeQueriesConstant)} |
| throughput ≥ Hive Gateway's | ${r2(t.rpsVsHive)} × (${list(perRound(f.enforced.roundRps, f.hive.roundRps))}) | ${ok(t.rpsVsHive >= 1)} |${
    t.rpsVsHiveRust === null
      ? ''
      : `\n| throughput ≥ Hive Gateway's on the Rust planner | ${r2(t.rpsVsHiveRust)} × (${list(perRound(f.enforced.roundRps, (f['hive-rust'] as TargetFigures).roundRps))}) | ${ok(t.rpsVsHiveRust >= 1)} |`
  }${
    t.oursHiveVsOursApollo === null
      ? ''
      : `\n| engine: move to the Rust planner if ours on it is ≥ 1.3 × ours on @apollo/gateway | ${r2(t.oursHiveVsOursApollo)} × (${list(perRound((f['enforced-hive-rust'] as TargetFigures).roundRps, f.enforced.roundRps))}) | ${t.oursHiveVsOursApollo >= 1.3 ? 'move' : 'stay on @apollo/gateway'} |`
  }${
    t.oursHiveCostVsHive === null
      ? ''
      : `\n| ours on the Rust planner: cost ≤ 10% of that engine's throughput | ${r1(t.oursHiveCostVsHive * 100)}% | ${ok(t.oursHiveCostVsHive <= 0.1)} |`
  }

Store queries per dashboard request through our gateway (one request at a time, ${c.sequentialRequests}
each; audit writes are store writes of the audit log). Under load the average was
${r2(report.storeQueriesUnderLoad)} store queries and ${r2(report.auditWritesPerRequestUnderLoad)} audit writes (group commit) per request.

| town | household | size | silo records | ${SERVICES.join(' | ')} | total | audit writes |
| ${['town', 'household', 'size', 'records', ...SERVICES, 'total', 'audit'].map(() => '---').join(' | ')} |
${sizes}

${END}`;
}

/** Writes a file as the project's Prettier settings format it. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}

/** Writes last.json and the BENCHMARKS.md section; a quick run writes to bench/out unless `write` is forced. */
export async function writeReport(
  report: BenchReport,
  options: { root: string; write: boolean },
): Promise<Record<string, unknown>> {
  const json = lastJson(report);
  const outDir = path.join(options.root, 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFormatted(path.join(outDir, 'section.md'), `${markdown(report)}\n`);
  if (!options.write) return json;
  await writeFormatted(path.join(options.root, 'bench/last.json'), `${JSON.stringify(json, null, 2)}\n`);
  const file = path.join(options.root, 'BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  await writeFormatted(file, replaceSection(text, markdown(report)));
  return json;
}

export function replaceSection(text: string, generated: string): string {
  const start = text.indexOf(`\n${SECTION}\n`);
  if (start < 0) return `${text.trimEnd()}\n\n${SECTION}\n\n${generated}\n`;
  const bodyStart = start + SECTION.length + 2;
  const next = text.indexOf('\n## ', bodyStart);
  const bodyEnd = next < 0 ? text.length : next + 1;
  const body = text.slice(bodyStart, bodyEnd);
  const b = body.indexOf(BEGIN);
  const e = body.indexOf(END);
  const newBody =
    b >= 0 && e > b
      ? `${body.slice(0, b)}${generated}${body.slice(e + END.length)}`
      : `\n${generated}\n${next < 0 ? '' : '\n'}`;
  return `${text.slice(0, bodyStart)}${newBody}${text.slice(bodyEnd)}`;
}
