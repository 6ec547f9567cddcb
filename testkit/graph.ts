/**
 * The whole federated graph in this process: the 重層 subgraph, the silo subgraphs
 * and the gateway, each on a free port (port 0) of 127.0.0.1, on in-memory embedded
 * stores. Nothing is read from the environment and nothing is written to disk, so
 * graphs in parallel test workers — or several in one process — do not meet.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { MintOptions } from '../shared/auth/dev-idp';
import { mintDevToken } from '../shared/auth/dev-idp';
import { CredentialSigner, CredentialVerifier } from '../shared/auth/gateway-credential';
import type { ServiceName } from '../shared/domain';
import { SERVICES } from '../shared/domain';
import type { RunningService, Startable } from '../shared/http/service';
import { startable, startService } from '../shared/http/service';
import { createStoredSiloService } from '../shared/silo/subgraph';
import { StoreRecordSource } from '../shared/silo/store-source';
import type { GraphRecord, LinkedNativeDoc, RecordSource } from '../shared/silo/types';
import { EmbeddedStore, openStore } from '../shared/store';
import type { Store } from '../shared/store';
import { DEMO_AGENCIES } from '../shared/town/agencies';
import { JusoRepository } from '../subgraphs/juso/repository';
import { createJusoService } from '../subgraphs/juso/server';
import { SUBGRAPH_FACTORIES } from '../subgraphs/registry';
import { authConfigFromEnv } from '../gateway/auth/config';
import { loadSupergraph } from '../gateway/compose';
import type { GatewayService } from '../gateway/server';
import { createGatewayService } from '../gateway/server';
import type { ResolvedTown, TownOption } from './fixtures';
import { FixtureError, loadResolved, resolveTown } from './fixtures';
import type { GraphRecordOf, SiloKit, SiloService } from './silos';
import { isSiloService, SILO_NAMES, siloKit } from './silos';

const HOST = '127.0.0.1';

export interface QueryOptions {
  /** Act as this staff member (a dev IdP token for them is sent). */
  as?: string;
  /** Act in this meeting (`X-Meeting-Id`). */
  meeting?: string;
  /** Extra request headers; `authorization` here wins over `as`. */
  headers?: Record<string, string>;
}

export interface GraphQLResponse<T> {
  status: number;
  body: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  /** The response body as sent. */
  text: string;
}

/** Agency adapters to put behind silos instead of the silo's own store. */
export type SiloAdapters = { [S in SiloService]?: RecordSource<GraphRecordOf<S>> };

export interface TestGraphOptions {
  /**
   * The data the graph starts with, and returns to on `reset()`: the demo town of
   * SCENARIOS.md (default), an empty town (agencies only), or fixtures given inline.
   */
  town?: TownOption;
  /** Synthetic residents on top of the demo town (scale tests). Demo town only. */
  syntheticResidents?: number;
  /**
   * The silos that run (default: all four). A silo left out is not running: the
   * gateway still starts, and that silo's fields resolve to null with an error.
   */
  silos?: readonly SiloService[];
  /** A silo served by your own adapter (`RecordSource`) instead of its store. */
  adapters?: SiloAdapters;
  /** The gateway's per-subgraph timeout (default 5000 ms). */
  subgraphTimeoutMs?: number;
  /**
   * Run every service on MongoDB (MONGODB_URI) instead of the embedded store: for the
   * project's own tests. Each graph uses databases of its own, dropped on stop.
   */
  mongodb?: boolean;
  /**
   * `'production'`: the gateway and every subgraph as under NODE_ENV=production —
   * errors masked to their code, no introspection, no field suggestions, no landing
   * page — without touching the process's NODE_ENV. Default `'development'`.
   */
  mode?: 'development' | 'production';
}

export interface TestGraph {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:41234/graphql`. */
  url: string;
  /** A signed staff token (dev IdP) for a demo-town staff member, for `Authorization: Bearer …`. */
  token(staffId: string, options?: MintOptions): Promise<string>;
  /** A query as a staff member (`as`), optionally in a meeting. */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLResponse<T>>;
  /** Back to the town the graph started with; the audit log emptied. Call between tests. */
  reset(): Promise<void>;
  /** Stops every server and closes every store; safe to call twice. */
  stop(): Promise<void>;
  /** The silos that run. */
  silos: readonly SiloService[];
  /** The mode the graph runs in. */
  mode: 'development' | 'production';
  /** Each service's store: change data in a test (e.g. withdraw a consent). */
  stores: Record<ServiceName, Store>;
  /**
   * Where each service listens. A silo that is not running has a listener that
   * refuses every connection, so its entry is there but answers nothing.
   */
  services: Record<ServiceName, RunningService>;
  /** The gateway's internals (audit log, fetch counts): for the project's own tests. */
  gateway: GatewayService;
}

/**
 * The supergraph file, checked against the subgraphs' schemas once per process:
 * composition costs more than the rest of a start, and its result cannot change
 * while the process runs.
 */
let supergraphSdl: string | undefined;
function supergraph(): string {
  supergraphSdl ??= loadSupergraph();
  return supergraphSdl;
}

/** Listens on a free port and resets every connection: a silo that is down. */
async function startAbsent(name: ServiceName): Promise<RunningService> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | null = null;
  return {
    name: `${name} (not running)`,
    port,
    url: `http://${HOST}:${port}/graphql`,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return stopping;
    },
  };
}

/** The indexes a service's code creates on start, again after a reset dropped them. */
async function ensureIndexes(name: ServiceName, store: Store): Promise<void> {
  if (name === 'juso') await new JusoRepository(store).ensureIndexes();
  else await new StoreRecordSource(store, siloKit(name).store).ensureIndexes();
}

function checkOptions(options: TestGraphOptions): { silos: SiloService[]; town: TownOption } {
  const town = options.town ?? 'demo';
  if (options.mode !== undefined && options.mode !== 'development' && options.mode !== 'production')
    throw new FixtureError(`mode: ${String(options.mode)} is neither 'development' nor 'production'`);
  if (town !== 'demo' && options.syntheticResidents)
    throw new FixtureError('syntheticResidents adds to the demo town only');
  const silos = [...(options.silos ?? SILO_NAMES)];
  for (const s of silos) if (!isSiloService(s)) throw new FixtureError(`silos: ${String(s)} is not a silo`);
  for (const [silo, adapter] of Object.entries(options.adapters ?? {})) {
    if (!isSiloService(silo)) throw new FixtureError(`adapters.${silo}: not a silo`);
    if (!adapter) continue;
    if (typeof adapter.findByResidentIds !== 'function')
      throw new FixtureError(`adapters.${silo}: not a RecordSource (no findByResidentIds)`);
    if (!silos.includes(silo))
      throw new FixtureError(`adapters.${silo} given, but ${silo} is not among the silos that run`);
    if (typeof town === 'object' && town.records?.[silo]?.length)
      throw new FixtureError(
        `records.${silo} given, but ${silo} is served by your adapter: its records come from the adapter`,
      );
  }
  // Without a URI, openStore would fall back to an embedded store on disk (.data/).
  if (options.mongodb && !process.env.MONGODB_URI) throw new FixtureError('mongodb: true needs MONGODB_URI');
  return { silos: SILO_NAMES.filter((s) => silos.includes(s)), town };
}

async function buildSilo<N extends LinkedNativeDoc, G extends GraphRecord>(
  kit: SiloKit<N, G>,
  store: Store,
  source: RecordSource<G> | undefined,
  verifier: CredentialVerifier,
  production: boolean,
): Promise<Startable> {
  return startable(
    await createStoredSiloService(store, kit.definition, kit.store, source, { verifier, production }),
  );
}

export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const { silos, town } = checkOptions(options);
  const resolved: ResolvedTown | null = typeof town === 'object' ? resolveTown(town) : null;
  const synthetic = options.syntheticResidents ?? 0;
  const mode = options.mode ?? 'development';
  const production = mode === 'production';

  /** Puts the chosen town into an empty store (after its indexes, so unique keys are checked). */
  async function load(name: ServiceName, store: Store): Promise<void> {
    await ensureIndexes(name, store);
    if (town === 'demo') await SUBGRAPH_FACTORIES[name].seed(store, { syntheticResidents: synthetic });
    else if (town === 'empty') {
      if (name === 'juso') await loadResolved(store, resolveTown({}).juso);
    } else {
      try {
        await loadResolved(store, (resolved as ResolvedTown)[name]);
      } catch (error) {
        throw new FixtureError(`${name}: ${(error as Error).message}`);
      }
    }
  }

  const stores = {} as Record<ServiceName, Store>;
  const services = {} as Record<ServiceName, RunningService>;
  const auditStore = new EmbeddedStore();
  let running: RunningService | undefined;
  let gateway: GatewayService;
  const mongoPrefix = `juso_test_${process.pid}_${randomUUID().slice(0, 8)}`;

  async function closeAll(): Promise<void> {
    await running?.stop();
    await Promise.all(Object.values(services).map((s) => s.stop()));
    if (options.mongodb) await Promise.all(Object.values(stores).map((s) => s.drop()));
    await Promise.all([...Object.values(stores), auditStore].map((s) => s.close()));
  }

  try {
    // The demo keys (dev/gateway-keys/, one per subgraph) and the demo IdP, named
    // explicitly: the environment of the process running the tests (GATEWAY_*,
    // SUBGRAPH_KEY*, AUTH_*, HOST) plays no part.
    const signer = await CredentialSigner.fromEnv({});
    // Settled, not all: on a failure every sibling has finished starting before closeAll.
    const started = await Promise.allSettled(
      SERVICES.map(async (name) => {
        const store = options.mongodb
          ? await openStore({
              service: name,
              env: { MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB_PREFIX: mongoPrefix },
            })
          : new EmbeddedStore();
        stores[name] = store;
        if (options.mongodb) await store.drop();
        await load(name, store);
        const verifier = await CredentialVerifier.fromEnv(name, {});
        if (name === 'juso') {
          services[name] = await startService(
            await createJusoService(store, { verifier, production }),
            0,
            HOST,
          );
        } else if (!silos.includes(name)) {
          services[name] = await startAbsent(name);
        } else {
          const source = options.adapters?.[name] as RecordSource<GraphRecord> | undefined;
          services[name] = await (
            await buildSilo(siloKit(name), store, source, verifier, production)
          ).start(0, HOST);
        }
      }),
    );
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    gateway = await createGatewayService({
      subgraphUrls: Object.fromEntries(SERVICES.map((n) => [n, services[n].url])),
      supergraphSdl: supergraph(),
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5_000,
      production,
      auditStore,
      signer,
      auth: authConfigFromEnv({}),
      // Integrators' tests send their own documents, in production mode too.
      allowArbitraryOperations: true,
      // The kit is the demo town by design, also under NODE_ENV=production.
      allowDemoKeys: true,
      agencies: DEMO_AGENCIES,
    });
    running = await startService(gateway, 0, HOST);
  } catch (error) {
    // Leave nothing listening behind a failed start.
    await closeAll().catch(() => undefined);
    throw error;
  }
  const url = running.url;

  let stopping: Promise<void> | null = null;
  return {
    url,
    silos,
    mode,
    stores,
    services,
    gateway,
    token: (staffId, mint) => mintDevToken(staffId, mint),
    async query<T>(query: string, variables?: Record<string, unknown>, q: QueryOptions = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (q.as) headers.authorization = `Bearer ${await mintDevToken(q.as)}`;
      if (q.meeting) headers['x-meeting-id'] = q.meeting;
      // Header names are case-insensitive: `Authorization` here replaces the token from `as`.
      for (const [name, value] of Object.entries(q.headers ?? {})) headers[name.toLowerCase()] = value;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: GraphQLResponse<T>['body'];
      try {
        body = JSON.parse(text) as GraphQLResponse<T>['body'];
      } catch {
        body = { errors: [{ message: `not a JSON response (HTTP ${res.status}): ${text.slice(0, 200)}` }] };
      }
      return { status: res.status, body, text };
    },
    async reset() {
      await Promise.all(
        SERVICES.map(async (name) => {
          await stores[name].drop();
          await load(name, stores[name]);
        }),
      );
      await auditStore.drop();
      await gateway.auditLog.init();
    },
    stop() {
      stopping ??= closeAll();
      return stopping;
    },
  };
}
