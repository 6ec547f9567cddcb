/**
 * Prometheus metrics (prom-client), one registry per process. Several services can
 * share a process (the test kit runs all six in one), so every service metric has a
 * `service` label. Label values are bounded: operation names come from the trusted
 * manifest or are `other` (operations.ts), codes from fixed lists, subgraph and store
 * operation names from the code.
 *
 * Served on their own port, bound to 127.0.0.1 by default (metrics-server.ts): never on
 * the public GraphQL port.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Seconds: from a cached document read (~1 ms) to a subgraph timing out (5 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  requests: new Counter({
    name: 'juso_graphql_requests_total',
    help: 'GraphQL requests by service, operation name (trusted operations, else "other") and result',
    labelNames: ['service', 'operation', 'result'] as const,
    registers: [registry],
  }),
  requestDuration: new Histogram({
    name: 'juso_graphql_request_duration_seconds',
    help: 'GraphQL request latency by service and operation name',
    labelNames: ['service', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  withheld: new Counter({
    name: 'juso_withheld_fields_total',
    help: 'Fields answered null with a withheld code, by code (gateway)',
    labelNames: ['code'] as const,
    registers: [registry],
  }),
  refused: new Counter({
    name: 'juso_operations_refused_total',
    help: 'Documents refused before parsing, by reason (e.g. not in the trusted manifest)',
    labelNames: ['reason'] as const,
    registers: [registry],
  }),
  auditWriteDuration: new Histogram({
    name: 'juso_audit_write_duration_seconds',
    help: 'Latency of one audit append (written before the response leaves)',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  auditWriteFailures: new Counter({
    name: 'juso_audit_write_failures_total',
    help: 'Audit appends that failed (the response was replaced by AUDIT_UNAVAILABLE)',
    registers: [registry],
  }),
  subgraphRequests: new Counter({
    name: 'juso_subgraph_requests_total',
    help: 'Gateway to subgraph requests by subgraph and result (ok, http_error, error, timeout)',
    labelNames: ['subgraph', 'result'] as const,
    registers: [registry],
  }),
  subgraphDuration: new Histogram({
    name: 'juso_subgraph_request_duration_seconds',
    help: 'Gateway to subgraph request latency',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  storeDuration: new Histogram({
    name: 'juso_store_operation_duration_seconds',
    help: 'Store read and write latency by service, kind (read, write) and operation',
    labelNames: ['service', 'kind', 'op'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  storeFailures: new Counter({
    name: 'juso_store_operation_failures_total',
    help: 'Store operations that threw, by service, kind and operation',
    labelNames: ['service', 'kind', 'op'] as const,
    registers: [registry],
  }),
};

/** Seconds since `start` (a process.hrtime.bigint()). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
