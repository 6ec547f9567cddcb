/**
 * What the service shell (shared/http/service.ts) registers for every service: the
 * request's server span, the metrics plugin, and the process's metrics port.
 */
import type http from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { observabilityPlugin } from './apollo';
import { ensureMetricsServer } from './metrics-server';
import { serveTraced } from './tracing';

export { requestIdOf } from './request-id';
export { observeStore } from './store';

/** Adds the metrics plugin (before start) and starts the metrics port if METRICS_PORT is set. */
export async function observeService<TContext extends BaseContext>(
  name: string,
  apollo: ApolloServer<TContext>,
): Promise<void> {
  apollo.addPlugin(observabilityPlugin<TContext>(name));
  await ensureMetricsServer();
}

/** Runs one HTTP request, with tracing on in its own server span. */
export function observeRequest(
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<void> {
  return serveTraced(name, req, res, () => handle(req, res));
}
export { observeSubgraphCall } from './subgraph-call';
export { inSpan } from './tracing';
export type { TraceHeaders } from './tracing';
export { observeAuditWrites } from './audit';
