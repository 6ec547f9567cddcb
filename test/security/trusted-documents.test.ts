/**
 * Issue 16, trusted operations: a production gateway runs only documents whose sha256
 * is in the manifest — the dashboard's own (taken from its client at start) and the
 * registered ones — and refuses any other before parsing it, with
 * OPERATION_NOT_TRUSTED (403). Hash-only requests run the manifest's document; an
 * unknown hash is PERSISTED_QUERY_NOT_FOUND; Apollo's "register by sending" does not
 * register anything. ALLOW_ARBITRARY_OPERATIONS=1 turns it off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as api from '../../dashboard/client/api';
import { enforcesTrustedDocuments } from '../../gateway/plugins/trusted-documents';
import {
  dashboardOperations,
  documentHash,
  loadTrustedManifest,
  ManifestError,
  registeredOperations,
} from '../../gateway/trusted/manifest';
import { SERVICES } from '../../shared/domain';
import type { ExtraGateway } from '../support/extra-gateway';
import { startExtraGateway } from '../support/extra-gateway';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { mintDevToken } from '../../shared/auth/dev-idp';
import { recordAttack } from '../support/security-summary';

const REGISTERED = 'query IntegratorAgencies { agencies { id } }';
let graph: TestGraph;
let gw: ExtraGateway;
let dir: string;
let token: string;

beforeAll(async () => {
  graph = await startTestGraph();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
  const file = path.join(dir, 'operations.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      operations: [{ hash: documentHash(REGISTERED), name: 'IntegratorAgencies', document: REGISTERED }],
    }),
  );
  gw = await startExtraGateway(Object.fromEntries(SERVICES.map((s) => [s, graph.services[s].url])), {
    production: true,
    allowArbitraryOperations: false,
    trustedManifest: loadTrustedManifest(file),
  });
  token = await mintDevToken('s-takikan-01');
});

afterAll(async () => {
  await gw?.stop();
  await graph?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const asStaff = (body: unknown, extra: Record<string, string> = {}) =>
  gw.post(body, { authorization: `Bearer ${token}`, ...extra });

describe('the trusted manifest in production mode', () => {
  it.each([
    ['AGENCIES', api.AGENCIES, {}],
    ['MY_MEETINGS', api.MY_MEETINGS, {}],
    ['MEETING', api.MEETING, { id: 'M-J1' }],
    ['SEARCH', api.SEARCH, { text: '山田', id: 'H-DOUBLE' }],
    ['HOUSEHOLD', api.HOUSEHOLD, { id: 'H-DOUBLE' }],
    ['PERSON', api.PERSON, { id: 'P-201' }],
  ])('runs the dashboard operation %s', async (_, query, variables) => {
    const res = await asStaff({ query, variables }, { 'x-meeting-id': 'M-J1' });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeTruthy();
    expect(res.text).not.toContain('OPERATION_NOT_TRUSTED');
  });

  it('holds every document the dashboard client exports', () => {
    const names = dashboardOperations().map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'DashboardAgencies',
        'DashboardHousehold',
        'DashboardMeeting',
        'DashboardMyMeetings',
        'DashboardPerson',
        'DashboardSearch',
      ]),
    );
  });

  it('keeps every dashboard document in an api module, where the manifest finds it', () => {
    const client = path.resolve(__dirname, '../../dashboard/client');
    for (const file of fs
      .readdirSync(client)
      .filter((f) => f.endsWith('.ts') && !/(^|[-_.])api\.ts$/.test(f)))
      expect(`${file}: ${/\/\* GraphQL \*\//.test(fs.readFileSync(path.join(client, file), 'utf8'))}`).toBe(
        `${file}: false`,
      );
  });

  it('runs a registered operation', async () => {
    const res = await asStaff({ query: REGISTERED });
    expect(res.status).toBe(200);
    expect(Array.isArray((res.json.data as { agencies?: unknown[] }).agencies)).toBe(true);
  });

  it.each([
    ['an arbitrary query', '{ agencies { id name } }'],
    ['introspection', '{ __schema { types { name } } }'],
    ['a dashboard document changed by one space', `${api.AGENCIES} `],
    ['a mutation', 'mutation { __typename }'],
    ['a document that does not parse', '{ agencies { '],
  ])('refuses %s with OPERATION_NOT_TRUSTED (403), before parsing', async (name, query) => {
    const res = await asStaff({ query });
    recordAttack(`trusted documents: ${name}`, res.status !== 403 || res.json.data !== undefined);
    expect(res.status).toBe(403);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    expect(res.json.data).toBeUndefined();
    expect(res.text).not.toMatch(/agencies|__schema|Syntax/);
  });

  it('runs a hash-only request from the manifest; an unknown hash is PERSISTED_QUERY_NOT_FOUND', async () => {
    const known = await asStaff({
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(api.AGENCIES) } },
    });
    expect(known.status).toBe(200);
    expect(known.json.data).toBeTruthy();
    const unknown = await asStaff({
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ agencies { id } }') } },
    });
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.json.data).toBeUndefined();
  });

  it('does not let a client register a document by sending it with its hash', async () => {
    const query = '{ agencies { id role } }';
    const sha256Hash = documentHash(query);
    const register = await asStaff({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.status).toBe(403);
    const again = await asStaff({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    recordAttack('trusted documents: register by APQ', again.json.data !== undefined);
    expect(again.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('is off in development and with ALLOW_ARBITRARY_OPERATIONS=1', () => {
    expect(enforcesTrustedDocuments(true, undefined, {})).toBe(true);
    expect(enforcesTrustedDocuments(true, undefined, { ALLOW_ARBITRARY_OPERATIONS: '1' })).toBe(false);
    expect(enforcesTrustedDocuments(true, false, { ALLOW_ARBITRARY_OPERATIONS: '1' })).toBe(true);
    expect(enforcesTrustedDocuments(false, undefined, {})).toBe(false);
  });

  it('refuses a manifest whose hash is not its document', () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ operations: [{ hash: documentHash('x'), name: 'A', document: REGISTERED }] }),
    );
    expect(() => registeredOperations(file)).toThrow(ManifestError);
  });
});
