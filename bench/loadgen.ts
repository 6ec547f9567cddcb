/**
 * Child process: the load generator (autocannon), apart from the gateways and the
 * subgraphs. It takes one job at a time from the orchestrator: a warm-up, then the
 * measured run at a fixed number of connections, each keeping one request in flight.
 * Latency percentiles are computed from every response time (autocannon's own
 * histogram rounds to whole milliseconds, too coarse at these latencies).
 */
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { onTerminate } from './ipc';

export interface LoadJob {
  type: 'run';
  id: number;
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  /** Responses during the warm-up (not measured, but they reached the stores too). */
  warmupRequests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

async function fire(job: LoadJob, seconds: number, latencies: number[]): Promise<Result> {
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    method: 'POST',
    headers: job.headers,
    body: job.body,
    timeout: 30,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  return instance;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const warm: number[] = [];
  if (job.warmupSeconds > 0) await fire(job, job.warmupSeconds, warm);
  const latencies: number[] = [];
  const result = await fire(job, job.durationSeconds, latencies);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    warmupRequests: warm.length,
    seconds: result.duration,
    rps: latencies.length / result.duration,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

process.on('message', (job: LoadJob) => {
  if (job.type !== 'run') return;
  run(job).then(
    (result) => process.send?.({ type: 'result', id: job.id, result }),
    (error: unknown) => process.send?.({ type: 'result', id: job.id, error: String(error) }),
  );
});
onTerminate(async () => undefined);
process.send?.({ type: 'ready', url: '' });
