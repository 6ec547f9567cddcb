/**
 * A complete integration test against the graph on mocks, to copy (docs/TESTKIT.md).
 * In your project, import from where you put this repository, e.g.
 * `import { startTestGraph } from 'juso-federation/testkit'`.
 *
 * Part 1 is a dashboard vendor's test: the demo town, staff tokens, a meeting.
 * Part 2 is an agency's IT contractor: its own adapter behind the 介護 silo, run
 * against the adapter contract and then through the whole graph.
 */
import type { KaigoRecord, RecordSource, TestGraph } from '../../testkit';
import { startTestGraph } from '../../testkit';
import { adapterContract } from '../../testkit/adapter-contract';

// ── Part 1: a dashboard against the demo town (people and ids: SCENARIOS.md) ──────────

describe('a case dashboard', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(); // gateway + five subgraphs on free ports, < 1 s
  });
  afterEach(async () => {
    await graph.reset(); // back to the demo town, audit log emptied (~2 ms)
  });
  afterAll(async () => {
    await graph.stop(); // nothing left listening
  });

  const HOUSEHOLD = /* GraphQL */ `
    query Household($id: ID!) {
      household(id: $id) {
        members {
          id
          name
          kaigo {
            careLevel
          }
          shogai {
            supportCategory
          }
        }
      }
    }
  `;

  it('shows a household to a member of the meeting, with what is withheld and why', async () => {
    // Your own HTTP client, as the dashboard sends it: a bearer token and the meeting header.
    const res = await fetch(graph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await graph.token('s-takikan-01')}`,
        'x-meeting-id': 'M-J1',
      },
      body: JSON.stringify({ query: HOUSEHOLD, variables: { id: 'H-DOUBLE' } }),
    });
    const body = (await res.json()) as {
      data: {
        household: { members: { id: string; kaigo: { careLevel: string } | null; shogai: unknown }[] };
      };
      errors?: { path: (string | number)[]; extensions: { code: string } }[];
    };
    const toshiko = body.data.household.members.find((m) => m.id === 'P-202');
    expect(toshiko?.kaigo).toEqual({ careLevel: 'SUPPORT_1' });
    // 佐藤 美咲 (P-201) did not consent to SHOGAI: null, with one error at that path.
    expect(body.errors).toContainEqual(
      expect.objectContaining({
        path: ['household', 'members', 0, 'shogai'],
        extensions: { code: 'CONSENT_REQUIRED' },
      }),
    );
  });

  it('shows nothing to a caller without a token', async () => {
    const res = await graph.query(HOUSEHOLD, { id: 'H-DOUBLE' });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('outside the meeting, the same staff member sees only cases their agency works on', async () => {
    const res = await graph.query(HOUSEHOLD, { id: 'H-YC' }, { as: 's-takikan-01' }); // C-YC: not on the team
    expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('NOT_ON_TEAM');
  });
});

// ── Part 2: an agency's own adapter (here a stand-in for its database client) ─────────

/** The agency's rows as its database holds them. */
interface KaigoRow {
  atena_no: string;
  hiho_no: string;
  kaigodo: '要支援1' | '要介護2';
  jusho: string;
}

/** Stands in for the agency's database: counts queries, can go down. */
class FakeDatabase {
  queries = 0;
  down = false;
  constructor(private readonly rows: KaigoRow[]) {}
  async selectByAtena(ids: readonly string[]): Promise<KaigoRow[]> {
    this.queries++;
    if (this.down) throw new Error('connection refused');
    return this.rows.filter((r) => ids.includes(r.atena_no));
  }
}

const LEVEL = { 要支援1: 'SUPPORT_1', 要介護2: 'CARE_2' } as const;

/** The adapter under test: one query per batch, the agency's shape mapped to KaigoRecord. */
class KaigoDbAdapter implements RecordSource<KaigoRecord> {
  constructor(private readonly db: FakeDatabase) {}
  async findByResidentIds(ids: readonly string[]): Promise<Map<string, KaigoRecord>> {
    const found = new Map<string, KaigoRecord>();
    if (ids.length === 0) return found;
    for (const row of await this.db.selectByAtena(ids)) {
      found.set(row.atena_no, {
        personId: row.atena_no,
        insuredNumber: row.hiho_no,
        careLevel: LEVEL[row.kaigodo],
        certification: null,
        responsibleCentre: '地域包括支援センター北',
        careManager: null,
        consultations: [],
        abuseConcern: false,
        address: row.jusho,
      });
    }
    return found;
  }
}

const ROWS: KaigoRow[] = [
  { atena_no: 'P-1', hiho_no: '3000000001', kaigodo: '要介護2', jusho: 'さくら町北1-1' },
  { atena_no: 'P-2', hiho_no: '3000000002', kaigodo: '要支援1', jusho: 'さくら町北1-1' },
];

// The contract: lookups, batching, mapping, absent ids, no cross-talk, errors — and through the graph.
adapterContract({
  name: 'KaigoDbAdapter',
  silo: 'kaigo',
  makeAdapter: () => {
    const db = new FakeDatabase(ROWS);
    return {
      adapter: new KaigoDbAdapter(db),
      roundTrips: () => db.queries,
      breakRecordSystem: () => void (db.down = true),
    };
  },
  knownResidents: ['P-1', 'P-2'],
  unknownResidents: ['P-3'],
  expectRecords: { 'P-1': { insuredNumber: '3000000001', careLevel: 'CARE_2' } },
});

describe('our adapter in the graph, with a town of our own', () => {
  let graph: TestGraph;
  const db = new FakeDatabase(ROWS);

  beforeAll(async () => {
    graph = await startTestGraph({
      town: {
        households: [{ _id: 'H-1', name: '試験世帯' }],
        people: [
          { _id: 'P-1', name: '試験 花子', householdId: 'H-1' },
          { _id: 'P-2', name: '試験 一郎', householdId: 'H-1' },
          { _id: 'P-3', name: '試験 次郎', householdId: 'H-1' },
        ],
        consents: [{ personId: 'P-1', status: 'GRANTED' }], // defaults: all four fields, no tax
        cases: [
          {
            _id: 'C-1',
            personIds: ['P-1', 'P-2', 'P-3'],
            team: [{ agencyId: 'takikan-shakyo', role: 'PLANNER' }],
          },
        ],
      },
      silos: ['kaigo'], // the other silos are not running: their fields are null with an error
      adapters: { kaigo: new KaigoDbAdapter(db) },
    });
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('the case team reads what consent allows, in one query to our database', async () => {
    const before = db.queries;
    const res = await graph.query<{
      household: { members: { id: string; kaigo: { careLevel: string } | null }[] };
    }>('{ household(id: "H-1") { members { id kaigo { careLevel } } } }', {}, { as: 's-takikan-01' });
    expect(res.body.data?.household.members).toEqual([
      { id: 'P-1', kaigo: { careLevel: 'CARE_2' } },
      { id: 'P-2', kaigo: null }, // no consent: withheld before our adapter is asked
      { id: 'P-3', kaigo: null },
    ]);
    expect(db.queries - before).toBe(1);
  });
});
