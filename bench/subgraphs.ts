/**
 * Child process: the five subgraphs on the embedded store (in memory), seeded with the
 * demo town plus N synthetic residents and the benchmark's household (scenario.ts).
 *
 * Each subgraph runs twice over the same store: once as in production (it verifies the
 * gateway's EdDSA credential and resolves only what the credential grants), for our
 * gateway; once with no access control at all (a verifier that accepts anything and
 * grants everything), for plain @apollo/gateway, Hive Gateway and the floor. So the
 * comparison charges every cost of access control (signing, verifying, deciding,
 * auditing) to the gateway that has it, and none to the others.
 *
 *   tsx bench/subgraphs.ts --residents 1000
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BaseContext } from '@apollo/server';
import type { ServiceName } from '../shared/domain';
import { SERVICES } from '../shared/domain';
import type * as CredentialModule from '../shared/auth/gateway-credential';
import type { CredentialVerifier, Grants, VerifiedCredential } from '../shared/auth/gateway-credential';
import type * as HttpServiceModule from '../shared/http/service';
import type { RunningService, ServiceOptions } from '../shared/http/service';
import type * as SiloModule from '../shared/silo/subgraph';
import type * as StoreModule from '../shared/store';
import type { Store } from '../shared/store';
import { DEMO_AGENCIES } from '../town/agencies';
import type * as JusoModule from '../subgraphs/juso/server';
import type * as RegistryModule from '../subgraphs/registry';
import type * as SilosModule from '../subgraphs/silos';
import type { GraphRecord, LinkedNativeDoc, StoredSiloConfig } from '../shared/silo/types';
import type { SiloDefinition } from '../shared/silo/subgraph';
import { arg, failStart, onTerminate, serveStats } from './ipc';
import type { SubgraphsReady, Urls } from './ipc';
import { BENCH_MEETING, BENCH_STAFF, prepareScenario } from './scenario';

/**
 * The project's code, from this checkout or from `--root` (a worktree of an earlier commit,
 * for before/after measurements of a change: `npm run bench -- --baseline REF`).
 */
async function loadCode(root: string) {
  const load = <T>(file: string) => import(path.join(root, file)) as Promise<T>;
  return {
    credential: await load<typeof CredentialModule>('shared/auth/gateway-credential.ts'),
    http: await load<typeof HttpServiceModule>('shared/http/service.ts'),
    silo: await load<typeof SiloModule>('shared/silo/subgraph.ts'),
    store: await load<typeof StoreModule>('shared/store/index.ts'),
    registry: await load<typeof RegistryModule>('subgraphs/registry.ts'),
    juso: await load<typeof JusoModule>('subgraphs/juso/server.ts'),
    silos: await loadSilos(root),
  };
}

interface BenchSilo {
  definition: SiloDefinition<GraphRecord>;
  store: StoredSiloConfig<LinkedNativeDoc, GraphRecord>;
}

/**
 * Each silo's definition and store configuration, by service: from the silo list
 * (subgraphs/silos.ts), or — for a baseline before the list existed — from each silo's
 * server.ts, which exported them as `<silo>Definition` and `<silo>StoreConfig`.
 */
async function loadSilos(root: string): Promise<Map<string, BenchSilo>> {
  const list = path.join(root, 'subgraphs/silos.ts');
  if (fs.existsSync(list)) {
    const { ALL_SILOS } = (await import(list)) as typeof SilosModule;
    return new Map(ALL_SILOS.map((s) => [s.service, { definition: s.definition, store: s.store }]));
  }
  const silos = new Map<string, BenchSilo>();
  for (const name of SERVICES.filter((s) => s !== 'juso')) {
    const mod = (await import(path.join(root, `subgraphs/${name}/server.ts`))) as Record<string, unknown>;
    silos.set(name, {
      definition: mod[`${name}Definition`] as BenchSilo['definition'],
      store: mod[`${name}StoreConfig`] as BenchSilo['store'],
    });
  }
  return silos;
}
type Code = Awaited<ReturnType<typeof loadCode>>;

/** Grants that allow every class for every person: a Proxy, so any person id reads ALLOW. */
const ALLOW_EVERYTHING = new Proxy(
  {},
  { get: () => new Proxy({}, { get: () => 'ALLOW' }) },
) as unknown as Grants;

/** A verifier for the "no access control" subgraphs: no signature, no body hash, no replay check. */
async function openVerifier(code: Code, audience: string): Promise<CredentialVerifier> {
  const staffAgency = DEMO_AGENCIES.find((a) => a.id === 'takikan-shakyo');
  if (!staffAgency) throw new Error('no takikan-shakyo agency');
  const credential: VerifiedCredential = {
    staffId: BENCH_STAFF,
    agency: { id: staffAgency.id, role: staffAgency.role, field: staffAgency.field },
    meetingId: BENCH_MEETING,
    requestId: 'bench',
    grants: ALLOW_EVERYTHING,
  };
  const verifier = await code.credential.CredentialVerifier.fromEnv(audience);
  verifier.verify = async () => credential;
  return verifier;
}

async function build(
  code: Code,
  name: ServiceName,
  store: Store,
  verifier: CredentialVerifier,
): Promise<ServiceOptions<BaseContext>> {
  const options = { verifier };
  if (name === 'juso')
    return (await code.juso.createJusoService(store, options)) as unknown as ServiceOptions<BaseContext>;
  const silo = code.silos.get(name);
  if (!silo) throw new Error(`no silo ${name} in the code under test`);
  return (await code.silo.createStoredSiloService(
    store,
    silo.definition,
    silo.store,
    undefined,
    options,
  )) as unknown as ServiceOptions<BaseContext>;
}

async function main(): Promise<void> {
  const residents = Number(arg('residents'));
  const code = await loadCode(arg('root', path.resolve(__dirname, '..')));
  const started = Date.now();
  const stores = {} as Record<ServiceName, Store>;
  for (const name of SERVICES) {
    stores[name] = new code.store.EmbeddedStore();
    await code.registry.reseed(name, stores[name], { syntheticResidents: residents });
  }
  const scenario = await prepareScenario(stores);
  const seedMs = Date.now() - started;

  const running: RunningService[] = [];
  const enforced = {} as Urls;
  const open = {} as Urls;
  for (const name of SERVICES) {
    const { startService } = code.http;
    const verifier = await code.credential.CredentialVerifier.fromEnv(name);
    const real = await startService(await build(code, name, stores[name], verifier), 0);
    const permissive = await startService(
      await build(code, name, stores[name], await openVerifier(code, name)),
      0,
    );
    running.push(real, permissive);
    enforced[name] = real.url;
    open[name] = permissive.url;
  }
  serveStats(() => {
    const out: Record<string, number> = {};
    for (const name of SERVICES) out[`reads.${name}`] = stores[name].stats.reads;
    out.rss = process.memoryUsage().rss;
    return out;
  });
  onTerminate(async () => {
    await Promise.all(running.map((s) => s.stop()));
  });
  process.send?.({ type: 'ready', enforced, open, scenario, seedMs } satisfies SubgraphsReady);
}

main().catch(failStart);
