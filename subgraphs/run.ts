/**
 * Runs one subgraph as its own process: opens its store (MongoDB or embedded), loads
 * the demo town when asked and the store is empty, listens, and stops gracefully.
 */
// First: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) starts before anything loads graphql.
import '../shared/observability/register';
import { DemoKeysError } from '../shared/auth/demo-keys';
import { CredentialVerifier } from '../shared/auth/gateway-credential';
import { stopOnSignals } from '../shared/http/service';
import { createLogger } from '../shared/logger';
import { observeStore } from '../shared/observability';
import { openStore } from '../shared/store';
import type { SubgraphService } from './service';
import { isSeeded, reseedService } from './service';

export async function runSubgraph(subgraph: SubgraphService): Promise<void> {
  const name = subgraph.service;
  const log = createLogger(name);
  const port = Number(process.env.PORT ?? subgraph.port);
  // The credential key first, before the store is opened or seeded: a missing or bad key
  // file, or the public demo key in production, stops the start here.
  await CredentialVerifier.fromEnv(name);
  const store = observeStore(await openStore({ service: name }), name);
  if (process.env.SEED === 'if-empty' && !(await isSeeded(store))) {
    const syntheticResidents = Number(process.env.SYNTHETIC_RESIDENTS ?? 0);
    log.info({ syntheticResidents }, 'loading the demo town');
    await reseedService(subgraph, store, { syntheticResidents });
  }
  const service = await (await subgraph.create(store)).start(port, process.env.HOST ?? '127.0.0.1');
  stopOnSignals(async () => {
    await service.stop();
    await store.close();
  });
}

export function main(subgraph: SubgraphService): void {
  const name = subgraph.service;
  runSubgraph(subgraph).catch((error: unknown) => {
    // Refused demo keys (CredentialVerifier.fromEnv): the message says what to do.
    if (error instanceof DemoKeysError) console.error(`\n${error.message}\n`);
    createLogger(name).fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}
