/**
 * Imported first by each service's entry point (gateway/index.ts, subgraphs/run.ts):
 * starts tracing before anything else is loaded — the GraphQL instrumentation can
 * only wrap `graphql` if it is there before `graphql` is first required — and only
 * when OTEL_EXPORTER_OTLP_ENDPOINT asks for it. Without it, nothing is loaded.
 */
import type * as Manifest from '../../gateway/trusted/manifest';
import { registerOperationNames } from './operations';
import type * as Sdk from './sdk';
import { tracingRequested } from './tracing';

if (tracingRequested()) {
  // A require, not an import: the SDK is loaded only when tracing is on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing, stopTracing } = require('./sdk') as typeof Sdk;
  startTracing(process.env.SERVICE_NAME ?? process.env.OTEL_SERVICE_NAME ?? 'juso');
  // The last spans are flushed while the service drains (stopOnSignals), not lost.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stopTracing());
}

// Operation names for this process's metric labels: the trusted manifest's (a subgraph
// labels the planner's `<operation>__<subgraph>__<n>` by the client's operation).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const trusted = require('../../gateway/trusted/manifest') as typeof Manifest;
registerOperationNames(trusted.loadTrustedManifest().names());
