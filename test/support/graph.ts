/**
 * Starts the whole federated graph in this process: five subgraphs on the embedded
 * store (in memory) and the gateway, each on a free port.
 */
import { mintDevToken } from '../../shared/auth/dev-idp';
import type { ServiceName } from '../../shared/domain';
import { SERVICES } from '../../shared/domain';
import type { RunningService } from '../../shared/http/service';
import { startService } from '../../shared/http/service';
import { EmbeddedStore, openStore } from '../../shared/store';
import type { Store } from '../../shared/store';
import { reseed, SUBGRAPH_FACTORIES } from '../../subgraphs/registry';
import type { GatewayService } from '../../gateway/server';
import { createGatewayService } from '../../gateway/server';

export interface TestGraph {
  url: string;
  stores: Record<ServiceName, Store>;
  gateway: GatewayService;
  services: Record<ServiceName, RunningService>;
  /** A query as a staff member (`as`, a dev IdP token), optionally in a meeting. */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface QueryOptions {
  as?: string;
  meeting?: string;
  headers?: Record<string, string>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

export interface TestGraphOptions {
  syntheticResidents?: number;
  /** Run every service on MongoDB (MONGODB_URI) instead of the embedded store. */
  mongodb?: boolean;
}

export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const stores = {} as Record<ServiceName, Store>;
  const services = {} as Record<ServiceName, RunningService>;
  const auditStore = new EmbeddedStore();
  let gateway: GatewayService;
  let running: RunningService;
  try {
    for (const name of SERVICES) {
      const store = options.mongodb
        ? await openStore({
            service: name,
            env: { ...process.env, MONGODB_DB_PREFIX: `juso_test_${process.pid}` },
          })
        : new EmbeddedStore();
      await reseed(name, store, { syntheticResidents: options.syntheticResidents ?? 0 });
      stores[name] = store;
      services[name] = await (await SUBGRAPH_FACTORIES[name].create(store)).start(0);
    }
    const subgraphUrls = Object.fromEntries(SERVICES.map((n) => [n, services[n].url]));
    gateway = await createGatewayService({ subgraphUrls, auditStore });
    running = await startService(gateway, 0);
  } catch (error) {
    // Leave nothing listening behind a failed start.
    await Promise.all(Object.values(services).map((s) => s.stop()));
    throw error;
  }

  return {
    url: running.url,
    stores,
    gateway,
    services,
    async query<T>(query: string, variables?: Record<string, unknown>, options: QueryOptions = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.as) headers.authorization = `Bearer ${await mintDevToken(options.as)}`;
      if (options.meeting) headers['x-meeting-id'] = options.meeting;
      const res = await fetch(running.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as GraphQLResponse<T>['body'], text };
    },
    async stop() {
      await running.stop();
      await Promise.all(Object.values(services).map((s) => s.stop()));
      await Promise.all([...Object.values(stores), auditStore].map((s) => s.close()));
    },
  };
}
