/**
 * A bounded soak, loopback only: a fixed number of mixed dashboard requests (staff
 * alone and in meetings, allowed and refused) and workflow mutations (相談受付 intakes,
 * each a new consent version), at a fixed concurrency. Zero unexpected errors, memory
 * that stops growing, exactly one audit record per request and every decision made in it.
 */
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const DASHBOARD = /* GraphQL */ `
  query Dashboard($id: ID!) {
    household(id: $id) {
      name
      members {
        id
        name
        consent {
          status
          active
        }
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
        }
        konkyu {
          consultationNumber
          taxStatus
        }
      }
      cases {
        id
        title
        plans {
          kind
          status
          monitoringDate
        }
      }
    }
  }
`;

/** Each request kind, with the error codes it is expected to carry (policy, not failure). */
const KINDS = [
  { as: 's-takikan-01', meeting: 'M-J1', household: 'H-DOUBLE' },
  { as: 's-takikan-01', meeting: undefined, household: 'H-8050' },
  { as: 's-aoba-01', meeting: 'M-S1', household: 'H-YC' },
  { as: 's-hw-01', meeting: undefined, household: 'H-KS' },
  { as: 's-kita-01', meeting: undefined, household: 'H-WD' },
];
const EXPECTED_CODES = new Set([
  'CONSENT_REQUIRED',
  'TAX_CONSENT_REQUIRED',
  'NOT_ON_TEAM',
  'NOT_ON_AGENDA',
  'NOT_MEETING_MEMBER',
  'FORBIDDEN',
  'ADDRESS_WITHHELD',
]);
const INTAKE = /* GraphQL */ `
  mutation Intake($input: IntakeInput!) {
    recordIntake(input: $input) {
      id
      answer
    }
  }
`;
/** One person per worker, so concurrent intakes never race for the same consent version. */
const INTAKE_PEOPLE = ['P-101', 'P-102', 'P-201', 'P-202', 'P-203', 'P-204', 'P-301', 'P-401'];
const intake = (personId: string) =>
  graph.query(
    INTAKE,
    { input: { personId, topics: ['生活全般'], consent: { answer: 'UNKNOWN', method: 'INTAKE_SHEET' } } },
    { as: 's-shakyo-01' },
  );

const ROUNDS = 4;
const PER_ROUND = 100;
const CONCURRENCY = 8;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

const heapAfterGc = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** Decisions in the audit log (a decision made twice in a request counts twice). */
async function auditCount(): Promise<number> {
  return (await graph.gateway.auditLog.rows()).reduce((n, r) => n + r.count, 0);
}

it('holds up under a bounded mixed load', async () => {
  // Calibrate: how many decisions each kind of request makes (deterministic per kind).
  const perKind: number[] = [];
  for (const k of KINDS) {
    const before = await auditCount();
    await graph.query(DASHBOARD, { id: k.household }, { as: k.as, meeting: k.meeting });
    perKind.push((await auditCount()) - before);
  }
  expect(perKind.every((n) => n > 0)).toBe(true);
  const perIntake: number[] = [];
  const intakeRecords: number[] = [];
  for (const personId of INTAKE_PEOPLE) {
    // The first intake of a person never asked (P-102) starts their consent history; the
    // ones after it also read the version before: calibrate on those.
    await intake(personId);
    const before = await auditCount();
    const recordsBefore = await graph.gateway.auditLog.countRecords();
    await intake(personId);
    perIntake.push((await auditCount()) - before);
    intakeRecords.push((await graph.gateway.auditLog.countRecords()) - recordsBefore);
  }
  // A dashboard request makes decisions (one record each); an intake, one record or none.
  let expectedRecords = 0;

  let expectedEntries = 0;
  const unexpected: string[] = [];
  const heap: number[] = [];
  const auditBefore = await auditCount();
  const recordsBefore = await graph.gateway.auditLog.countRecords();
  let sent = 0;
  let writes = 0;

  for (let round = 0; round < ROUNDS; round++) {
    const jobs = Array.from({ length: PER_ROUND }, (_, i) => round * PER_ROUND + i);
    const worker = async (w: number) => {
      for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
        if (job % 10 === 9) {
          const res = await intake(INTAKE_PEOPLE[w]!);
          writes++;
          expectedEntries += perIntake[w]!;
          expectedRecords += intakeRecords[w]!;
          if (res.status !== 200 || res.body.errors?.length)
            unexpected.push(`intake: ${JSON.stringify(res.body.errors)}`);
          continue;
        }
        const kindIndex = job % KINDS.length;
        const k = KINDS[kindIndex]!;
        const res = await graph.query(DASHBOARD, { id: k.household }, { as: k.as, meeting: k.meeting });
        sent++;
        expectedEntries += perKind[kindIndex]!;
        expectedRecords += 1;
        if (res.status !== 200) unexpected.push(`status ${res.status}`);
        for (const e of res.body.errors ?? []) {
          const code = String(e.extensions?.code);
          if (!EXPECTED_CODES.has(code)) unexpected.push(`${code}: ${e.message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    heap.push(heapAfterGc());
  }

  expect(unexpected).toEqual([]);
  expect(sent + writes).toBe(ROUNDS * PER_ROUND);
  // Every decision made is in the audit log, once.
  expect((await auditCount()) - auditBefore).toBe(expectedEntries);
  // One record per request.
  expect((await graph.gateway.auditLog.countRecords()) - recordsBefore).toBe(expectedRecords);
  expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true });
  // Memory stops growing: the last rounds add no more than a small margin over the second.
  const growth = (heap[ROUNDS - 1]! - heap[1]!) / 1024 / 1024;
  console.log(
    `soak: ${sent} queries, ${writes} intake mutations, heap after rounds (MiB): ${heap.map((h) => (h / 1048576).toFixed(1)).join(', ')}`,
  );
  expect(growth).toBeLessThan(16);
}, 120_000);
