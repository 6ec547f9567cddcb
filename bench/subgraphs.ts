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
import type { ServiceName } from '../shared/domain';
import { SERVICES } from '../shared/domain';
import type { Grants, VerifiedCredential } from '../shared/auth/gateway-credential';
import { CredentialVerifier } from '../shared/auth/gateway-credential';
import type { RunningService, ServiceOptions } from '../shared/http/service';
import { startService } from '../shared/http/service';
import { EmbeddedStore } from '../shared/store';
import type { Store } from '../shared/store';
import { DEMO_AGENCIES } from '../shared/town/agencies';
import { createJusoService } from '../subgraphs/juso/server';
import { kaigoDefinition, kaigoStoreConfig } from '../subgraphs/kaigo/server';
import { kodomoDefinition, kodomoStoreConfig } from '../subgraphs/kodomo/server';
import { konkyuDefinition, konkyuStoreConfig } from '../subgraphs/konkyu/server';
import { reseed } from '../subgraphs/registry';
import { shogaiDefinition, shogaiStoreConfig } from '../subgraphs/shogai/server';
import { createStoredSiloService } from '../shared/silo/subgraph';
import type { BaseContext } from '@apollo/server';
import { arg, failStart, onTerminate, serveStats } from './ipc';
import type { SubgraphsReady, Urls } from './ipc';
import { BENCH_MEETING, BENCH_STAFF, prepareScenario } from './scenario';

/** Grants that allow every class for every person: a Proxy, so any person id reads ALLOW. */
const ALLOW_EVERYTHING = new Proxy(
  {},
  { get: () => new Proxy({}, { get: () => 'ALLOW' }) },
) as unknown as Grants;

/** A verifier for the "no access control" subgraphs: no signature, no body hash, no replay check. */
async function openVerifier(audience: string): Promise<CredentialVerifier> {
  const staffAgency = DEMO_AGENCIES.find((a) => a.id === 'takikan-shakyo');
  if (!staffAgency) throw new Error('no takikan-shakyo agency');
  const credential: VerifiedCredential = {
    staffId: BENCH_STAFF,
    agency: { id: staffAgency.id, role: staffAgency.role, field: staffAgency.field },
    meetingId: BENCH_MEETING,
    requestId: 'bench',
    grants: ALLOW_EVERYTHING,
  };
  const verifier = await CredentialVerifier.fromEnv(audience);
  verifier.verify = async () => credential;
  return verifier;
}

async function build(
  name: ServiceName,
  store: Store,
  verifier: CredentialVerifier,
): Promise<ServiceOptions<BaseContext>> {
  const options = { verifier };
  switch (name) {
    case 'juso':
      return (await createJusoService(store, options)) as unknown as ServiceOptions<BaseContext>;
    case 'kaigo':
      return (await createStoredSiloService(
        store,
        kaigoDefinition,
        kaigoStoreConfig,
        undefined,
        options,
      )) as unknown as ServiceOptions<BaseContext>;
    case 'shogai':
      return (await createStoredSiloService(
        store,
        shogaiDefinition,
        shogaiStoreConfig,
        undefined,
        options,
      )) as unknown as ServiceOptions<BaseContext>;
    case 'kodomo':
      return (await createStoredSiloService(
        store,
        kodomoDefinition,
        kodomoStoreConfig,
        undefined,
        options,
      )) as unknown as ServiceOptions<BaseContext>;
    case 'konkyu':
      return (await createStoredSiloService(
        store,
        konkyuDefinition,
        konkyuStoreConfig,
        undefined,
        options,
      )) as unknown as ServiceOptions<BaseContext>;
  }
}

async function main(): Promise<void> {
  const residents = Number(arg('residents'));
  const started = Date.now();
  const stores = {} as Record<ServiceName, Store>;
  for (const name of SERVICES) {
    stores[name] = new EmbeddedStore();
    await reseed(name, stores[name], { syntheticResidents: residents });
  }
  const scenario = await prepareScenario(stores);
  const seedMs = Date.now() - started;

  const running: RunningService[] = [];
  const enforced = {} as Urls;
  const open = {} as Urls;
  for (const name of SERVICES) {
    const real = await startService(
      await build(name, stores[name], await CredentialVerifier.fromEnv(name)),
      0,
    );
    const permissive = await startService(await build(name, stores[name], await openVerifier(name)), 0);
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
