/**
 * Builds a silo subgraph: `Person @key(fields: "id")` extended with the silo's record
 * (`Person.kaigo`, …), fetched through a per-request DataLoader so a household's
 * members cost one call to the record source, however many they are.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import DataLoader from 'dataloader';
import type { WelfareField } from '../domain';
import { subgraphTypeDefs } from '../schema/load';
import type { IncomingRequestInfo, ServiceOptions } from '../http/service';
import type { Store } from '../store';
import { StoreRecordSource } from './store-source';
import type { GraphRecord, LinkedNativeDoc, RecordSource, StoredSiloConfig } from './types';

export interface SiloContext<G extends GraphRecord> extends BaseContext {
  records: DataLoader<string, G | null>;
}

export interface SiloDefinition<G extends GraphRecord> {
  service: string;
  field: WelfareField;
  /** The field on Person that carries the record, e.g. `kaigo`. */
  personField: string;
  schemaFile: string;
  /** Resolvers of the record's own types where a property read is not enough. */
  recordResolvers?: GraphQLResolverMap<SiloContext<G>>;
}

interface PersonRef {
  id: string;
}

export function buildSiloSchema<G extends GraphRecord>(definition: SiloDefinition<G>) {
  const resolvers: GraphQLResolverMap<SiloContext<G>> = {
    Person: {
      __resolveReference: (ref: PersonRef) => ({ id: ref.id }),
      [definition.personField]: (person: PersonRef, _args: unknown, ctx: SiloContext<G>) =>
        ctx.records.load(person.id),
    },
    ...definition.recordResolvers,
  };
  return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(definition.schemaFile), resolvers }]);
}

export function createSiloService<G extends GraphRecord>(
  definition: SiloDefinition<G>,
  source: RecordSource<G>,
): ServiceOptions<SiloContext<G>> {
  const schema = buildSiloSchema(definition);
  const apollo = new ApolloServer<SiloContext<G>>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Traces would describe resolver timing to whoever can call us; we do not ship them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    name: definition.service,
    apollo,
    context: async (_request: IncomingRequestInfo) => ({
      records: new DataLoader<string, G | null>(async (ids) => {
        const found = await source.findByResidentIds(ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    }),
  };
}

/**
 * A silo service over its own store (the default adapter), or over an agency's own
 * adapter when one is given.
 */
export async function createStoredSiloService<N extends LinkedNativeDoc, G extends GraphRecord>(
  store: Store,
  definition: SiloDefinition<G>,
  config: StoredSiloConfig<N, G>,
  source?: RecordSource<G>,
): Promise<ServiceOptions<SiloContext<G>>> {
  if (source) return createSiloService(definition, source);
  const own = new StoreRecordSource(store, config);
  await own.ensureIndexes();
  return createSiloService(definition, own);
}
