/** Messages between the benchmark's orchestrator (run.ts) and its child processes. */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import path from 'node:path';
import type { ServiceName } from '../shared/domain';
import type { BenchScenario } from './scenario';

export type Urls = Record<ServiceName, string>;

export interface SubgraphsReady {
  type: 'ready';
  /** Subgraphs that verify the gateway credential and resolve only what it grants. */
  enforced: Urls;
  /** The same subgraphs over the same stores, with no access control (plain and Hive gateways, floor). */
  open: Urls;
  scenario: BenchScenario;
  seedMs: number;
}

export interface GatewayReady {
  type: 'ready';
  url: string;
}

export interface StatsReply {
  type: 'stats';
  id: number;
  stats: Record<string, number>;
}

export type ChildMessage = SubgraphsReady | GatewayReady | StatsReply | { type: 'error'; message: string };

export interface Child<R extends ChildMessage> {
  proc: ChildProcess;
  ready: R;
  /** Counters the child keeps (store reads, fetches, audit writes). */
  stats(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts a TypeScript child (through tsx) and waits for its `ready`. */
export async function startChild<R extends ChildMessage>(
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {},
): Promise<Child<R>> {
  const proc = fork(path.join(__dirname, script), args, {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    // NODE_ENV=production as a deployment sets it (graphql-js skips its development checks), for every path alike.
    env: {
      LOG_LEVEL: 'warn',
      ...process.env,
      NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
      // The benchmark is the demo town on the committed dev/ keys, which production refuses otherwise.
      ALLOW_DEMO_KEYS: '1',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<R>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${script} exited (${code}) before it was ready`));
    proc.once('exit', onExit);
    proc.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') {
        proc.off('exit', onExit);
        resolve(m as R);
      } else if (m.type === 'error') reject(new Error(`${script}: ${m.message}`));
    });
  });
  let next = 0;
  return {
    proc,
    ready,
    stats() {
      const id = ++next;
      return new Promise((resolve) => {
        const onMessage = (m: ChildMessage) => {
          if (m.type === 'stats' && m.id === id) {
            proc.off('message', onMessage);
            resolve(m.stats);
          }
        };
        proc.on('message', onMessage);
        proc.send({ type: 'stats', id });
      });
    },
    stop() {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}

/** In a child: answers `stats` requests with what `read` returns. */
export function serveStats(read: () => Record<string, number>): void {
  process.on('message', (m: { type?: string; id?: number }) => {
    if (m.type === 'stats' && typeof m.id === 'number')
      process.send?.({ type: 'stats', id: m.id, stats: read() } satisfies StatsReply);
  });
}

/** In a child: reports a failed start to the parent, then exits. */
export function failStart(error: unknown): never {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ type: 'error', message });
  console.error(message);
  process.exit(1);
}

export function onTerminate(stop: () => Promise<void>): void {
  // Apollo Server adds its own SIGINT/SIGTERM listeners, one per server: ten in the subgraph process.
  process.setMaxListeners(50);
  const handler = () => {
    stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  process.once('disconnect', handler);
}

/** A flag's value from argv: `--name value`. */
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  return v;
}
