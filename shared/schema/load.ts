import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';

const header = fs.readFileSync(path.join(__dirname, 'federation-header.graphql'), 'utf8');

/** A subgraph's full SDL: the shared federation header plus its own schema.graphql. */
export function subgraphSdl(schemaFile: string): string {
  return `${header}\n${fs.readFileSync(schemaFile, 'utf8')}`;
}

export function subgraphTypeDefs(schemaFile: string): DocumentNode {
  return parse(subgraphSdl(schemaFile));
}
