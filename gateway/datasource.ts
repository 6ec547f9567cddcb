/**
 * How the gateway talks to one subgraph. Every request carries a fresh credential
 * bound to its exact body; a silo fetch is decided before it is sent and its answer
 * held to that decision; the 重層 subgraph's own decisions are collected for the
 * audit. Fetches are counted (tests, benchmark) and bounded in time, so a slow silo
 * costs its own fields and not the whole answer.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import type { Grants } from '../shared/auth/gateway-credential';
import { CREDENTIAL_HEADER } from '../shared/auth/gateway-credential';
import type { CredentialSigner } from '../shared/auth/gateway-credential';
import type { WelfareField } from '../shared/domain';
import type { PostResult } from '../shared/http/client';
import { post, PostTimeoutError } from '../shared/http/client';
import { inSpan, observeSubgraphCall } from '../shared/observability';
import type { GatewayContext } from './context';
import { credentialSubject } from './context';
import { collectReported } from './audit/decisions';
import type { EntityFetchPlan } from './enforcement/entity-fetch';
import { analyseEntityFetch, UnexpectedFetchError } from './enforcement/entity-fetch';
import { decideSiloFetch, enforceSiloResponse, settleWithheldRecords } from './enforcement/enforce';
import type { SchemaIndex } from './enforcement/sensitivity';

export interface FetchStats {
  byService: Record<string, number>;
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  stats: FetchStats;
  timeoutMs: number;
  signer: CredentialSigner;
  /** For a silo: the field it runs and its record field on Person. */
  silo: { field: WelfareField; recordFields: string[]; index: SchemaIndex } | null;
}

interface SiloFetch {
  plan: EntityFetchPlan;
  personIds: string[];
  grants: Grants;
}

export class SubgraphError extends Error {}

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
const SUBGRAPH_UNAVAILABLE_MESSAGE = 'Unavailable: this field’s record system did not answer';

/**
 * GraphQLDataSourceRequestKind.INCOMING_OPERATION (@apollo/gateway exports the enum's type only):
 * only the query plan's own fetches are sent; schema loading and health checks are not ours.
 */
export const INCOMING_OPERATION = 'incoming operation';
type IncomingOperation = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;

/**
 * A data source of its own rather than a RemoteGraphQLDataSource: that class builds, per
 * subgraph request, node-fetch Headers and a Request (URL parse, a copy of the body) that
 * only its error hooks read, and would need the request's signing material smuggled
 * through a header to its fetcher. Here the request is serialised once, signed with the
 * context it belongs to, and sent; the answer is read the way RemoteGraphQLDataSource
 * reads it (JSON by content type, an HTTP error as `status: statusText`).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;
  private readonly plans = new Map<string, EntityFetchPlan>();

  constructor(options: SubgraphDataSourceOptions) {
    this.options = options;
  }

  private plan(query: string): EntityFetchPlan {
    let plan = this.plans.get(query);
    if (!plan) {
      const silo = this.options.silo as NonNullable<SubgraphDataSourceOptions['silo']>;
      plan = analyseEntityFetch(query, silo.index, silo.recordFields);
      // The planner makes few distinct fetches; the cache is bounded all the same.
      if (this.plans.size > 1000) this.plans.clear();
      this.plans.set(query, plan);
    }
    return plan;
  }

  /** A silo fetch is decided before it is sent: for whom, and what of each it may carry. */
  private async decide(request: GatewayGraphQLRequest, context: GatewayContext): Promise<SiloFetch> {
    const silo = this.options.silo as NonNullable<SubgraphDataSourceOptions['silo']>;
    const representations = request.variables?.representations;
    if (!request.query || !Array.isArray(representations))
      throw new UnexpectedFetchError('not an entity fetch');
    const personIds = representations.map((r: { __typename?: unknown; id?: unknown }) => {
      if (r.__typename !== 'Person' || typeof r.id !== 'string')
        throw new UnexpectedFetchError('not a Person');
      return r.id;
    });
    const plan = this.plan(request.query);
    const grants = await inSpan(
      'access.decide',
      { 'juso.field': silo.field, 'juso.people': personIds.length },
      () => decideSiloFetch(context, silo.field, personIds, plan),
      grantCounts,
    );
    return { plan, personIds, grants };
  }

  /**
   * A silo that cannot be reached costs its own fields only: each is null with one
   * error at its path, so a dashboard can say which cells are missing and why.
   */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if ((options.kind as string) !== INCOMING_OPERATION)
      throw new SubgraphError('only the query plan’s fetches are sent to subgraphs');
    const { request, context, incomingRequestContext } = options as IncomingOperation;
    const { stats, name, silo } = this.options;
    stats.byService[name] = (stats.byService[name] ?? 0) + 1;
    const siloFetch = silo ? await this.decide(request, context) : null;
    try {
      const response = await this.send(request, context, siloFetch?.grants);
      // Welfare records are never cacheable, whatever a subgraph says (the gateway sends no cache hints).
      restrictCaching(incomingRequestContext);
      return this.received(response, context, siloFetch);
    } catch (error) {
      if (!siloFetch || error instanceof UnexpectedFetchError) throw error;
      const keys = siloFetch.plan.records.map((r) => r.responseKey);
      return {
        data: { _entities: siloFetch.personIds.map(() => Object.fromEntries(keys.map((k) => [k, null]))) },
        errors: siloFetch.personIds.flatMap((_, i) =>
          keys.map((k) => ({
            message: SUBGRAPH_UNAVAILABLE_MESSAGE,
            path: ['_entities', i, k],
            extensions: { code: SUBGRAPH_UNAVAILABLE },
          })),
        ),
      };
    }
  }

  /** The request as RemoteGraphQLDataSource would send it, with a credential bound to its exact body. */
  private async send(
    request: GatewayGraphQLRequest,
    context: GatewayContext,
    grants: Grants | undefined,
  ): Promise<GatewayGraphQLResponse> {
    const { query, http: _http, ...rest } = request;
    if (!query) throw new SubgraphError('a subgraph request without a query');
    const body = JSON.stringify({ query, ...rest });
    const { name, url, signer, timeoutMs } = this.options;
    const answer = await observeSubgraphCall(
      name,
      async (trace) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          // The traceparent (tracing on) is covered by the credential, like the body.
          [CREDENTIAL_HEADER]: await signer.sign(name, credentialSubject(context), body, grants, trace),
        };
        if (trace.traceparent) headers.traceparent = trace.traceparent;
        try {
          return await post(url, headers, body, timeoutMs);
        } catch (error) {
          // No URL or service name in what reaches the client.
          throw new SubgraphError('a data source did not answer in time', { cause: error });
        }
      },
      (error) => error instanceof SubgraphError && error.cause instanceof PostTimeoutError,
    );
    const parsed = parseAnswer(answer);
    if (answer.status < 200 || answer.status > 299)
      throw new GraphQLError(`${answer.status}: ${answer.statusText}`, {
        extensions: {
          response: { url: answer.url, status: answer.status, statusText: answer.statusText, body: parsed },
          ...(answer.status === 401
            ? { code: 'UNAUTHENTICATED' }
            : answer.status === 403
              ? { code: 'FORBIDDEN' }
              : {}),
        },
      });
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    return parsed as GatewayGraphQLResponse;
  }

  /** A silo's answer held to its grants; the 重層 subgraph's decisions and facts taken in. */
  private received(
    response: GatewayGraphQLResponse,
    context: GatewayContext,
    siloFetch: SiloFetch | null,
  ): GatewayGraphQLResponse {
    const silo = this.options.silo;
    if (siloFetch && silo) {
      const errors: GraphQLFormattedError[] = [...(response.errors ?? [])];
      const withheld = enforceSiloResponse(
        response.data,
        errors,
        silo.field,
        siloFetch.personIds,
        siloFetch.plan,
        siloFetch.grants,
      );
      settleWithheldRecords(context, silo.field, withheld);
      response.errors = errors.length ? errors : undefined;
    }
    const reported = response.extensions?.accessDecisions;
    if (Array.isArray(reported)) collectReported(context, reported);
    // The 重層 subgraph's answer may carry the access facts of the people it returned.
    if (this.options.name === 'juso') context.facts.primeFrom(response.extensions?.accessFacts);
    // Subgraph extensions are for the gateway only.
    delete response.extensions;
    return response;
  }
}

/** The body as RemoteGraphQLDataSource parses it: JSON when the answer says it is, text otherwise. */
function parseAnswer(answer: PostResult): unknown {
  const type = answer.headers['content-type'];
  return type?.startsWith('application/json') || type?.startsWith('application/graphql-response+json')
    ? (JSON.parse(answer.body) as unknown)
    : answer.body;
}

/** As RemoteGraphQLDataSource restricts the response's cache policy by a subgraph's answer without hints. */
function restrictCaching(incoming: IncomingOperation['incomingRequestContext']): void {
  const policy = incoming.overallCachePolicy;
  if (policy && 'restrict' in policy) policy.restrict({ maxAge: 0 });
}

/** The access decision's outcome as span attributes: counts per verdict, never a person. */
function grantCounts(grants: Grants): Record<string, number | string> {
  const counts: Record<string, number> = {};
  for (const byClass of Object.values(grants))
    for (const verdict of Object.values(byClass)) if (verdict) counts[verdict] = (counts[verdict] ?? 0) + 1;
  const allowed = counts.ALLOW ?? 0;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    'juso.outcome': allowed === total ? 'allowed' : allowed === 0 ? 'withheld' : 'partly withheld',
    'juso.access.allowed': allowed,
    'juso.access.withheld': total - allowed,
    ...Object.fromEntries(
      Object.entries(counts)
        .filter(([verdict]) => verdict !== 'ALLOW')
        .map(([code, n]) => [`juso.access.withheld.${code}`, n]),
    ),
  };
}
