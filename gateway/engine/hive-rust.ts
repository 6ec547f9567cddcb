/**
 * The gateway's engine on Hive Router's Rust query planner (@graphql-hive/router-runtime)
 * instead of @apollo/gateway's JavaScript one, inside the same Apollo Server shell: the
 * same plugins (trusted documents, limits, audit, error masking) and, for every subgraph
 * fetch, the very same data sources (decision before sending, signed credential, answer
 * held to its grants). Only planning and the merging of answers change.
 *
 * Chosen by measurement (GATEWAY_ENGINE=hive-rust; BENCHMARKS.md, issue 13): the default
 * stays @apollo/gateway unless this one carries our enforcement clearly faster.
 */
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { buildASTSchema, parse } from 'graphql';
import type { GatewayContext } from '../context';
import type { SubgraphDataSource } from '../datasource';
import { INCOMING_OPERATION } from '../datasource';

export const ENGINES = ['apollo', 'hive-rust'] as const;
export type EngineName = (typeof ENGINES)[number];

/** What the gateway runs on unless GATEWAY_ENGINE says otherwise (BENCHMARKS.md, Engine choice). */
export const DEFAULT_ENGINE: EngineName = 'apollo';
/** Each engine by the package that plans and executes (as the benchmark reports it). */
export const ENGINE_PACKAGES: Record<EngineName, string> = {
  apollo: '@apollo/gateway',
  'hive-rust': '@graphql-hive/router-runtime',
};

export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): EngineName {
  const raw = env.GATEWAY_ENGINE ?? DEFAULT_ENGINE;
  if (!(ENGINES as readonly string[]).includes(raw))
    throw new Error(`GATEWAY_ENGINE must be one of ${ENGINES.join(', ')}, not ${raw}`);
  return raw as EngineName;
}

export class HiveRustGateway implements GatewayInterface {
  private readonly callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly sources = new Map<string, SubgraphDataSource>();
  private readonly supergraphSdl: string;
  private readonly buildService: (definition: { name: string }) => SubgraphDataSource;

  /** The same options as ApolloGateway's that the gateway uses: one data source per subgraph. */
  constructor(options: {
    supergraphSdl: string;
    buildService: (definition: { name: string }) => SubgraphDataSource;
  }) {
    this.supergraphSdl = options.supergraphSdl;
    this.buildService = options.buildService;
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    const sdl = this.supergraphSdl;
    const supergraph = Supergraph.build(sdl);
    for (const name of supergraph.subgraphs().names()) this.sources.set(name, this.buildService({ name }));
    const handler = await unifiedGraphHandler({
      unifiedGraph: buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true }),
      getUnifiedGraphSDL: () => sdl,
      onSubgraphExecute: (name, request) => this.fetch(name, request),
    });
    const executor = handler.executor;
    if (!executor) throw new Error('the Rust planner gave no executor');
    // The API schema as @apollo/gateway derives it, so validation and introspection are unchanged.
    const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
    for (const callback of this.callbacks) callback({ apiSchema, coreSupergraphSdl: sdl });
    return {
      executor: async (rc: GatewayGraphQLRequestContext) =>
        (await executor({
          document: rc.document,
          variables: rc.request.variables,
          operationName: rc.operationName ?? undefined,
          context: rc.context,
        })) as GatewayExecutionResult,
    };
  }

  async stop(): Promise<void> {
    this.callbacks.clear();
  }

  /** One subgraph fetch of the plan, through the subgraph's enforcing data source. */
  private async fetch(name: string, request: ExecutionRequest): Promise<ExecutionResult> {
    const source = this.sources.get(name);
    if (!source) throw new Error(`no data source for subgraph ${name}`);
    const options = {
      kind: INCOMING_OPERATION,
      request: {
        // The planner keeps each fetch's text beside its parsed document: no re-printing.
        query: defaultPrintFn(request.document),
        variables: request.variables,
        operationName: request.operationName,
      },
      context: request.context as GatewayContext,
      // Read by the data source for the response's cache policy only; this engine has none.
      incomingRequestContext: {},
      document: request.document,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    const { data, errors } = await source.process(options);
    return { data, errors } as ExecutionResult;
  }
}
