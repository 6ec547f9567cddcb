/**
 * Starting one service as its own process, from the TypeScript sources (node --import
 * tsx) or from a compiled build (plain node on dist/…/index.js): what `npm start`, the
 * compiled-build test and the start-up benchmark share.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import path from 'node:path';
import type { ServiceName } from '../shared/domain';

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
