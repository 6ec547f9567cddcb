/**
 * Builds a silo subgraph: `Person @key(fields: "id")` extended with the silo's record
 * (`Person.kaigo`, …), fetched through a per-request DataLoader so a household's
 * members cost one call to the record source, however many they are.
 *
 * Every request must carry the gateway's credential; the record and each field marked
 * `@sensitive` resolve only for the people and classes it allows. The record source
 * is never asked about a person whose record was withheld. A record that one of the
 * field's record classes covers (record-classes.ts) resolves, whole, only when that
 * class is granted too.
 */
import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import DataLoader from 'dataloader';
import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { SensitivityClass, WelfareField } from '../domain';
import { unauthenticatedRequest, withheldError } from '../access/errors';
import type { Grants } from '../auth/gateway-credential';
import { CREDENTIAL_HEADER, CredentialVerifier } from '../auth/gateway-credential';
import type { IncomingRequestInfo, ServiceOptions } from '../http/service';
import { createLogger } from '../logger';
import { subgraphTypeDefs } from '../schema/load';
import { sensitivityOf } from '../schema/sensitivity';
import type { Store } from '../store';
import type { RecordClass } from './record-classes';
import { recordClassesOf as fieldRecordClasses } from './record-classes';
import { StoreRecordSource } from './store-source';
import type { GraphRecord, LinkedNativeDoc, RecordSource, StoredSiloConfig } from './types';

export interface SiloContext<G extends GraphRecord> extends BaseContext {
  /** The gateway's request id, from its credential: for log lines and the span. */
  requestId: string;
  records: DataLoader<string, G | null>;
  grants: Grants;
}

export interface SiloDefinition<G extends GraphRecord> {
  service: string;
  field: WelfareField;
  /** The field on Person that carries the record, e.g. `kaigo`. */
  personField: string;
  schemaFile: string;
  /** Resolvers of the record's own types where a property read is not enough. */
  recordResolvers?: GraphQLResolverMap<SiloContext<G>>;
  /** How the silo tells each of the field's record classes (record-classes.ts) from a record; one per class listed there. */
  recordClasses?: readonly RecordClass<G>[];
}

export interface SiloServiceOptions {
  /** Verifies the gateway's credential; from GATEWAY_PUBLIC_KEY(_FILE) by default. */
  verifier?: CredentialVerifier;
  /** Behave as under NODE_ENV=production (no introspection, …); default: NODE_ENV. */
  production?: boolean;
}

interface PersonRef {
  id: string;
}

/** Throws the withheld error unless the credential allows this person and class. */
function requireGrant(grants: Grants, personId: string, cls: SensitivityClass): void {
  const verdict = grants[personId]?.[cls];
  if (verdict !== 'ALLOW') throw withheldError(verdict ?? 'FORBIDDEN');
}

/** Wraps every field marked `@sensitive(class: …)` with its grant check. */
function guardSensitiveFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const cls = sensitivityOf(field.astNode?.directives, `${type.name}.${field.name}`);
      if (!cls) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source: GraphRecord, args, ctx: SiloContext<GraphRecord>, info) => {
        requireGrant(ctx.grants, source.personId, cls);
        return resolve(source, args, ctx, info);
      };
    }
  }
}

/** The definition's record classes, exactly those the gateway decides for its field. */
function recordClassesOf<G extends GraphRecord>(definition: SiloDefinition<G>): readonly RecordClass<G>[] {
  const own = definition.recordClasses ?? [];
  const expected = fieldRecordClasses(definition.field);
  const mine = own.map((c) => c.cls);
  if (mine.length !== expected.length || expected.some((cls) => !mine.includes(cls)))
    throw new Error(`${definition.service}: record classes must be ${expected.join(', ') || 'none'}`);
  return own;
}

export function buildSiloSchema<G extends GraphRecord>(definition: SiloDefinition<G>) {
  const recordClasses = recordClassesOf(definition);
  const resolvers: GraphQLResolverMap<SiloContext<G>> = {
    Person: {
      __resolveReference: (ref: PersonRef) => ({ id: ref.id }),
      [definition.personField]: async (person: PersonRef, _args: unknown, ctx: SiloContext<G>) => {
        requireGrant(ctx.grants, person.id, 'GENERAL');
        const record = await ctx.records.load(person.id);
        // The whole record, or nothing: the error is the class's verdict alone, so it
        // reads the same whatever the record holds.
        if (record)
          for (const rc of recordClasses) if (rc.covers(record)) requireGrant(ctx.grants, person.id, rc.cls);
        return record;
      },
    },
    ...definition.recordResolvers,
  };
  const schema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(definition.schemaFile), resolvers }]);
  guardSensitiveFields(schema);
  return schema;
}

export async function createSiloService<G extends GraphRecord>(
  definition: SiloDefinition<G>,
  source: RecordSource<G>,
  options: SiloServiceOptions = {},
): Promise<ServiceOptions<SiloContext<G>>> {
  const log = createLogger(definition.service);
  const verifier = options.verifier ?? (await CredentialVerifier.fromEnv(definition.service));
  const schema = buildSiloSchema(definition);
  const apollo = new ApolloServer<SiloContext<G>>({
    schema,
    // Apollo's own production defaults (introspection, landing page) follow nodeEnv.
    ...(options.production === undefined
      ? {}
      : { nodeEnv: options.production ? 'production' : 'development' }),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals); several graphs may share a process (tests, the kit).
    stopOnTerminationSignals: false,
    // Traces would describe resolver timing to whoever can call us; we do not ship them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    name: definition.service,
    apollo,
    context: async ({ headers, rawBody }: IncomingRequestInfo) => {
      const header = headers[CREDENTIAL_HEADER];
      let grants: Grants;
      let requestId: string;
      try {
        const credential = await verifier.verify(
          typeof header === 'string' ? header : undefined,
          rawBody,
          headers,
        );
        // A silo answers only what the gateway decided; no grants means nothing.
        grants = credential.grants ?? {};
        requestId = credential.requestId;
      } catch (error) {
        log.warn({ reason: (error as Error).message }, 'request refused: no valid gateway credential');
        throw unauthenticatedRequest();
      }
      return {
        requestId,
        grants,
        records: new DataLoader<string, G | null>(async (ids) => {
          const found = await source.findByResidentIds(ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
      };
    },
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
  options: SiloServiceOptions = {},
): Promise<ServiceOptions<SiloContext<G>>> {
  if (source) return createSiloService(definition, source, options);
  const own = new StoreRecordSource(store, config);
  await own.ensureIndexes();
  return createSiloService(definition, own, options);
}
