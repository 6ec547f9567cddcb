/**
 * Composes the supergraph from the subgraphs' schema files with @apollo/composition.
 * `npm run compose` writes gateway/supergraph.graphql; the gateway refuses to start
 * on a file that differs from a fresh composition, so the two cannot drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl } from '../shared/schema/load';
import type { FieldEntry } from '../shared/schema/welfare-fields';
import { BUILT_IN_FIELDS, jusoSdl } from '../shared/schema/welfare-fields';
import { SUBGRAPHS, subgraphUrl } from '../shared/services';

export const SUPERGRAPH_FILE = path.join(__dirname, 'supergraph.graphql');

export class CompositionError extends Error {}

/** A subgraph to compose: its name and its full SDL. */
export interface SubgraphSdl {
  name: string;
  sdl: string;
  /** A placeholder written into the file; the gateway's buildService decides where each service is. */
  url?: string;
}

/**
 * The subgraphs of the graph: the 重層 subgraph (its WelfareField enum listing these
 * fields) and the built-in silos; a graph with a silo declared elsewhere adds its own.
 */
export function subgraphSdls(fields: readonly FieldEntry[] = BUILT_IN_FIELDS): SubgraphSdl[] {
  return SUBGRAPHS.map((s) => ({
    name: s.name,
    url: subgraphUrl(s.name, {}),
    sdl: s.name === 'juso' ? jusoSdl(s.schemaFile, fields) : subgraphSdl(s.schemaFile),
  }));
}

export function composeSupergraph(subgraphs: readonly SubgraphSdl[] = subgraphSdls()): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url ?? `http://127.0.0.1/${s.name}/graphql`,
      typeDefs: parse(s.sdl),
    })),
  );
  if (result.errors) {
    throw new CompositionError(
      `composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}

/** The supergraph in use: the committed file, checked against the schemas it came from. */
export function loadSupergraph(file = SUPERGRAPH_FILE): string {
  if (!fs.existsSync(file)) throw new CompositionError(`${file} is missing: run npm run compose`);
  const onDisk = fs.readFileSync(file, 'utf8');
  if (onDisk !== composeSupergraph()) {
    throw new CompositionError(`${file} is out of date with the subgraph schemas: run npm run compose`);
  }
  return onDisk;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  try {
    if (check) {
      loadSupergraph();
      console.log('supergraph is up to date');
    } else {
      fs.writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
      console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
