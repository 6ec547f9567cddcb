/**
 * `npm start`: the whole system on one machine. Checks the supergraph, then starts
 * the five subgraphs and the gateway as six processes on the embedded store (or on
 * MongoDB when MONGODB_URI is set), loading the demo town into empty stores.
 * Ctrl-C stops them all.
 *
 * Run from the sources (tsx), it starts the services from their sources; run compiled
 * (dist/scripts/start.js, `NODE_ENV=production npm start` after `npm run build`), it
 * starts the compiled services beside it, with plain node.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServiceName } from '../shared/domain';
import { loadSupergraph } from '../gateway/compose';
import { SUBGRAPHS } from '../shared/services';
import { launchService, waitHealthy } from './launch';

/** The tree this launcher belongs to: the sources, or dist/ for the compiled build. */
const tree = path.resolve(__dirname, '..');
const compiled = path.extname(__filename) === '.js';
/** The working directory every service shares (its .data/): the project, also when compiled. */
const projectRoot = compiled ? path.resolve(tree, '..') : tree;

function launch(name: ServiceName | 'gateway', env: NodeJS.ProcessEnv): ChildProcess {
  const child = launchService(name, compiled, { tree, cwd: projectRoot, env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything`);
      stopAll(1);
    }
  });
  return child;
}

/**
 * Each service's /metrics port (docs/OPERATIONS.md): METRICS_PORT_BASE (9464, the
 * Prometheus exporters' customary port) for the gateway, then one more per subgraph
 * in the order of their GraphQL ports; METRICS_PORT_BASE=off for none.
 */
function metricsPort(graphqlPort: number): Record<string, string> {
  const base = process.env.METRICS_PORT_BASE ?? '9464';
  return base === 'off' ? {} : { METRICS_PORT: String(Number(base) + graphqlPort - 4000) };
}

let stopping = false;
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 6_000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  ).then(() => process.exit(code));
}

async function main(): Promise<void> {
  loadSupergraph();
  const env = {
    SEED: process.env.SEED ?? 'if-empty',
    SYNTHETIC_RESIDENTS: process.env.SYNTHETIC_RESIDENTS ?? '0',
  };
  for (const s of SUBGRAPHS) {
    children.push(
      launch(s.name, {
        ...env,
        PORT: String(s.defaultPort),
        ...metricsPort(s.defaultPort),
      }),
    );
  }
  await Promise.all(SUBGRAPHS.map((s) => waitHealthy(`http://127.0.0.1:${s.defaultPort}/graphql`, s.name)));
  children.push(
    launch('gateway', {
      PORT: process.env.PORT ?? '4000',
      ...metricsPort(4000),
      // The dashboard's demo sign-in (POST /dev-idp/token); never on in production.
      DEV_IDP_SIGNIN: process.env.DEV_IDP_SIGNIN ?? '1',
    }),
  );
  await waitHealthy(`http://127.0.0.1:${process.env.PORT ?? '4000'}/graphql`, 'gateway');
  console.log(`\nさくら町 demo town is up: http://127.0.0.1:${process.env.PORT ?? '4000'}/graphql\n`);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
