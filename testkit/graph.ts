/**
 * The whole federated graph in this process: the 重層 subgraph, the silo subgraphs
 * and the gateway, each on a free port (port 0) of 127.0.0.1, on in-memory embedded
 * stores. Nothing is read from the environment and nothing is written to disk, so
 * graphs in parallel test workers — or several in one process — do not meet.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { MintOptions } from '../town/dev-idp';
import { mintDevToken } from '../town/dev-idp';
import {
  CredentialSigner,
  CredentialVerifier,
  DEV_SUBGRAPH_KEYS_FILE,
} from '../shared/auth/gateway-credential';
import type { ServiceName } from '../shared/domain';
import { SERVICES, SILOS } from '../shared/domain';
import type { RunningService } from '../shared/http/service';
import { startService } from '../shared/http/service';
import { StoreRecordSource } from '../shared/silo/store-source';
import type { GraphRecord, RecordSource } from '../shared/silo/types';
import { EmbeddedStore, openStore } from '../shared/store';
import type { Store } from '../shared/store';
import { subgraphSdl } from '../shared/schema/load';
import { BUILT_IN_FIELDS } from '../shared/schema/welfare-fields';
import type { AnySilo, Silo } from '../shared/silo/define';
import { anySilo } from '../shared/silo/define';
import { DEMO_AGENCIES, DEMO_STAFF } from '../town/agencies';
import { JusoRepository } from '../subgraphs/juso/repository';
import { createJusoService } from '../subgraphs/juso/server';
import { SUBGRAPH_FACTORIES } from '../subgraphs/registry';
import { authConfigFromEnv } from '../gateway/auth/config';
import { composeSupergraph, loadSupergraph, subgraphSdls } from '../gateway/compose';
import type { GatewayService } from '../gateway/server';
import { createGatewayService } from '../gateway/server';
import type { ResolvedTown, TownOption } from './fixtures';
import { FixtureError, loadResolved, resolveTown } from './fixtures';
import type { GraphRecordOf, SiloService } from './silos';
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
  adapters?: SiloAdapters & Record<string, RecordSource<GraphRecord> | undefined>;
  /**
   * Silos declared with `defineSilo` outside the built-in list (docs/SILOS.md): each runs
   * beside the others, under the same rules — its field in consents and meetings, its
   * agency (and staff member) added to the registry, its own credential key.
   */
  addSilos?: readonly AnySilo[];
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
  /** The silos that run (a silo of `addSilos` by its service name). */
  silos: readonly string[];
  /** The mode the graph runs in. */
  mode: 'development' | 'production';
  /** Each service's store: change data in a test (e.g. withdraw a consent). */
  stores: Record<ServiceName, Store> & Record<string, Store>;
  /**
   * Where each service listens. A silo that is not running has a listener that
   * refuses every connection, so its entry is there but answers nothing.
   */
  services: Record<ServiceName, RunningService> & Record<string, RunningService>;
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
async function startAbsent(name: string): Promise<RunningService> {
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
async function ensureIndexes(kit: Silo | null, store: Store): Promise<void> {
  if (!kit) await new JusoRepository(store).ensureIndexes();
  else await new StoreRecordSource(store, kit.store).ensureIndexes();
}

function checkOptions(options: TestGraphOptions): { silos: string[]; town: TownOption } {
  const town = options.town ?? 'demo';
  if (options.mode !== undefined && options.mode !== 'development' && options.mode !== 'production')
    throw new FixtureError(`mode: ${String(options.mode)} is neither 'development' nor 'production'`);
  if (town !== 'demo' && options.syntheticResidents)
    throw new FixtureError('syntheticResidents adds to the demo town only');
  const added = (options.addSilos ?? []).map((s) => s.service);
  for (const silo of options.addSilos ?? [])
    if (isSiloService(silo.service) || silo.service === 'juso' || SILOS.some((s) => s.field === silo.field))
      throw new FixtureError(`addSilos: ${silo.service} (${silo.field}) is already a silo or its field`);
  const silos: string[] = [...(options.silos ?? SILO_NAMES), ...added];
  for (const s of silos)
    if (!isSiloService(s) && !added.includes(s)) throw new FixtureError(`silos: ${String(s)} is not a silo`);
  for (const [silo, adapter] of Object.entries(options.adapters ?? {})) {
    if (!isSiloService(silo) && !added.includes(silo)) throw new FixtureError(`adapters.${silo}: not a silo`);
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
  return { silos: [...SILO_NAMES.filter((s) => silos.includes(s)), ...added], town };
}

/** The demo keys for the built-in services, and a fresh random key for each added silo. */
async function credentialKeys(added: readonly Silo[]): Promise<{
  signer: CredentialSigner;
  verifier(name: string): Promise<CredentialVerifier>;
}> {
  if (added.length === 0)
    return {
      signer: await CredentialSigner.fromEnv({}),
      verifier: (name) => CredentialVerifier.fromEnv(name, {}),
    };
  const extra = Object.fromEntries(
    added.map((s) => [s.service, { kty: 'oct', alg: 'HS256', k: randomBytes(32).toString('base64url') }]),
  );
  const demo = JSON.parse(fs.readFileSync(DEV_SUBGRAPH_KEYS_FILE, 'utf8')) as Record<string, unknown>;
  return {
    signer: await CredentialSigner.fromKeys({ ...demo, ...extra }),
    verifier: (name) =>
      extra[name] ? CredentialVerifier.fromJwk(extra[name], name) : CredentialVerifier.fromEnv(name, {}),
  };
}

export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const { silos, town } = checkOptions(options);
  const added = (options.addSilos ?? []).map(anySilo);
  const resolved: ResolvedTown | null =
    typeof town === 'object' ? resolveTown(town, { addSilos: added }) : null;
  /** Every service of this graph: the 重層 subgraph (no kit), the built-in silos, the added ones. */
  const kits = new Map<string, Silo | null>([
    ...SERVICES.map((name): [string, Silo | null] => [name, name === 'juso' ? null : siloKit(name)]),
    ...added.map((s): [string, Silo | null] => [s.service, s]),
  ]);
  const names = [...kits.keys()];
  const fields = [...BUILT_IN_FIELDS, ...added.map((s) => ({ field: s.field, label: s.label }))];
  const staff = [
    ...DEMO_STAFF,
    ...added.map((s) => ({ id: s.agency.staff.id, name: s.agency.staff.name, agencyId: s.agency.id })),
  ];
  const synthetic = options.syntheticResidents ?? 0;
  const mode = options.mode ?? 'development';
  const production = mode === 'production';

  /** Puts the chosen town into an empty store (after its indexes, so unique keys are checked). */
  async function load(name: string, store: Store): Promise<void> {
    const kit = kits.get(name) ?? null;
    await ensureIndexes(kit, store);
    if (town === 'demo')
      await (kit ?? SUBGRAPH_FACTORIES.juso).seed(store, { syntheticResidents: synthetic });
    else if (town === 'empty') {
      if (name === 'juso') await loadResolved(store, resolveTown({}).juso);
    } else {
      try {
        await loadResolved(store, (resolved as ResolvedTown)[name] ?? {});
      } catch (error) {
        throw new FixtureError(`${name}: ${(error as Error).message}`);
      }
    }
  }

  const stores = {} as TestGraph['stores'];
  const services = {} as TestGraph['services'];
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
    const keys = await credentialKeys(added);
    const signer = keys.signer;
    // Settled, not all: on a failure every sibling has finished starting before closeAll.
    const started = await Promise.allSettled(
      names.map(async (name) => {
        const store = options.mongodb
          ? await openStore({
              service: name,
              env: { MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB_PREFIX: mongoPrefix },
            })
          : new EmbeddedStore();
        stores[name] = store;
        if (options.mongodb) await store.drop();
        await load(name, store);
        const verifier = await keys.verifier(name);
        const kit = kits.get(name);
        if (!kit) {
          services[name] = await startService(
            await createJusoService(store, { verifier, production, fields }),
            0,
            HOST,
          );
        } else if (!silos.includes(name)) {
          services[name] = await startAbsent(name);
        } else {
          const source = (options.adapters as Record<string, RecordSource<GraphRecord> | undefined>)?.[name];
          services[name] = await (await kit.create(store, source, { verifier, production })).start(0, HOST);
        }
      }),
    );
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    gateway = await createGatewayService({
      subgraphUrls: Object.fromEntries(names.map((n) => [n, (services[n] as RunningService).url])),
      // A graph with added silos composes its own: the 重層 enum with their fields, their schemas.
      supergraphSdl: added.length
        ? composeSupergraph([
            ...subgraphSdls(fields),
            ...added.map((s) => ({ name: s.service, sdl: subgraphSdl(s.schemaFile) })),
          ])
        : supergraph(),
      silos: [...SILOS, ...added.map((s) => ({ service: s.service, field: s.field }))],
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5_000,
      production,
      auditStore,
      signer,
      auth: authConfigFromEnv({}),
      // Integrators' tests send their own documents, in production mode too.
      allowArbitraryOperations: true,
      // The kit is the demo town by design, also under NODE_ENV=production.
      allowDemoKeys: true,
      agencies: [
        ...DEMO_AGENCIES,
        ...added.map((s) => ({
          id: s.agency.id,
          name: s.agency.name,
          role: 'FIELD' as const,
          field: s.field,
        })),
      ],
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
    token: (staffId, mint) => mintDevToken(staffId, mint, staff),
    async query<T>(query: string, variables?: Record<string, unknown>, q: QueryOptions = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (q.as) headers.authorization = `Bearer ${await mintDevToken(q.as, {}, staff)}`;
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
        names.map(async (name) => {
          const store = stores[name] as Store;
          await store.drop();
          await load(name, store);
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
