/**
 * Issue 16, metrics: /metrics in the Prometheus format on its own port (127.0.0.1),
 * never on the public GraphQL port; request count and latency per trusted operation
 * name (anything else is "other"), withheld fields by code, audit writes, subgraph
 * requests by result, store latency, process metrics. The test scrapes it.
 */
import { DashboardHouseholdDocument } from '../../dashboard/generated/graphql';
import { EmbeddedStore } from '../../shared/store';
import { observeStore, observeSubgraphCall } from '../../shared/observability';
import type { MetricsServer } from '../../shared/observability/metrics-server';
import { ensureMetricsServer, startMetricsServer } from '../../shared/observability/metrics-server';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

let graph: TestGraph;
let server: MetricsServer;

beforeAll(async () => {
  graph = await startTestGraph();
  server = await startMetricsServer(0);
});

afterAll(async () => {
  await server?.stop();
  await graph?.stop();
});

/** The samples of a scrape: `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(server.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const sample = (s: Map<string, number>, name: string, labels: Record<string, string> = {}) => {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const [key, value] of s)
    if ((key === name || key.startsWith(`${name}{`)) && want.every((w) => key.includes(w))) total += value;
  return total;
};

describe('/metrics', () => {
  it('counts a household query by its trusted name, its withheld fields, its audit write and subgraph calls', async () => {
    const before = await scrape();
    const res = await graph.query(
      DashboardHouseholdDocument,
      { id: 'H-DOUBLE' },
      { as: 's-takikan-01', meeting: 'M-J1' },
    );
    expect(res.status).toBe(200);
    const consent = res.body.errors?.filter((e) => e.extensions?.code === 'CONSENT_REQUIRED').length ?? 0;
    expect(consent).toBeGreaterThan(0);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(
      delta('juso_graphql_requests_total', { service: 'gateway', operation: 'DashboardHousehold' }),
    ).toBe(1);
    expect(
      delta('juso_graphql_request_duration_seconds_count', {
        service: 'gateway',
        operation: 'DashboardHousehold',
      }),
    ).toBe(1);
    // The subgraphs label the planner's fetches (DashboardHousehold__kaigo__1) by the client's operation.
    expect(delta('juso_graphql_requests_total', { service: 'kaigo', operation: 'DashboardHousehold' })).toBe(
      1,
    );
    expect(delta('juso_withheld_fields_total', { code: 'CONSENT_REQUIRED' })).toBe(consent);
    expect(delta('juso_audit_write_duration_seconds_count')).toBe(1);
    for (const subgraph of ['juso', 'kaigo', 'shogai', 'kodomo', 'konkyu'])
      expect(delta('juso_subgraph_requests_total', { subgraph, result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('labels any operation outside the manifest "other": a client cannot grow the label set', async () => {
    const before = await scrape();
    for (const name of ['Mine1', 'Mine2', 'Mine3'])
      await graph.query(`query ${name} { agencies { id } }`, {}, { as: 's-takikan-01' });
    const after = await scrape();
    expect([...after.keys()].some((k) => k.includes('Mine'))).toBe(false);
    expect(
      sample(after, 'juso_graphql_requests_total', { service: 'gateway', operation: 'other' }) -
        sample(before, 'juso_graphql_requests_total', { service: 'gateway', operation: 'other' }),
    ).toBe(3);
  });

  it('times store reads and writes, and counts subgraph timeouts and errors', async () => {
    const store = observeStore(new EmbeddedStore(), 'metrics-test');
    const things = store.collection<{ _id: string; n: number }>('things');
    await things.insertOne({ _id: 'a', n: 1 });
    expect(await things.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    await store.close();
    const timeout = Object.assign(new Error('slow'), { slow: true });
    for (const error of [timeout, new Error('refused')])
      await expect(
        observeSubgraphCall(
          'metrics-test',
          () => Promise.reject(error),
          (e) => e === timeout,
        ),
      ).rejects.toThrow();
    const s = await scrape();
    expect(
      sample(s, 'juso_store_operation_duration_seconds_count', {
        service: 'metrics-test',
        kind: 'write',
        op: 'insertOne',
      }),
    ).toBe(1);
    expect(
      sample(s, 'juso_store_operation_duration_seconds_count', {
        service: 'metrics-test',
        kind: 'read',
        op: 'findOne',
      }),
    ).toBe(1);
    expect(sample(s, 'juso_subgraph_requests_total', { subgraph: 'metrics-test', result: 'timeout' })).toBe(
      1,
    );
    expect(sample(s, 'juso_subgraph_requests_total', { subgraph: 'metrics-test', result: 'error' })).toBe(1);
  });

  it('is not public: nothing at /metrics on the GraphQL port; its own port listens on 127.0.0.1 only', async () => {
    const res = await fetch(graph.url.replace(/\/graphql$/, '/metrics'));
    expect(res.status).toBe(404);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
    // Without METRICS_PORT a service starts no metrics port at all.
    await expect(ensureMetricsServer({})).resolves.toBeNull();
    await expect(ensureMetricsServer({ METRICS_PORT: 'x' })).rejects.toThrow('METRICS_PORT');
  });
});
