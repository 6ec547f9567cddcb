/**
 * The one list of services: name, default port and schema file. Composition, the
 * launcher, the gateway's service list and the tests are all driven by it.
 */
import path from 'node:path';
import type { ServiceName } from './domain';

export interface ServiceEntry {
  name: ServiceName;
  defaultPort: number;
  schemaFile: string;
}

const root = path.resolve(__dirname, '..');

export const SUBGRAPHS: readonly ServiceEntry[] = [
  { name: 'juso', defaultPort: 4001, schemaFile: path.join(root, 'subgraphs/juso/schema.graphql') },
  { name: 'kaigo', defaultPort: 4002, schemaFile: path.join(root, 'subgraphs/kaigo/schema.graphql') },
  { name: 'shogai', defaultPort: 4003, schemaFile: path.join(root, 'subgraphs/shogai/schema.graphql') },
  { name: 'kodomo', defaultPort: 4004, schemaFile: path.join(root, 'subgraphs/kodomo/schema.graphql') },
  { name: 'konkyu', defaultPort: 4005, schemaFile: path.join(root, 'subgraphs/konkyu/schema.graphql') },
];

export const GATEWAY_DEFAULT_PORT = 4000;

/** `KAIGO_URL` etc. override where the gateway finds a subgraph. */
export function subgraphUrl(name: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown subgraph ${name}`);
  return env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${entry.defaultPort}/graphql`;
}
