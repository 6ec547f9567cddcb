/** Shared setup of the import tests: in-memory stores, the demo registry, sample files. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { ImportOptions, ImportSummary, SiloImport } from '../../import';
import { parseMapping, runImport } from '../../import';
import { EmbeddedStore } from '../../shared/store';
import type { Store } from '../../shared/store';
import { seedJuso } from '../../subgraphs/juso/seed';

export const ROOT = path.resolve(__dirname, '../..');

export function sampleCsv(silo: string): string {
  return fs.readFileSync(path.join(ROOT, 'subgraphs', silo, 'import', 'sample.csv'), 'utf8');
}

export function exampleMapping(silo: string): unknown {
  return JSON.parse(
    fs.readFileSync(path.join(ROOT, 'subgraphs', silo, 'import', 'mapping.example.json'), 'utf8'),
  );
}

export const sjis = (text: string): Buffer => iconv.encode(text, 'cp932');
export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The demo town's resident registry (SCENARIOS.md people), plus N synthetic residents. */
export async function registry(syntheticResidents = 0): Promise<Store> {
  const juso = new EmbeddedStore();
  await seedJuso(juso, { syntheticResidents });
  return juso;
}

export const NOW = new Date('2026-11-01T09:00:00.000Z');

export interface Harness {
  silo: Store;
  juso: Store;
  run(file: string, bytes: Buffer, options?: Partial<ImportOptions>): Promise<ImportSummary>;
  /** Every stored document, sorted: to show that a refused import changed nothing. */
  snapshot(): Promise<string>;
}

export async function harness(definition: SiloImport, juso?: Store, mappingJson?: unknown): Promise<Harness> {
  const silo = new EmbeddedStore();
  const jusoStore = juso ?? (await registry());
  const mapping = parseMapping(mappingJson ?? exampleMapping(definition.silo), definition);
  return {
    silo,
    juso: jusoStore,
    run: (file, bytes, options = {}) =>
      runImport(definition, silo, jusoStore, { file, bytes, mapping, now: NOW, ...options }),
    snapshot: async () =>
      JSON.stringify(
        (await silo.collection(definition.collection).find({})).sort((a, b) => a._id.localeCompare(b._id)),
      ),
  };
}
