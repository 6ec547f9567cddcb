/**
 * The one list of services: name, default port and schema file — the 重層 subgraph and
 * the silos of the generated silo list (subgraphs/<silo>/silo.ts). Composition, the
 * launcher, the gateway's service list and the tests are all driven by it.
 */
import path from 'node:path';
import type { ServiceName } from './domain';
import { SILO_LIST } from './silos.generated';

export interface ServiceEntry {
  name: ServiceName;
  defaultPort: number;
  schemaFile: string;
}

const root = path.resolve(__dirname, '..');

export const JUSO_DEFAULT_PORT = 4001;

export const SUBGRAPHS: readonly ServiceEntry[] = [
  {
    name: 'juso',
    defaultPort: JUSO_DEFAULT_PORT,
    schemaFile: path.join(root, 'subgraphs/juso/schema.graphql'),
  },
  ...SILO_LIST.map((s) => ({
    name: s.service,
    defaultPort: s.port,
    schemaFile: path.join(root, `subgraphs/${s.service}/schema.graphql`),
  })),
];

export const GATEWAY_DEFAULT_PORT = 4000;

/** `KAIGO_URL` etc. override where the gateway finds a subgraph. */
export function subgraphUrl(name: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown subgraph ${name}`);
  return env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${entry.defaultPort}/graphql`;
}
