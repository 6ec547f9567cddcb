/**
 * Issue 16, trusted operations: a production gateway runs only documents whose sha256
 * is in the manifest — the dashboard's own (dashboard/operations/, from the generated
 * module the page takes them from) and the
 * registered ones — and refuses any other before parsing it, with
 * OPERATION_NOT_TRUSTED (403). Hash-only requests run the manifest's document; an
 * unknown hash is PERSISTED_QUERY_NOT_FOUND; Apollo's "register by sending" does not
 * register anything. ALLOW_ARBITRARY_OPERATIONS=1 turns it off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DASHBOARD_DOCUMENTS,
  DashboardAgenciesDocument,
  DashboardHouseholdDocument,
  DashboardMeetingDocument,
  DashboardMyMeetingsDocument,
  DashboardPersonDocument,
  DashboardSearchDocument,
} from '../../dashboard/generated/graphql';
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
import { mintDevToken } from '../../town/dev-idp';
import { recordAttack } from '../support/security-summary';
import { readOperationFiles, sentDocuments } from '../../scripts/codegen-documents';

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
    ['DashboardAgencies', DashboardAgenciesDocument, {}],
    ['DashboardMyMeetings', DashboardMyMeetingsDocument, {}],
    ['DashboardMeeting', DashboardMeetingDocument, { id: 'M-J1' }],
    ['DashboardSearch', DashboardSearchDocument, { text: '山田', id: 'H-DOUBLE' }],
    ['DashboardHousehold', DashboardHouseholdDocument, { id: 'H-DOUBLE' }],
    ['DashboardPerson', DashboardPersonDocument, { id: 'P-201' }],
  ])('runs the dashboard operation %s', async (_, query, variables) => {
    const res = await asStaff({ query, variables }, { 'x-meeting-id': 'M-J1' });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeTruthy();
    expect(res.text).not.toContain('OPERATION_NOT_TRUSTED');
  });

  it('holds every document the dashboard sends, as its operation file says it', () => {
    const manifest = loadTrustedManifest(path.join(dir, 'operations.json'));
    const names = dashboardOperations().map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'DashboardAgencies',
        'DashboardHousehold',
        'DashboardMeeting',
        'DashboardMyMeetings',
        'DashboardPerson',
        'DashboardSearch',
        'DashboardStatistics',
      ]),
    );
    for (const document of Object.values(DASHBOARD_DOCUMENTS))
      expect(manifest.get(documentHash(document))?.document).toBe(document);
    // The generated module is the operation files' text now: a changed .graphql file
    // without `npm run codegen` fails here (and codegen:check in CI).
    const files = sentDocuments(readOperationFiles(path.resolve(__dirname, '../../dashboard/operations')));
    expect(Object.fromEntries(files.map((d) => [d.name, d.text]))).toEqual(DASHBOARD_DOCUMENTS);
  });

  it('keeps every dashboard document in dashboard/operations, where the manifest finds it', () => {
    // The page's modules write no document of their own: they send the generated ones
    // (whose type, DashboardDocument, a plain string does not have).
    const dashboard = path.resolve(__dirname, '../../dashboard');
    const document =
      /\/\* GraphQL \*\/|[`'"]\s*(query|mutation|subscription|fragment)\b|[`'"]\s*\{\s*\w+\s*[({]/;
    for (const dir of ['client', 'common'])
      for (const file of fs.readdirSync(path.join(dashboard, dir)).filter((f) => f.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(dashboard, dir, file), 'utf8');
        expect(`${dir}/${file}: ${document.test(text)}`).toBe(`${dir}/${file}: false`);
      }
  });

  it('runs a registered operation', async () => {
    const res = await asStaff({ query: REGISTERED });
    expect(res.status).toBe(200);
    expect(Array.isArray((res.json.data as { agencies?: unknown[] }).agencies)).toBe(true);
  });

  it.each([
    ['an arbitrary query', '{ agencies { id name } }'],
    ['introspection', '{ __schema { types { name } } }'],
    ['a dashboard document changed by one space', `${DashboardAgenciesDocument} `],
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
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(DashboardAgenciesDocument) } },
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
