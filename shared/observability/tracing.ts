/**
 * Traces: one per request, across the gateway and every subgraph it calls.
 *
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set: then sdk.ts
 * starts the OpenTelemetry SDK and `tracingOn()` is true. While it is off, every helper
 * here returns straight into the code it wraps — no span objects, no context switch —
 * so tracing off costs nothing measurable (BENCHMARKS.md).
 *
 * The spans that cross a process are made here rather than by
 * @opentelemetry/instrumentation-http, for two reasons: the gateway's `traceparent` on
 * a subgraph request must exist before the request is signed (the credential covers
 * it; the instrumentation injects its own after our code has run), and the
 * instrumentation records URLs with their query strings (`/audit?person=P-…`), which
 * would put a person's id in an attribute. Every attribute set here is a service
 * name, a route, a status, a code, a count or the request id; `safeAttributes` drops
 * anything else that looks like a person, case, plan or meeting id.
 */
import type http from 'node:http';
import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export const TRACER_NAME = 'juso-federation';

let on = false;

/** Set by sdk.ts when it has registered a tracer provider (or by a test with its own). */
export function setTracingOn(value: boolean): void {
  on = value;
}

export function tracingOn(): boolean {
  return on;
}

/** OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only endpoint) turns tracing on. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Ids of people, households, cases, plans and meetings (P-…, H-…, C-…, PL-…, M-…):
 * never in an attribute. A value that contains one is dropped, not trimmed, so that
 * nothing half-redacted leaves the process.
 */
const RECORD_ID = /\b(?:P|H|C|PL|M)-[A-Za-z0-9]/;

export function safeAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && RECORD_ID.test(value)) continue;
    if (Array.isArray(value) && value.some((v) => typeof v === 'string' && RECORD_ID.test(v))) continue;
    out[key] = value;
  }
  return out;
}

/** The span of the request being served, when tracing is on. */
export function activeSpan(): Span | undefined {
  return on ? trace.getActiveSpan() : undefined;
}

/** Sets attributes on the request's current span (a no-op with tracing off). */
export function annotate(attributes: Attributes): void {
  activeSpan()?.setAttributes(safeAttributes(attributes));
}

/**
 * The service shell's span for one HTTP request, continuing the caller's trace when
 * the request carries a W3C `traceparent` (a subgraph trusts it only with a valid
 * gateway credential, which covers it: see gateway-credential.ts).
 */
export function serveTraced(
  service: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handler: () => Promise<void>,
): Promise<void> {
  if (!on) return handler();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? 'GET';
  // The path only: a query string can carry a person's id (GET /audit?person=…).
  const route = (req.url ?? '/').split('?')[0] ?? '/';
  const span = tracer().startSpan(
    `${method} ${service}${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: safeAttributes({
        'juso.service': service,
        'http.request.method': method,
        'url.path': route,
      }),
    },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), handler);
}

/** What a subgraph call puts on the wire so the subgraph continues the trace. */
// A type, not an interface: it must fit the credential's BoundHeaders (an index signature).
export type TraceHeaders = { traceparent?: string };

/**
 * A client span around `call`, which receives the `traceparent` to send (and to sign).
 * Only `traceparent` is propagated: `tracestate` is left off, so the credential needs
 * to cover one header only.
 */
export async function clientTraced<T>(
  name: string,
  attributes: Attributes,
  call: (headers: TraceHeaders) => Promise<T>,
  outcome?: (result: T) => Attributes,
): Promise<T> {
  if (!on) return call({});
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes: safeAttributes(attributes) });
  const ctx = trace.setSpan(context.active(), span);
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const headers: TraceHeaders = carrier.traceparent ? { traceparent: carrier.traceparent } : {};
  try {
    const result = await context.with(ctx, () => call(headers));
    if (outcome) span.setAttributes(safeAttributes(outcome(result)));
    return result;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * An internal span (the access decision, the audit write) whose outcome the work
 * reports through `outcome`, as counts and codes only.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  outcome?: (result: T) => Attributes,
): Promise<T> {
  if (!on) return work();
  const span = tracer().startSpan(name, { attributes: safeAttributes(attributes) });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), work);
    if (outcome) span.setAttributes(safeAttributes(outcome(result)));
    return result;
  } catch (error) {
    span.setAttribute('juso.outcome', 'failed');
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
    throw error;
  } finally {
    span.end();
  }
}
