/**
 * The federated graph reads a household across the four fields as SCENARIOS.md gives
 * it, and batches: one fetch per silo and one store query per silo, whatever the
 * household's size.
 */
import type { DashboardHouseholdQuery } from '../../dashboard/generated/graphql';
import { DashboardHouseholdDocument } from '../../dashboard/generated/graphql';
import type { HouseholdDoc } from '../../subgraphs/juso/model';
import { expectDisclosed } from '../support/expect';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

// The dashboard's own household query, as the page sends it.
const HOUSEHOLD = DashboardHouseholdDocument;
type Member = NonNullable<DashboardHouseholdQuery['household']>['members'][number];

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ syntheticResidents: 400 });
});
afterAll(async () => {
  await graph.stop();
});

describe('household H-DOUBLE (ダブルケア)', () => {
  it('has its four members, as in SCENARIOS.md', async () => {
    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD,
      { id: 'H-DOUBLE' },
      { as: 's-fukushi-01' },
    );
    const members = res.body.data!.household!.members;
    expect(members.map((m) => [m.id, m.name, m.birthDate.slice(0, 4)])).toEqual([
      ['P-201', '佐藤 美咲', '1987'],
      ['P-202', '佐藤 トシ子', '1955'],
      ['P-203', '佐藤 陽翔', '2021'],
      ['P-204', '佐藤 結衣', '2025'],
    ]);
  });

  // Each agency reads its own field for every member (rule 3), so every record shows.
  it('介護: P-202 要支援1, no one else', async () => {
    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD,
      { id: 'H-DOUBLE' },
      { as: 's-kita-01' },
    );
    const kaigo = res.body.data!.household!.members.map((m, i) =>
      expectDisclosed(res, ['household', 'members', i, 'kaigo']),
    );
    expect(kaigo.map((k) => (k as Member['kaigo'])?.certification?.label ?? null)).toEqual([
      null,
      '要支援1',
      null,
      null,
    ]);
  });

  it('障害: no one', async () => {
    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD,
      { id: 'H-DOUBLE' },
      { as: 's-aoba-01' },
    );
    expect(
      res.body.data!.household!.members.map((_, i) =>
        expectDisclosed(res, ['household', 'members', i, 'shogai']),
      ),
    ).toEqual([null, null, null, null]);
  });

  it('子ども: P-203 発達相談, P-204 乳児 follow-up', async () => {
    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD,
      { id: 'H-DOUBLE' },
      { as: 's-kodomo-01' },
    );
    const kinds = res.body.data!.household!.members.map((m, i) => {
      const k = expectDisclosed(res, ['household', 'members', i, 'kodomo']) as Member['kodomo'];
      return k?.consultations.map((c) => c.kind) ?? null;
    });
    expect(kinds).toEqual([null, null, ['発達相談'], ['乳幼児健診後フォロー', '乳児家庭全戸訪問']]);
  });

  it('困窮: P-201 家計改善, tax status 課税', async () => {
    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD,
      { id: 'H-DOUBLE' },
      { as: 's-shakyo-01' },
    );
    const konkyu = res.body.data!.household!.members.map((_, i) =>
      expectDisclosed(res, ['household', 'members', i, 'konkyu']),
    );
    expect(konkyu.map((k) => k !== null)).toEqual([true, false, false, false]);
    expect(konkyu[0]).toMatchObject({
      householdBudgetSupport: { startedOn: '2026-08-01' },
      taxStatus: 'TAXABLE',
    });
  });
});

describe('batching', () => {
  it('a five-member household costs one fetch and one store query per silo', async () => {
    const households = await graph.stores.juso
      .collection<HouseholdDoc>('households')
      .find({ memberIds: { $size: 5 } });
    const household = households[0];
    expect(household).toBeDefined();
    // A 支援会議 with the household on its agenda: every field's record may be read (106条の6).
    await graph.stores.juso.collection('meetings').insertOne({
      _id: 'M-BATCH',
      kind: 'SHIEN_KAIGI',
      title: 'batching',
      status: 'OPEN',
      scheduledAt: '2026-11-22T00:00:00.000Z',
      memberAgencyIds: ['fukushi-ka'],
      agenda: [{ kind: 'HOUSEHOLD', id: household!._id }],
      decisions: [],
    });
    const silos = ['kaigo', 'shogai', 'kodomo', 'konkyu'] as const;
    const fetchesBefore = { ...graph.gateway.fetchStats.byService };
    const readsBefore = silos.map((s) => graph.stores[s].stats.reads);
    const jusoReadsBefore = graph.stores.juso.stats.reads;

    const res = await graph.query<DashboardHouseholdQuery>(
      HOUSEHOLD.replace('taxStatus', ''),
      { id: household!._id },
      { as: 's-fukushi-01', meeting: 'M-BATCH' },
    );

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.household!.members).toHaveLength(5);
    for (const [i, silo] of silos.entries()) {
      expect([silo, (graph.gateway.fetchStats.byService[silo] ?? 0) - (fetchesBefore[silo] ?? 0)]).toEqual([
        silo,
        1,
      ]);
      expect([silo, graph.stores[silo].stats.reads - (readsBefore[i] as number)]).toEqual([silo, 1]);
    }
    // The 重層 subgraph: the household, its people, their consent versions, its cases, the
    // meeting, and for the access facts only the open cases; the people and consents its
    // resolvers read are not read again for the facts (subgraphs/juso/facts.ts, requestFacts).
    expect(graph.stores.juso.stats.reads - jusoReadsBefore).toBe(6);
  });
});
