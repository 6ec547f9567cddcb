/**
 * Tracing off vs on, side by side in one run (BENCHMARKS.md, "Tracing"): the demo
 * town's household dashboard query (DashboardHousehold, H-DOUBLE in M-J1) against the
 * in-process test graph, in interleaved rounds of `off`, `on` and `off again` so that
 * drift of a shared machine falls on all three alike. `on` exports every span with the
 * real OTLP/HTTP exporter (batched) to a local sink that answers 200; `off again`
 * against `off` is the noise floor.
 *
 *   npx tsx bench/tracing.ts [--rounds 5] [--seconds 3] [--concurrency 4]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DashboardHouseholdDocument } from '../dashboard/generated/graphql';
import { mintDevToken } from '../town/dev-idp';
import { setTracingOn } from '../shared/observability/tracing';
import { startTestGraph } from '../testkit/graph';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);

async function sink(): Promise<{ url: string; spans: () => number; close: () => void }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => bytes,
    close: () => server.close(),
  };
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
}

async function round(url: string, body: string, headers: Record<string, string>): Promise<Round> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers, body });
        await res.text();
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const collector = await sink();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
  // The SDK is started once; `off` rounds switch the helpers off as an unset endpoint does.
  const { startTracing, stopTracing } = await import('../shared/observability/sdk');
  startTracing('bench');
  setTracingOn(false);
  const graph = await startTestGraph();
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${await mintDevToken('s-takikan-01')}`,
    'x-meeting-id': 'M-J1',
  };
  const body = JSON.stringify({ query: DashboardHouseholdDocument, variables: { id: 'H-DOUBLE' } });
  // Warm-up: JIT, the query plan and document caches, the keep-alive connections.
  await round(graph.url, body, headers);
  const load = os.loadavg()[0];
  const results: Record<'off' | 'on' | 'offAgain', Round[]> = { off: [], on: [], offAgain: [] };
  const ratios: { on: number[]; offAgain: number[] } = { on: [], offAgain: [] };
  for (let i = 0; i < ROUNDS; i++) {
    setTracingOn(false);
    const off = await round(graph.url, body, headers);
    setTracingOn(true);
    const on = await round(graph.url, body, headers);
    setTracingOn(false);
    const offAgain = await round(graph.url, body, headers);
    results.off.push(off);
    results.on.push(on);
    results.offAgain.push(offAgain);
    ratios.on.push(on.rps / off.rps);
    ratios.offAgain.push(offAgain.rps / off.rps);
    process.stderr.write(
      `round ${i + 1}: off ${off.rps.toFixed(0)}/s, on ${on.rps.toFixed(0)}/s, off again ${offAgain.rps.toFixed(0)}/s\n`,
    );
  }
  await graph.stop();
  await stopTracing();
  collector.close();
  const row = (name: string, rs: Round[], ratio?: number[]) =>
    `| ${name} | ${median(rs.map((r) => r.rps)).toFixed(0)} | ${median(rs.map((r) => r.p50)).toFixed(1)} | ${median(rs.map((r) => r.p99)).toFixed(1)} | ${ratio ? `${((median(ratio) - 1) * 100).toFixed(1)} %` : '—'} |`;
  console.log(
    [
      `${ROUNDS} rounds × ${SECONDS} s each, concurrency ${CONCURRENCY}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${load?.toFixed(2)} at start, ${os.loadavg()[0]?.toFixed(2)} at end; ${(collector.spans() / 1e6).toFixed(1)} MB of OTLP/JSON exported`,
      '',
      '| tracing | req/s (median) | p50 ms | p99 ms | throughput vs off (median of paired ratios) |',
      '| --- | --- | --- | --- | --- |',
      row('off', results.off),
      row('on (OTLP/HTTP, batched)', results.on, ratios.on),
      row('off again (noise floor)', results.offAgain, ratios.offAgain),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
