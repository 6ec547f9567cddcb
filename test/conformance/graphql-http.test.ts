/**
 * The GraphQL-over-HTTP conformance audit from graphql-http (auditServer) against the
 * gateway in production mode, signed in (the gateway refuses anonymous requests, so
 * the audit's fetch carries a staff token). Every MUST passes; the SHOULD/MAY audits
 * that do not are listed below with the reason we accept them.
 */
import { auditServer } from 'graphql-http';
import { mintDevToken } from '../../town/dev-idp';
import { SERVICES } from '../../shared/domain';
import type { ExtraGateway } from '../support/extra-gateway';
import { startExtraGateway } from '../support/extra-gateway';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const INTROSPECTION =
  'the audit queries __type; production mode has introspection off (verified below: it passes in development mode)';
const GET =
  'GET requests are refused without a preflight header: CSRF prevention (Apollo Server csrfPrevention)';
const STATUS_400 =
  'Apollo Server answers 400 for documents that do not parse, validate or coerce (a SHOULD for application/json, which the spec keeps for legacy clients)';

/** Audits we knowingly do not pass, by id, with why. */
const EXPLAINED: Record<string, string> = {
  BF61: INTROSPECTION,
  '28B9': INTROSPECTION,
  '2EA1': INTROSPECTION,
  '5A70': GET,
  D6D5: GET,
  '6A70': GET,
  '572B': STATUS_400,
  FDE2: STATUS_400,
  '7B9B': STATUS_400,
};
const PRODUCTION_ONLY = new Set(['BF61', '28B9', '2EA1']);

let graph: TestGraph;
let gw: ExtraGateway;
let dev: ExtraGateway;
beforeAll(async () => {
  graph = await startTestGraph();
  const urls = Object.fromEntries(SERVICES.map((s) => [s, graph.services[s].url]));
  gw = await startExtraGateway(urls, { production: true });
  dev = await startExtraGateway(urls, { production: false });
});
afterAll(async () => {
  await gw.stop();
  await dev.stop();
  await graph.stop();
});

async function audit(url: string) {
  const token = await mintDevToken('s-kita-01');
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  return auditServer({ url, fetchFn });
}

it('development mode passes the audits production mode explains by introspection', async () => {
  const results = await audit(dev.url);
  const failing = results.filter((r) => r.status !== 'ok').map((r) => r.id);
  for (const id of PRODUCTION_ONLY) expect(failing).not.toContain(id);
});

it('passes the GraphQL-over-HTTP server audit', async () => {
  const results = await audit(gw.url);
  const failures = results.filter((r) => r.status !== 'ok');
  const report = failures.map((r) => `${r.id} ${r.status} ${r.name}: ${'reason' in r ? r.reason : ''}`);
  console.log(
    `graphql-http audit: ${results.length - failures.length}/${results.length} ok\n${report.join('\n')}`,
  );
  const mustFailures = failures.filter((r) => r.name.startsWith('MUST') && !EXPLAINED[r.id]);
  expect(mustFailures.map((r) => `${r.id} ${r.name}`)).toEqual([]);
  const unexplained = failures.filter((r) => !EXPLAINED[r.id]);
  expect(unexplained.map((r) => `${r.id} ${r.status} ${r.name}`)).toEqual([]);
});
