/**
 * The test kit's graph: towns (demo, empty, inline), silos left out or served by an
 * agency adapter, reset, and graphs side by side that do not meet.
 */
import { AUDIT_COLLECTION } from '../../gateway/audit/audit-log';
import { EmbeddedStore } from '../../shared/store';
import type { Store } from '../../shared/store';
import { SUBGRAPH_FACTORIES } from '../../subgraphs/registry';
import { SERVICES } from '../../shared/domain';
import type { HihokenshaDoc, NativeFixture, TestGraph, TownFixtures } from '../../testkit';
import { demoTown, FixtureError, startTestGraph } from '../../testkit';
import { loadResolved, resolveTown } from '../../testkit/fixtures';
import { restDouble } from './kaigo-rest-double';

/**
 * Listening sockets of this process, once closed servers have left the list (they do
 * a tick or so after their close callback).
 */
async function listeners(): Promise<number> {
  await new Promise((r) => setTimeout(r, 50));
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

const PERSON_KAIGO = `query ($id: ID!) { person(id: $id) { id name kaigo { insuredNumber careLevel } } }`;
type PersonKaigo = {
  person: {
    id: string;
    name: string;
    kaigo: { insuredNumber: string; careLevel: string | null } | null;
  } | null;
};

const hihokensha = (
  residentId: string,
  number: string,
  code: '12' | '21' | '25',
): NativeFixture<HihokenshaDoc> => ({
  _id: number,
  hihokenshaBango: number,
  shimei: '別人 太郎',
  shimeiKana: 'ベツジン タロウ',
  seinengappi: '19400101',
  jusho: 'もみじ町1-1',
  nintei: {
    yokaigodoCode: code,
    ninteiYmd: '20260101',
    yukoKaishiYmd: '20260201',
    yukoShuryoYmd: '20270131',
  },
  tantoHoukatsu: '地域包括支援センター北',
  sodanRireki: [],
  gyakutaiFlag: '0',
  link: { residentId },
});

/** Another town that reuses a demo id for someone else, with another 介護 record. */
const OTHER_TOWN: TownFixtures = {
  households: [{ _id: 'H-B' }],
  people: [{ _id: 'P-101', name: '別人 太郎', householdId: 'H-B' }],
  records: { kaigo: [hihokensha('P-101', '9000000101', '25')] },
};

describe('two graphs side by side', () => {
  it('start in parallel with different towns and do not interfere, and leave no listener behind', async () => {
    const before = await listeners();
    const [a, b] = await Promise.all([startTestGraph(), startTestGraph({ town: OTHER_TOWN })]);
    try {
      // Twelve listeners of their own: a gateway and five services each.
      const ports = [a, b].flatMap((g) => [g.url, ...SERVICES.map((s) => g.services[s].url)]);
      expect(new Set(ports).size).toBe(12);
      expect((await listeners()) - before).toBe(12);

      const ask = (g: TestGraph) => g.query<PersonKaigo>(PERSON_KAIGO, { id: 'P-101' }, { as: 's-kita-01' });
      // Interleaved, concurrent requests to both.
      const answers = await Promise.all([ask(a), ask(b), ask(a), ask(b), ask(b), ask(a)]);
      const people = answers.map((r) => r.body.data?.person);
      for (const i of [0, 2, 5])
        expect(people[i]).toEqual({
          id: 'P-101',
          name: '山田 ハナ',
          kaigo: { insuredNumber: '1000000101', careLevel: 'CARE_2' },
        });
      for (const i of [1, 3, 4])
        expect(people[i]).toEqual({
          id: 'P-101',
          name: '別人 太郎',
          kaigo: { insuredNumber: '9000000101', careLevel: 'CARE_5' },
        });

      // Each audit log holds its own graph's reads only: P-202 is asked of a alone.
      await a.query(PERSON_KAIGO, { id: 'P-202' }, { as: 's-kita-01' });
      const audited = async (g: TestGraph) =>
        new Set((await g.gateway.auditLog.rows()).map((e) => e.personId));
      expect(await audited(a)).toEqual(new Set(['P-101', 'P-202']));
      expect(await audited(b)).toEqual(new Set(['P-101']));

      // A change to one graph's data, and its reset, leave the other alone.
      await a.stores.kaigo.collection('hihokensha').deleteMany({});
      expect((await ask(a)).body.data?.person?.kaigo).toBeNull();
      expect((await ask(b)).body.data?.person?.kaigo?.careLevel).toBe('CARE_5');
      await b.reset();
      expect((await ask(a)).body.data?.person?.kaigo).toBeNull();
      await a.reset();
      expect((await ask(a)).body.data?.person?.kaigo?.careLevel).toBe('CARE_2');
      expect((await ask(b)).body.data?.person?.kaigo?.careLevel).toBe('CARE_5');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    await expect(fetch(a.url, { method: 'POST' })).rejects.toThrow();
    expect(await listeners()).toBe(before);
  });
});

describe('towns', () => {
  it('the demo town as inline fixtures (demoTown()) is exactly the demo seed', async () => {
    const resolved = resolveTown(demoTown());
    const dump = async (store: Store, collections: string[]) =>
      Object.fromEntries(
        await Promise.all(
          collections.map(async (c) => [
            c,
            (await store.collection(c).find({})).sort((x, y) => x._id.localeCompare(y._id)),
          ]),
        ),
      );
    for (const name of SERVICES) {
      const seeded = new EmbeddedStore();
      const inline = new EmbeddedStore();
      await SUBGRAPH_FACTORIES[name].seed(seeded, { syntheticResidents: 0 });
      await loadResolved(inline, resolved[name]);
      const collections = Object.keys(resolved[name]);
      expect([name, await dump(inline, collections)]).toEqual([name, await dump(seeded, collections)]);
    }
  });

  it('an inline town: defaults filled, consent, a case team and a meeting decide as in the demo town', async () => {
    const graph = await startTestGraph({
      town: {
        households: [{ _id: 'H-1', name: '試験世帯' }],
        people: [
          { _id: 'P-1', name: '試験 一', householdId: 'H-1' },
          { _id: 'P-2', name: '試験 二', householdId: 'H-1' },
        ],
        consents: [{ personId: 'P-1', status: 'GRANTED' }],
        cases: [
          { _id: 'C-1', personIds: ['P-1', 'P-2'], team: [{ agencyId: 'takikan-shakyo', role: 'PLANNER' }] },
        ],
        meetings: [
          {
            _id: 'M-1',
            kind: 'SHIEN_KAIGI',
            memberAgencyIds: ['takikan-shakyo'],
            agenda: [{ kind: 'PERSON', id: 'P-2' }],
          },
        ],
        records: { kaigo: [hihokensha('P-1', '9000000001', '21'), hihokensha('P-2', '9000000002', '12')] },
      },
    });
    try {
      const q = `{ household(id: "H-1") { members { id kaigo { careLevel } } } }`;
      type Household = { household: { members: { id: string; kaigo: { careLevel: string } | null }[] } };
      // On the case team, outside a meeting: P-1 by consent; P-2 never consented.
      const team = await graph.query<Household>(q, {}, { as: 's-takikan-01' });
      expect(team.body.data?.household.members).toEqual([
        { id: 'P-1', kaigo: { careLevel: 'CARE_1' } },
        { id: 'P-2', kaigo: null },
      ]);
      expect(team.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['household', 'members', 1, 'kaigo'], 'CONSENT_REQUIRED'],
      ]);
      // In the 支援会議 with P-2 on the agenda: no consent needed (法106条の6).
      const meeting = await graph.query<Household>(q, {}, { as: 's-takikan-01', meeting: 'M-1' });
      expect(meeting.body.data?.household.members[1]).toEqual({
        id: 'P-2',
        kaigo: { careLevel: 'SUPPORT_1' },
      });
    } finally {
      await graph.stop();
    }
  });
});

describe('silos left out or served by an agency adapter', () => {
  let graph: TestGraph;
  const double = restDouble();
  beforeAll(async () => {
    graph = await startTestGraph({ silos: ['kaigo', 'kodomo'], adapters: { kaigo: double.adapter } });
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('a silo not running: its fields are null with an error each, the rest is served', async () => {
    expect(graph.silos).toEqual(['kaigo', 'kodomo']);
    const res = await graph.query<{ person: { name: string; shogai: unknown; konkyu: unknown } }>(
      '{ person(id: "P-401") { name shogai { supportCategory } konkyu { consultationNumber } } }',
      {},
      { as: 's-fukushi-01' },
    );
    expect(res.body.data?.person).toEqual({ name: '高橋 誠', shogai: null, konkyu: null });
    const errors = res.body.errors?.map((e) => `${e.path?.join('.')} ${String(e.extensions?.code)}`);
    expect(errors?.sort()).toEqual([
      'person.konkyu SUBGRAPH_UNAVAILABLE',
      'person.shogai SUBGRAPH_UNAVAILABLE',
    ]);
  });

  it('a silo on an agency adapter answers from the adapter, not its store', async () => {
    const requests = double.roundTrips();
    const res = await graph.query<{ a: PersonKaigo['person']; b: PersonKaigo['person'] }>(
      '{ a: person(id: "P-202") { kaigo { careLevel } } b: person(id: "P-601") { kaigo { careLevel } } }',
      {},
      { as: 's-kita-01' },
    );
    // P-601 has a record in the demo store, but not behind the agency's API.
    expect(res.body.data).toEqual({ a: { kaigo: { careLevel: 'SUPPORT_1' } }, b: { kaigo: null } });
    expect(double.roundTrips() - requests).toBe(2); // one per aliased root field (see the contract)
  });

  it('the running silos not replaced read their store', async () => {
    const res = await graph.query<{ person: { kodomo: { caseNumber: string } } }>(
      '{ person(id: "P-203") { kodomo { caseNumber } } }',
      {},
      { as: 's-kodomo-01' },
    );
    expect(res.body.data?.person.kodomo.caseNumber).toBe('K21-0203');
  });
});

describe('an empty town with no silo running', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ town: 'empty', silos: [] });
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('has the agencies and nobody else', async () => {
    const res = await graph.query<{ person: unknown; agencies: { id: string }[] }>(
      '{ person(id: "P-101") { id } agencies { id } }',
      {},
      { as: 's-fukushi-01' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.person).toBeNull();
    expect(res.body.data?.agencies).toHaveLength(8);
  });

  it('query(): headers given replace those from `as`, whatever their case', async () => {
    const q = '{ agencies { id } }';
    expect((await graph.query(q, {}, { as: 's-kita-01' })).body.errors).toBeUndefined();
    const res = await graph.query(
      q,
      {},
      { as: 's-kita-01', headers: { Authorization: 'Bearer not-a-token' } },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const own = await graph.query(
      q,
      {},
      { headers: { AUTHORIZATION: `Bearer ${await graph.token('s-hw-01')}` } },
    );
    expect(own.body.errors).toBeUndefined();
  });
});

describe('reset', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('returns to the town it started with, empties the audit log, and is quick', async () => {
    const q = '{ person(id: "P-201") { consent { status } konkyu { consultationNumber } } }';
    const before = await graph.query(q, {}, { as: 's-takikan-01' });
    await graph.stores.juso
      .collection('consents')
      .updateOne(
        { _id: 'P-201#1' },
        { $set: { status: 'WITHDRAWN', withdrawnAt: '2026-11-01T00:00:00.000Z' } },
      );
    await graph.stores.juso.collection('people').insertOne({ _id: 'P-NEW', name: 'x' });
    expect((await graph.query(q, {}, { as: 's-takikan-01' })).body).not.toEqual(before.body);
    expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true });

    const started = performance.now();
    await graph.reset();
    const ms = performance.now() - started;

    expect(await graph.gateway.auditStore.collection(AUDIT_COLLECTION).countDocuments({})).toBe(0);
    expect(await graph.stores.juso.collection('people').findOne({ _id: 'P-NEW' })).toBeNull();
    expect((await graph.query(q, {}, { as: 's-takikan-01' })).body).toEqual(before.body);
    // The audit chain starts again from its genesis.
    expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(ms).toBeLessThan(1_000); // ~2 ms on the demo town
  });

  it('keeps the indexes a service created on start (unique keys still hold)', async () => {
    await graph.reset();
    const kaigo = graph.stores.kaigo.collection('hihokensha');
    const p101 = await kaigo.findOne({ _id: '1000000101' });
    await expect(kaigo.insertOne({ ...p101, _id: 'another-number' } as never)).rejects.toThrow(
      /duplicate key/,
    );
  });
});

describe('options that cannot work are refused, and a failed start leaves nothing behind', () => {
  it.each<[string, Parameters<typeof startTestGraph>[0], RegExp]>([
    ['an unknown silo', { silos: ['kaigo', 'nenkin' as never] }, /nenkin is not a silo/],
    [
      'records for a silo served by an adapter',
      { town: OTHER_TOWN, adapters: { kaigo: restDouble().adapter } },
      /its records come from the adapter/,
    ],
    [
      'an adapter for a silo that does not run',
      { silos: ['kodomo'], adapters: { kaigo: restDouble().adapter } },
      /kaigo is not among the silos that run/,
    ],
    ['synthetic residents in an inline town', { town: 'empty', syntheticResidents: 10 }, /demo town only/],
    ['a person in no household', { town: { people: [{ _id: 'P-1', name: 'x' }] } }, /P-1: give householdId/],
    ['an id twice', { town: { households: [{ _id: 'H' }, { _id: 'H' }] } }, /households: _id H given twice/],
    [
      'records of an unknown silo',
      { town: { records: { nenkin: [] } as never } },
      /records\.nenkin: not a silo/,
    ],
  ])('%s', async (_what, options, message) => {
    await expect(startTestGraph(options)).rejects.toThrow(FixtureError);
    await expect(startTestGraph(options)).rejects.toThrow(message);
  });

  it('two records linked to one resident: refused while loading, with every started service stopped', async () => {
    const before = await listeners();
    const town: TownFixtures = {
      households: [{ _id: 'H-1', memberIds: ['P-1'] }],
      people: [{ _id: 'P-1', name: 'x' }],
      records: { kaigo: [hihokensha('P-1', '9000000001', '21'), hihokensha('P-1', '9000000002', '21')] },
    };
    await expect(startTestGraph({ town })).rejects.toThrow(
      /kaigo: duplicate key in hihokensha: link\.residentId/,
    );
    expect(await listeners()).toBe(before);
  });
});
