/**
 * Reads of the audit are audited (issue 12), and a household query is one small record
 * (issue 18): through the real federated graph.
 */
import { DashboardHouseholdDocument } from '../../dashboard/generated/graphql';
import type { AuditRecord } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION } from '../../gateway/audit/audit-log';
import { mintDevToken } from '../../town/dev-idp';
import type { EmbeddedStore } from '../../shared/store';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => (graph = await startTestGraph()));
afterEach(() => graph.reset());
afterAll(() => graph.stop());

const readAudit = async (person: string, as = 's-fukushi-01') =>
  fetch(graph.url.replace(/\/graphql$/, `/audit?person=${person}`), {
    headers: { authorization: `Bearer ${await mintDevToken(as)}` },
  });

it('GET /audit?person= is itself recorded, before the answer leaves', async () => {
  await graph.query('{ person(id: "P-201") { kaigo { careLevel } } }', {}, { as: 's-takikan-01' });
  const res = await readAudit('P-201');
  expect(res.status).toBe(200);
  const rows = await graph.gateway.auditLog.byPerson('P-201');
  expect(rows.at(-1)).toMatchObject({
    staffId: 's-fukushi-01',
    agencyId: 'fukushi-ka',
    personId: 'P-201',
    field: 'AUDIT',
    decision: 'DISCLOSED',
    basis: 'COORDINATOR',
  });
  // The next read shows the one before.
  const body = (await (await readAudit('P-201')).json()) as { entries: { field: string; staffId: string }[] };
  expect(body.entries).toContainEqual(expect.objectContaining({ field: 'AUDIT', staffId: 's-fukushi-01' }));
  // A refused read (not the coordinator) discloses nothing and records nothing about P-201.
  const before = (await graph.gateway.auditLog.byPerson('P-201')).length;
  expect((await readAudit('P-201', 's-kita-01')).status).toBe(403);
  expect(await graph.gateway.auditLog.byPerson('P-201')).toHaveLength(before);
});

it('an audit read that cannot be recorded is refused (503), nothing disclosed', async () => {
  await graph.query('{ person(id: "P-201") { kaigo { careLevel } } }', {}, { as: 's-takikan-01' });
  const store = graph.gateway.auditStore as EmbeddedStore;
  store.failWrites = true;
  try {
    const res = await readAudit('P-201');
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('s-takikan-01');
  } finally {
    store.failWrites = false;
  }
});

it('a household dashboard query is one record of at most 2 KB, with every decision', async () => {
  const res = await graph.query(
    DashboardHouseholdDocument,
    { id: 'H-DOUBLE' },
    { as: 's-takikan-01', meeting: 'M-J1' },
  );
  expect(res.status).toBe(200);
  const records = await graph.gateway.auditStore.collection<AuditRecord>(AUDIT_COLLECTION).find({});
  expect(records).toHaveLength(1);
  const record = records[0] as AuditRecord;
  const rows = await graph.gateway.auditLog.byRequest(record.req);
  const bytes = Buffer.byteLength(JSON.stringify(record));
  console.log(`H-DOUBLE dashboard in M-J1: ${rows.length} decisions in one record of ${bytes} bytes`);
  expect(record.persons).toEqual(expect.arrayContaining(['P-201', 'P-202', 'P-203', 'P-204']));
  expect(rows.length).toBeGreaterThanOrEqual(40);
  expect(bytes).toBeLessThanOrEqual(2048);
  // Every withheld field in the response has its decision.
  for (const e of res.body.errors ?? [])
    expect(rows.some((r) => r.decision === 'WITHHELD' && r.code === e.extensions?.code)).toBe(true);
});
