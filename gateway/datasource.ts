/**
 * How the gateway talks to one subgraph. Every request carries a fresh credential
 * bound to its exact body; a silo fetch is decided before it is sent and its answer
 * held to that decision; the 重層 subgraph's own decisions are collected for the
 * audit. Fetches are counted (tests, benchmark) and bounded in time, so a slow silo
 * costs its own fields and not the whole answer.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
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

type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;
type FetcherHeaders = FetcherResponse['headers'];

/** The response headers as RemoteGraphQLDataSource reads them (Content-Type, Cache-Control). */
class ResponseHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(headers: http.IncomingHttpHeaders) {
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined) this.map.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  append(name: string, value: string): void {
    const k = name.toLowerCase();
    const old = this.map.get(k);
    this.map.set(k, old === undefined ? value : `${old}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A whole answer, already read, in the shape RemoteGraphQLDataSource expects from a fetch. */
class ReadResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: ResponseHeaders;
  constructor(private readonly result: PostResult) {
    this.url = result.url;
    this.status = result.status;
    this.statusText = result.statusText;
    this.headers = new ResponseHeaders(result.headers);
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    return this.result.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.result.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const buf = Buffer.from(this.result.body, 'utf8');
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }
  clone(): ReadResponse {
    return new ReadResponse(this.result);
  }
}

/** Carries, from willSendRequest to the fetcher, which signing material a request uses. */
const SIGN_REF_HEADER = 'x-juso-sign-ref';

interface Signing {
  context: GatewayContext;
  grants: Grants | undefined;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;
  private readonly plans = new Map<string, EntityFetchPlan>();
  /** The decision for a fetch, keyed by its request's `http` object (kept from willSendRequest to respond). */
  private readonly siloFetches = new WeakMap<object, SiloFetch>();
  private readonly signing = new Map<string, Signing>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
    // The body is only serialised inside RemoteGraphQLDataSource, right before fetching:
    // the credential binds that exact body, so it is signed here.
    this.fetcher = ((url: string, init: { method: string; headers: Record<string, string>; body: string }) =>
      this.signedFetch(url, init)) as unknown as typeof this.fetcher;
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

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request } = options;
    const context = options.context as GatewayContext;
    const { stats, name, silo } = this.options;
    stats.byService[name] = (stats.byService[name] ?? 0) + 1;
    let grants: Grants | undefined;
    if (silo) {
      const representations = request.variables?.representations;
      if (!request.query || !Array.isArray(representations))
        throw new UnexpectedFetchError('not an entity fetch');
      const personIds = representations.map((r: { __typename?: unknown; id?: unknown }) => {
        if (r.__typename !== 'Person' || typeof r.id !== 'string')
          throw new UnexpectedFetchError('not a Person');
        return r.id;
      });
      const plan = this.plan(request.query);
      grants = await inSpan(
        'access.decide',
        { 'juso.field': silo.field, 'juso.people': personIds.length },
        () => decideSiloFetch(context, silo.field, personIds, plan),
        grantCounts,
      );
      this.siloFetches.set(request.http as object, { plan, personIds, grants });
    }
    const ref = randomUUID();
    this.signing.set(ref, { context, grants });
    request.http?.headers.set(SIGN_REF_HEADER, ref);
  }

  private async signedFetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ): Promise<ReadResponse> {
    // The query planner's fetches are POSTs; nothing else is ever sent.
    if (init.method !== 'POST') throw new SubgraphError('only POST is sent to subgraphs');
    const headers = { ...init.headers };
    const ref = headers[SIGN_REF_HEADER];
    delete headers[SIGN_REF_HEADER];
    const signing = ref ? this.signing.get(ref) : undefined;
    if (ref) this.signing.delete(ref);
    if (!signing) throw new SubgraphError('a subgraph request without a decision is never sent');
    const answer = await observeSubgraphCall(
      this.options.name,
      async (trace) => {
        // The traceparent (tracing on) is covered by the credential, like the body.
        headers[CREDENTIAL_HEADER] = await this.options.signer.sign(
          this.options.name,
          credentialSubject(signing.context),
          init.body,
          signing.grants,
          trace,
        );
        if (trace.traceparent) headers.traceparent = trace.traceparent;
        try {
          return await post(url, headers, init.body, this.options.timeoutMs);
        } catch (error) {
          // No URL or service name in what reaches the client.
          throw new SubgraphError('a data source did not answer in time', { cause: error });
        }
      },
      (error) => error instanceof SubgraphError && error.cause instanceof PostTimeoutError,
    );
    return new ReadResponse(answer);
  }

  override async didReceiveResponse({
    response,
    request,
    context,
  }: {
    response: GatewayGraphQLResponse;
    request: GatewayGraphQLRequest;
    context: GatewayContext;
  }): Promise<GatewayGraphQLResponse> {
    const siloFetch = request.http ? this.siloFetches.get(request.http) : undefined;
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

  /**
   * A silo that cannot be reached costs its own fields only: each is null with one
   * error at its path, so a dashboard can say which cells are missing and why.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const siloFetch = options.request.http ? this.siloFetches.get(options.request.http) : undefined;
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

  override didEncounterError(error: Error): void {
    // Rethrown as is; the message names no URL (see signedFetch and the error formatter).
    throw error;
  }
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
