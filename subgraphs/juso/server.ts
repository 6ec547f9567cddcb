/** Builds the 重層 subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ServiceOptions } from '../../shared/http/service';
import { subgraphTypeDefs } from '../../shared/schema/load';
import type { Store } from '../../shared/store';
import { createLoaders } from './loaders';
import { JusoRepository } from './repository';
import type { JusoContext } from './resolvers';
import { resolvers } from './resolvers';

export const JUSO_SCHEMA_FILE = path.join(__dirname, 'schema.graphql');

export async function createJusoService(store: Store): Promise<ServiceOptions<JusoContext>> {
  const repo = new JusoRepository(store);
  await repo.ensureIndexes();
  const schema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(JUSO_SCHEMA_FILE), resolvers }]);
  const apollo = new ApolloServer<JusoContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Traces would describe resolver timing to whoever can call us; we do not ship them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    name: 'juso',
    apollo,
    context: async () => ({ loaders: createLoaders(repo), repo, now: new Date() }),
  };
}
