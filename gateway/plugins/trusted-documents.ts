/**
 * Trusted documents: in production the gateway runs only operations whose SHA-256 is
 * in the manifest (trusted/manifest.ts) — what Apollo Router calls persisted queries
 * and Hive trusted documents. Any other document is refused before it is parsed, with
 * OPERATION_NOT_TRUSTED (HTTP 403); a hash-only request (Apollo's persisted-query
 * extension without `query`) runs the manifest's document, and an unknown hash is
 * PERSISTED_QUERY_NOT_FOUND. Registering a document through that extension does
 * nothing: only the manifest trusts.
 *
 * ALLOW_ARBITRARY_OPERATIONS=1 (or the gateway option) runs any document, as
 * development does by default: for the test kit and for trying a query by hand.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { metrics } from '../../shared/observability/metrics';
import { registerOperationNames } from '../../shared/observability/operations';
import type { TrustedManifest } from '../trusted/manifest';
import { documentHash } from '../trusted/manifest';

/** Apollo's persisted-query cache type (a KeyValueCache of documents). */
type PersistedQueryOptions = Exclude<ApolloServerOptions<BaseContext>['persistedQueries'], false | undefined>;
type DocumentCache = NonNullable<PersistedQueryOptions['cache']>;

export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';
/** What a refused document is replaced with; it never runs (didResolveOperation refuses it). */
const REFUSED_DOCUMENT = 'query OperationNotTrusted { __typename }';
export const OPERATION_NOT_TRUSTED_MESSAGE =
  'This operation is not in the gateway’s trusted manifest; register it with `npm run trusted -- add`';

/** Whether the gateway enforces the manifest: production, unless arbitrary documents are allowed. */
export function enforcesTrustedDocuments(
  production: boolean,
  allowArbitrary: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return production && !(allowArbitrary ?? env.ALLOW_ARBITRARY_OPERATIONS === '1');
}

/** Apollo's persisted-query cache, answering from the manifest only; `apq:` is Apollo's key prefix. */
export function manifestCache(manifest: TrustedManifest): DocumentCache {
  const hashOf = (key: string) => (key.startsWith('apq:') ? key.slice(4) : key);
  return {
    async get(key) {
      return manifest.get(hashOf(key))?.document;
    },
    // Registration through the extension is ignored: the manifest alone decides.
    async set() {},
    async delete() {
      return false;
    },
  };
}

export interface TrustedDocuments<TContext extends BaseContext> {
  enforce: boolean;
  plugin: ApolloServerPlugin<TContext>;
  /** For ApolloServer's `persistedQueries` (hash-only requests); undefined: Apollo's default. */
  persistedQueries: { cache: DocumentCache } | undefined;
}

export function trustedDocuments<TContext extends BaseContext>(
  manifest: TrustedManifest,
  enforce: boolean,
): TrustedDocuments<TContext> {
  // Only these names may label metrics and spans (shared/observability/operations.ts).
  registerOperationNames(manifest.names());
  return {
    enforce,
    persistedQueries: enforce ? { cache: manifestCache(manifest) } : undefined,
    plugin: {
      async requestDidStart({ request }) {
        // A hash-only request is resolved by Apollo from manifestCache: trusted, or
        // PERSISTED_QUERY_NOT_FOUND.
        if (!enforce || request.query === undefined || manifest.has(documentHash(request.query))) return;
        // Refused. Apollo answers a throw from a hook before parsing with a 500, so the
        // document is swapped for a fixed one before Apollo reads it (it is never
        // parsed or validated: no cost, no validation message describing the schema),
        // and the refusal is thrown where Apollo answers with its status.
        metrics.refused.inc({ reason: 'not_trusted' });
        request.query = REFUSED_DOCUMENT;
        request.operationName = undefined;
        request.variables = {};
        if (request.extensions) delete request.extensions.persistedQuery;
        return {
          async didResolveOperation() {
            throw new GraphQLError(OPERATION_NOT_TRUSTED_MESSAGE, {
              extensions: { code: OPERATION_NOT_TRUSTED, http: { status: 403 } },
            });
          },
        };
      },
    },
  };
}
