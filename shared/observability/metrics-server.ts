/**
 * GET /metrics in the Prometheus text format, on a port of its own: METRICS_PORT,
 * bound to METRICS_HOST (default 127.0.0.1, so only the machine itself — a Prometheus
 * on it, or an SSH tunnel — can read it). Nothing else is served there, and the public
 * GraphQL port has no /metrics. One server per process, however many services the
 * process runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logger';
import { registry } from './metrics';

const log = createLogger('metrics');

export interface MetricsServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startMetricsServer(port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      (error: unknown) => {
        log.error({ err: error }, 'metrics collection failed');
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // The metrics port must never keep a stopping process alive.
  server.unref();
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host}:${actual}/metrics`;
  log.info({ url }, 'metrics listening');
  return {
    port: actual,
    url,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let started: Promise<MetricsServer | null> | null = null;

/**
 * The process's metrics server, started on first call when METRICS_PORT is set (the
 * service shell calls this for every service it starts). Null when it is not set.
 */
export function ensureMetricsServer(env: NodeJS.ProcessEnv = process.env): Promise<MetricsServer | null> {
  if (started) return started;
  const raw = env.METRICS_PORT;
  if (raw === undefined || raw === '' || raw === 'off') return Promise.resolve(null);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return Promise.reject(new Error(`METRICS_PORT must be a port number, not ${raw}`));
  started = startMetricsServer(port, env.METRICS_HOST ?? '127.0.0.1');
  return started;
}
