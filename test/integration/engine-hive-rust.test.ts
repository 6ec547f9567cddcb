/**
 * The gateway on the Rust query planner (GATEWAY_ENGINE=hive-rust) answers exactly as it
 * does on @apollo/gateway: the same data, the same withheld fields with the same codes,
 * the same audit decisions, for each legal basis and for callers who have none. The
 * engine only plans and merges; every fetch goes through the same enforcing data source.
 */
import type { AuditRecord } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION } from '../../gateway/audit/audit-log';
import type { AuditRow } from '../../gateway/audit/record';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const PERSON = /* GraphQL */ `
  query Person($id: ID!) {
    person(id: $id) {
      id
      name
      address
      kaigo {
        careLevel
      }
      shogai {
        certificates {
          kind
          grade
        }
      }
      kodomo {
        caseNumber
        childProtection {
          category
        }
      }
      konkyu {
        consultationNumber
        taxStatus
      }
    }
  }
`;

const HOUSEHOLD = /* GraphQL */ `
  query Household($id: ID!) {
    household(id: $id) {
      id
      members {
        id
        name
        kaigo {
          careLevel
        }
        shogai {
          supportCategory
        }
        kodomo {
          caseNumber
        }
        konkyu {
          taxStatus
        }
      }
    }
  }
`;

/** Who asks what: own field, meetings, outside any meeting, a closed or made-up meeting. */
const CASES: { query: string; id: string; as: string; meeting?: string }[] = [
  { query: PERSON, id: 'P-601', as: 's-kita-01' },
  { query: PERSON, id: 'P-102', as: 's-shakyo-01' },
  { query: PERSON, id: 'P-101', as: 's-takikan-01', meeting: 'M-J1' },
  { query: PERSON, id: 'P-401', as: 's-takikan-01', meeting: 'M-J1' },
  { query: PERSON, id: 'P-101', as: 's-hw-01', meeting: 'M-J1' },
  { query: PERSON, id: 'P-302', as: 's-aoba-01', meeting: 'M-S1' },
  { query: PERSON, id: 'P-401', as: 's-hw-01', meeting: 'M-S0' },
  { query: PERSON, id: 'P-101', as: 's-hw-01', meeting: 'M-NOPE' },
  { query: PERSON, id: 'P-201', as: 's-hw-01' },
  { query: HOUSEHOLD, id: 'H-DOUBLE', as: 's-takikan-01', meeting: 'M-J1' },
  { query: HOUSEHOLD, id: 'H-8050', as: 's-kita-01' },
];

type Decision = Omit<AuditRow, 'seq' | 'at' | 'requestId'>;

let apollo: TestGraph;
let rust: TestGraph;
beforeAll(async () => {
  apollo = await startTestGraph();
  process.env.GATEWAY_ENGINE = 'hive-rust';
  try {
    rust = await startTestGraph();
  } finally {
    delete process.env.GATEWAY_ENGINE;
  }
});
afterAll(async () => {
  await rust?.stop();
  await apollo?.stop();
});

/** The request's audit decisions, in a stable order. */
async function lastDecisions(graph: TestGraph): Promise<Decision[]> {
  const audit = graph.gateway.auditStore.collection<AuditRecord>(AUDIT_COLLECTION);
  const [last] = await audit.find({}, { sort: { seq: -1 }, limit: 1 });
  if (!last) throw new Error('no audit record');
  const rows = await graph.gateway.auditLog.byRequest(last.req);
  return rows
    .map(({ seq: _seq, at: _at, requestId: _r, ...decision }) => decision)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const byPath = (errors: { path?: readonly (string | number)[] }[] = []) =>
  [...errors].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

describe.each(CASES.map((c) => ({ ...c, where: c.meeting ?? 'no meeting' })))(
  '$as reads $id ($where)',
  ({ query, id, as, meeting }) => {
    it('gets the same answer and leaves the same audit on both engines', async () => {
      const options = { as, ...(meeting ? { meeting } : {}) };
      const a = await apollo.query(query, { id }, options);
      const r = await rust.query(query, { id }, options);
      expect(r.status).toBe(a.status);
      expect(r.body.data).toEqual(a.body.data);
      expect(byPath(r.body.errors)).toEqual(byPath(a.body.errors));
      expect(await lastDecisions(rust)).toEqual(await lastDecisions(apollo));
    });
  },
);

it('the cases compared hold disclosures and refusals both', async () => {
  // A comparison of two empty answers would prove nothing.
  const codes = new Set<unknown>();
  let disclosed = 0;
  for (const { query, id, as, meeting } of CASES) {
    const res = await rust.query(query, { id }, { as, ...(meeting ? { meeting } : {}) });
    for (const e of res.body.errors ?? []) codes.add(e.extensions?.code);
    disclosed += (await lastDecisions(rust)).filter((d) => d.decision === 'DISCLOSED').length;
  }
  expect(disclosed).toBeGreaterThan(20);
  expect([...codes]).toEqual(expect.arrayContaining(['CONSENT_REQUIRED']));
  expect(codes.size).toBeGreaterThan(1);
});

it('the engine is chosen by name, and a wrong one refuses to start', async () => {
  const { engineFromEnv } = await import('../../gateway/engine/hive-rust');
  expect(engineFromEnv({})).toBe('apollo');
  expect(engineFromEnv({ GATEWAY_ENGINE: 'hive-rust' })).toBe('hive-rust');
  expect(() => engineFromEnv({ GATEWAY_ENGINE: 'hive' })).toThrow(/GATEWAY_ENGINE/);
});

it('on @apollo/gateway, repeated queries reuse the operation built for them, with the same answers', async () => {
  // gateway/engine/apollo-operation-cache.ts: the comparisons above ran through it.
  const { operationCacheStats } = await import('../../gateway/engine/apollo-operation-cache');
  const before = { ...operationCacheStats };
  const options = { as: 's-takikan-01', meeting: 'M-J1' };
  const first = await apollo.query(PERSON, { id: 'P-101' }, options);
  const again = await apollo.query(PERSON, { id: 'P-101' }, options);
  const other = await apollo.query(PERSON, { id: 'P-401' }, options);
  expect(operationCacheStats.hits - before.hits).toBeGreaterThanOrEqual(3);
  expect(again.body).toEqual(first.body);
  // Variables are the request's, not the cached operation's.
  expect(other.body.data).toMatchObject({ person: { id: 'P-401' } });
  expect(other.body).toEqual((await rust.query(PERSON, { id: 'P-401' }, options)).body);
});
