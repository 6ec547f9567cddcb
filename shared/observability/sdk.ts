/**
 * Starts the OpenTelemetry SDK for one process: OTLP over HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (the SDK reads the standard OTEL_* variables), W3C trace
 * context, and the GraphQL instrumentation for parse/validate/execute spans. Loaded
 * only when tracing is asked for (register.ts), so a process without it never loads
 * the SDK at all.
 */
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { setTracingOn } from './tracing';

let sdk: NodeSDK | null = null;

export interface TracingOptions {
  /** Instead of the OTLP exporter (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export function startTracing(serviceName: string, options: TracingOptions = {}): void {
  if (sdk) return;
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: '0.1.0' }),
    spanProcessors: options.spanProcessors ?? [new BatchSpanProcessor(new OTLPTraceExporter())],
    // Traces only: metrics are prom-client's (/metrics), logs are pino's.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // No resolver spans (one per field would dwarf the request) and no argument
      // values in the document it records: literals are replaced by "*".
      new GraphQLInstrumentation({ ignoreResolveSpans: true, allowValues: false, mergeItems: true }),
    ],
  });
  sdk.start();
  setTracingOn(true);
}

/** Flushes what is buffered (on shutdown), then stops. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  setTracingOn(false);
  await running?.shutdown();
}
