/**
 * `npm run seed -- [--residents N] [--only juso,kaigo]`: drops each service's data and
 * loads the canonical scenarios plus N deterministic synthetic residents, into the
 * embedded store's journal folder (DATA_DIR, default .data/) or into MongoDB.
 */
import { SERVICES } from '../shared/domain';
import type { ServiceName } from '../shared/domain';
import { openStore } from '../shared/store';
import { reseed } from '../subgraphs/registry';
import { exitAfterOutput } from './output';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const residents = Number(arg('residents') ?? process.env.SYNTHETIC_RESIDENTS ?? 0);
  if (!Number.isInteger(residents) || residents < 0 || residents > 1_000_000) {
    throw new Error('--residents must be a whole number between 0 and 1,000,000');
  }
  const only = arg('only')?.split(',') ?? [...SERVICES];
  for (const name of only) {
    if (!(SERVICES as readonly string[]).includes(name)) throw new Error(`unknown service ${name}`);
    const started = Date.now();
    const store = await openStore({ service: name });
    await reseed(name as ServiceName, store, { syntheticResidents: residents });
    await store.close();
    console.log(`${name}: seeded (${residents} synthetic residents) in ${Date.now() - started} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Not exit() at once: what was written still reaches a pipe (scripts/output.ts).
  void exitAfterOutput(1);
});
