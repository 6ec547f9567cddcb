/**
 * Child process: one gateway of the comparison, on a free port.
 *
 *   enforced  our gateway (createGatewayService): staff token, per-field decisions before
 *             every silo fetch, signed credentials, answers re-checked, audit log on an
 *             embedded store whose journal (fsync'd) is in a temp folder
 *   plain     @apollo/gateway in Apollo Server over the no-access-control subgraphs,
 *             in the same HTTP shell as ours (shared/http/service.ts), nothing added
 *   hive      Hive Gateway's runtime (@graphql-hive/gateway-runtime) on the same
 *             supergraph SDL, over the no-access-control subgraphs, on node:http
 *   hive-rust the same on Hive Router's runtime (@graphql-hive/router-runtime): the Rust
 *             query planner (a native addon) and its executor in place of the JS planner
 *   enforced-hive-rust  ours on the Rust planner (GATEWAY_ENGINE=hive-rust): the same
 *             enforcement, data sources and Apollo Server shell, planned by Hive Router's planner
 *   floor     no gateway: the subgraph requests the query plan makes (captured once from
 *             @apollo/gateway at start), sent directly and in sequence per request
 *
 *   tsx bench/gateway.ts --kind enforced --urls '{"juso":…}' [--audit-dir DIR]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { loadSupergraph } from '../gateway/compose';
import type { EngineName } from '../gateway/engine/hive-rust';
import type * as ServerModule from '../gateway/server';
import type { ServiceName } from '../shared/domain';
import type * as HttpServiceModule from '../shared/http/service';
import type { RunningService } from '../shared/http/service';
import { readBody, startService } from '../shared/http/service';
import type * as StoreModule from '../shared/store';
import { arg, failStart, onTerminate, serveStats } from './ipc';
import { DASHBOARD_QUERY } from './scenario';
import type { GatewayReady, Urls } from './ipc';

type Kind = 'enforced' | 'enforced-hive-rust' | 'plain' | 'hive' | 'hive-dedupe' | 'hive-rust' | 'floor';

/** The supergraph with each subgraph's URL replaced by where the benchmark runs it. */
export function supergraphAt(urls: Urls): string {
  return loadSupergraph().replace(
    /(@join__graph\(name: "([a-z]+)", url: ")[^"]*(")/g,
    (_m, head: string, name: string, tail: string) => `${head}${urls[name as ServiceName]}${tail}`,
  );
}

const counters: Record<string, number> = {};
const count = (key: string, n = 1) => (counters[key] = (counters[key] ?? 0) + n);

class CountingDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly name: string,
    url: string,
  ) {
    super({ url });
  }
  override willSendRequest(options: GraphQLDataSourceProcessOptions<BaseContext>): void {
    count(`fetch.${this.name}`);
    super.willSendRequest?.(options);
  }
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  server.keepAliveTimeout = 65_000;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function enforced(
  urls: Urls,
  engine: EngineName = 'apollo',
): Promise<{ url: string; stop: () => Promise<void> }> {
  // This checkout's code, or that of `--root` (a worktree of an earlier commit, for before/after).
  const root = arg('root', path.resolve(__dirname, '..'));
  const load = <T>(file: string) => import(path.join(root, file)) as Promise<T>;
  const { createGatewayService } = await load<typeof ServerModule>('gateway/server.ts');
  const { EmbeddedStore } = await load<typeof StoreModule>('shared/store/index.ts');
  const shell = await load<typeof HttpServiceModule>('shared/http/service.ts');
  const dir = fs.mkdtempSync(path.join(arg('audit-dir', os.tmpdir()), 'juso-bench-audit-'));
  // As openStore opens the audit store: its WAL fsynced off the event loop.
  const auditStore = new EmbeddedStore({ dataDir: dir, durability: 'wal-fsync' });
  // The benchmark's query is a trusted operation of this gateway, as the dashboard's own are in
  // production: the trusted-documents check is paid as it would be (a checkout without it ignores this).
  const operations = path.join(dir, 'operations.json');
  fs.writeFileSync(
    operations,
    JSON.stringify({
      operations: [
        { hash: createHash('sha256').update(DASHBOARD_QUERY).digest('hex'), document: DASHBOARD_QUERY },
      ],
    }),
  );
  process.env.TRUSTED_OPERATIONS_FILE = operations;
  const service = await createGatewayService({
    subgraphUrls: urls,
    auditStore,
    production: true,
    // A checkout from before the engine option ignores it (and runs @apollo/gateway).
    ...(engine === 'apollo' ? {} : { engine }),
  } as Parameters<typeof createGatewayService>[0]);
  const context = service.context;
  service.context = (request) => {
    count('requests');
    return context(request);
  };
  const running = await shell.startService(service, 0);
  serveStats(() => {
    const out: Record<string, number> = { ...counters, 'audit.writes': auditStore.stats.writes };
    for (const [k, v] of Object.entries(service.fetchStats.byService)) out[`fetch.${k}`] = v;
    return out;
  });
  return {
    url: running.url,
    stop: async () => {
      await running.stop();
      await auditStore.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function plain(urls: Urls): Promise<{ url: string; stop: () => Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    buildService: ({ name }) => new CountingDataSource(name, urls[name as ServiceName]),
  });
  const apollo = new ApolloServer<BaseContext>({ gateway });
  const running: RunningService = await startService(
    { name: 'plain-apollo-gateway', apollo, context: async () => ({}) },
    0,
  );
  serveStats(() => ({ ...counters }));
  return { url: running.url, stop: () => running.stop() };
}

/**
 * Hive Gateway by default merges identical subgraph requests in flight at the same time.
 * The benchmark sends the same query on every connection, so with that on, eight requests
 * share one set of subgraph fetches: a property of the benchmark, not of dashboards (users
 * read different households; ours can never merge, each request being signed and audited
 * for its caller). The comparison runs Hive without it; `hive-dedupe` shows the default.
 */
async function hive(
  urls: Urls,
  { dedupe = false, rust = false }: { dedupe?: boolean; rust?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const runtime = createGatewayRuntime({
    supergraph: supergraphAt(urls),
    logging: 'error',
    landingPage: false,
    // The Rust planner (Hive Router's, as a native addon) and its executor; the rest of
    // the runtime (HTTP, transports, in-flight merging off) is the same as the JS path's.
    ...(rust ? { unifiedGraphHandler } : {}),
    ...(dedupe ? {} : { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server = http.createServer(runtime);
  const url = await listen(server);
  serveStats(() => ({}));
  return {
    url,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

interface Captured {
  service: string;
  url: string;
  body: string;
}

/** The subgraph requests @apollo/gateway makes for one run of the query, in the order it starts them. */
async function capturePlan(
  urls: Urls,
  query: string,
  variables: Record<string, unknown>,
): Promise<Captured[]> {
  const captured: Captured[] = [];
  class Recording extends RemoteGraphQLDataSource {
    constructor(
      readonly name: string,
      url: string,
    ) {
      super({ url });
    }
    override willSendRequest({ request }: GraphQLDataSourceProcessOptions<BaseContext>): void {
      captured.push({
        service: this.name,
        url: this.url as string,
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    buildService: ({ name }) => new Recording(name, urls[name as ServiceName]),
  });
  const apollo = new ApolloServer<BaseContext>({ gateway });
  await apollo.start();
  const res = await apollo.executeOperation({ query, variables });
  await apollo.stop();
  if (res.body.kind !== 'single' || res.body.singleResult.errors?.length)
    throw new Error(`capturing the plan failed: ${JSON.stringify(res.body)}`);
  return captured;
}

async function floor(urls: Urls): Promise<{ url: string; stop: () => Promise<void> }> {
  const { query, variables } = JSON.parse(arg('request')) as {
    query: string;
    variables: Record<string, unknown>;
  };
  const plan = await capturePlan(urls, query, variables);
  for (const c of plan) count(`plan.${c.service}`);
  // node:http with keep-alive: the cheapest client at hand, so the floor is a floor.
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const post = (url: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const server = http.createServer((req, res) => {
    void (async () => {
      await readBody(req, 1_000_000);
      const parts: string[] = [];
      for (const step of plan) {
        const r = await post(step.url, step.body);
        parts.push(r.text);
        if (r.status !== 200) {
          res.writeHead(502).end(parts.join(''));
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(`[${parts.join(',')}]`);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const url = await listen(server);
  serveStats(() => ({ ...counters }));
  return { url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const kind = arg('kind') as Kind;
  const urls = JSON.parse(arg('urls')) as Urls;
  const start = {
    enforced: (u: Urls) => enforced(u),
    'enforced-hive-rust': (u: Urls) => enforced(u, 'hive-rust'),
    plain,
    hive: (u: Urls) => hive(u),
    'hive-dedupe': (u: Urls) => hive(u, { dedupe: true }),
    'hive-rust': (u: Urls) => hive(u, { rust: true }),
    floor,
  }[kind];
  if (!start) throw new Error(`unknown kind ${kind}`);
  const running = await start(urls);
  onTerminate(running.stop);
  process.send?.({ type: 'ready', url: running.url } satisfies GatewayReady);
}

main().catch(failStart);
