/**
 * How the gateway talks to one subgraph. Counts fetches (the batching test and the
 * benchmark read them) and bounds each fetch in time, so a slow silo costs its own
 * fields and not the whole answer.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';

export interface FetchStats {
  byService: Record<string, number>;
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  stats: FetchStats;
  timeoutMs: number;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly stats: FetchStats;
  private readonly timeoutMs: number;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.name = options.name;
    this.stats = options.stats;
    this.timeoutMs = options.timeoutMs;
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    this.stats.byService[this.name] = (this.stats.byService[this.name] ?? 0) + 1;
    const signal = AbortSignal.timeout(this.timeoutMs);
    // RemoteGraphQLDataSource passes `request.http` to fetch; an abort signal bounds it.
    if (options.request.http) Object.assign(options.request.http, { signal });
    return super.process(options);
  }
}
