/**
 * Starting one service as its own process, from the TypeScript sources (node --import
 * tsx) or from a compiled build (plain node on dist/…/index.js): what `npm start`, the
 * compiled-build test and the start-up benchmark share.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ServiceName } from '../shared/domain';
import { SUBGRAPHS } from '../shared/services';

export interface LaunchOptions {
  /** The tree the service is started from: the sources, or a build's output (dist/). */
  tree: string;
  /** Its working directory (where a relative DATA_DIR, .data/, lives). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
}

/** The entry module of a service, without extension, relative to the tree. */
export function serviceEntry(name: ServiceName | 'gateway'): string {
  return name === 'gateway' ? 'gateway/index' : `subgraphs/${name}/index`;
}

/** Spawns the service `name` (SERVICE_NAME) from `tree`, compiled or through tsx. */
export function launchService(
  name: ServiceName | 'gateway',
  compiled: boolean,
  options: LaunchOptions,
): ChildProcess {
  const file = path.join(options.tree, `${serviceEntry(name)}${compiled ? '.js' : '.ts'}`);
  // Compiled: source maps, so a stack trace names the TypeScript line it came from.
  const args = compiled ? ['--enable-source-maps', file] : ['--import', 'tsx', file];
  return spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...options.env, SERVICE_NAME: name },
    stdio: options.stdio ?? ['ignore', 'inherit', 'inherit'],
  });
}

/** Resolves when GET /health answers 200; rejects after `timeoutMs` or when `child` exits first. */
export async function waitHealthy(
  url: string,
  name: string,
  child?: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const health = url.replace(/\/graphql$/, '/health');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}) before it was healthy`);
    try {
      if ((await fetch(health)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} did not become healthy`);
}

/** A port nobody listens on now, on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type GraphProcess = ServiceName | 'gateway';

export interface LaunchedGraph {
  gatewayUrl: string;
  children: Map<GraphProcess, ChildProcess>;
  /** Milliseconds from the first spawn until each process answered /health. */
  readyMs: Record<GraphProcess, number>;
  /** SIGTERM to all, resolved once every one has exited. */
  stop(): Promise<void>;
}

/**
 * The five subgraphs (in parallel) and then the gateway, each its own process on a free
 * port, as `npm start` and docker-compose run them: for the compiled-build test and the
 * start-up benchmark. Rejects, stopping what started, if any of them does not come up.
 */
export async function launchGraph(compiled: boolean, options: LaunchOptions): Promise<LaunchedGraph> {
  const env: NodeJS.ProcessEnv = { ...options.env };
  delete env.METRICS_PORT;
  const children = new Map<GraphProcess, ChildProcess>();
  const readyMs = {} as Record<GraphProcess, number>;
  const t0 = performance.now();
  const stop = () =>
    Promise.all(
      [...children.values()].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    ).then(() => undefined);
  const start = async (name: GraphProcess, extra: NodeJS.ProcessEnv): Promise<string> => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const child = launchService(name, compiled, {
      ...options,
      env: { ...env, ...extra, PORT: String(port) },
    });
    children.set(name, child);
    await waitHealthy(url, name, child);
    readyMs[name] = Math.round(performance.now() - t0);
    return url;
  };
  try {
    const urls: Record<string, string> = {};
    await Promise.all(
      SUBGRAPHS.map(async (s) => {
        urls[`${s.name.toUpperCase()}_URL`] = await start(s.name, {});
      }),
    );
    const gatewayUrl = await start('gateway', urls);
    return { gatewayUrl, children, readyMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
