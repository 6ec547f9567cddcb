/**
 * Builds the gateway without starting it: @apollo/gateway over the static supergraph,
 * inside Apollo Server 5. index.ts starts it on port 4000.
 */
import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ServiceName } from '../shared/domain';
import type { ServiceOptions } from '../shared/http/service';
import { SUBGRAPHS, subgraphUrl } from '../shared/services';
import { loadSupergraph } from './compose';
import type { GatewayContext } from './context';
import type { FetchStats } from './datasource';
import { SubgraphDataSource } from './datasource';

export interface GatewayOptions {
  /** Where each subgraph listens; defaults from the environment. */
  subgraphUrls?: Partial<Record<ServiceName, string>>;
  supergraphSdl?: string;
  /** Per-subgraph fetch timeout. */
  subgraphTimeoutMs?: number;
  production?: boolean;
}

export interface GatewayService extends ServiceOptions<GatewayContext> {
  fetchStats: FetchStats;
}

export async function createGatewayService(options: GatewayOptions = {}): Promise<GatewayService> {
  const fetchStats: FetchStats = { byService: {} };
  const urls = Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, options.subgraphUrls?.[s.name] ?? subgraphUrl(s.name)]),
  );
  const timeoutMs = options.subgraphTimeoutMs ?? Number(process.env.SUBGRAPH_TIMEOUT_MS ?? 5_000);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? loadSupergraph(),
    buildService: ({ name }) => {
      const url = urls[name];
      if (!url) throw new Error(`no URL for subgraph ${name}`);
      return new SubgraphDataSource({ name, url, stats: fetchStats, timeoutMs });
    },
  });
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
  });
  return {
    name: 'gateway',
    apollo,
    fetchStats,
    context: async ({ headers }) => ({
      requestId:
        typeof headers['x-request-id'] === 'string' ? headers['x-request-id'].slice(0, 64) : randomUUID(),
    }),
  };
}
