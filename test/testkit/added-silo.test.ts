/**
 * A fifth silo, declared in this file and nowhere else: 生活保護 (福祉事務所), in its own
 * native shape (ケース番号, 和暦 dates, 扶助の種類 codes) behind its own adapter. Added to a
 * test-kit graph with `addSilos`, it is read through the gateway under the same rules as
 * the four built-in silos: its own field, the person's consent, an open 支援会議 with the
 * person on its agenda, and the same withheld codes. docs/SILOS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphRecord, LinkedNativeDoc, RecordSource } from '../../shared/silo/types';
import { defineSilo, demoTown, startTestGraph } from '../../testkit';
import type { TestGraph } from '../../testkit';

/** The 福祉事務所's record as its system keeps it. */
interface HogoDoc extends LinkedNativeDoc {
  _id: string;
  caseBango: string;
  /** 保護開始日, 和暦 as the office writes it: R8.04.01. */
  kaishiWareki: string;
  /** 扶助の種類: 1 生活扶助, 3 住宅扶助, 4 医療扶助. */
  fujoCodes: string[];
  /** 収入認定額 (円/月): income-derived, shared only with consent covering tax. */
  shunyuNinteigaku: number;
}

interface HogoRecord extends GraphRecord {
  caseNumber: string;
  startedOn: string;
  aids: string[];
  assessedIncomeYen: number;
}

const AIDS: Record<string, string> = { '1': 'LIVING', '3': 'HOUSING', '4': 'MEDICAL' };

/** 令和 N 年 = 2018 + N. */
const fromWareki = (w: string): string => {
  const [, y, m, d] = /^R(\d+)\.(\d\d)\.(\d\d)$/.exec(w) ?? [];
  if (!y || !m || !d) throw new Error(`not a 令和 date: ${w}`);
  return `${2018 + Number(y)}-${m}-${d}`;
};

const hogoToGraph = (doc: HogoDoc, residentId: string): HogoRecord => ({
  personId: residentId,
  caseNumber: doc.caseBango,
  startedOn: fromWareki(doc.kaishiWareki),
  aids: doc.fujoCodes.map((c) => AIDS[c] ?? 'OTHER'),
  assessedIncomeYen: doc.shunyuNinteigaku,
});

const SCHEMA = `
type Person @key(fields: "id") {
  id: ID!
  "生活保護の記録 (福祉事務所). Null when the person has none."
  seikatsu: SeikatsuRecord
}

type SeikatsuRecord {
  caseNumber: String!
  startedOn: String!
  aids: [String!]!
  "収入認定額 (税情報由来: 同意が税情報に及ぶときだけ)"
  assessedIncomeYen: Int @sensitive(class: TAX)
}
`;

const link = (residentId: string) => ({
  residentId,
  method: 'NUMBER' as const,
  linkedAt: '2026-04-01T00:00:00.000Z',
  linkedBy: 'test',
});

/** The office's records, keyed by resident number as its link table has them. */
const OFFICE: HogoDoc[] = [
  {
    _id: 'H-0101',
    caseBango: 'H-0101',
    kaishiWareki: 'R8.04.01',
    fujoCodes: ['1', '3'],
    shunyuNinteigaku: 42000,
    link: link('P-101'),
  },
  {
    _id: 'H-0102',
    caseBango: 'H-0102',
    kaishiWareki: 'R7.10.15',
    fujoCodes: ['1'],
    shunyuNinteigaku: 0,
    link: link('P-102'),
  },
  {
    _id: 'H-0401',
    caseBango: 'H-0401',
    kaishiWareki: 'R8.06.01',
    fujoCodes: ['1', '3', '4'],
    shunyuNinteigaku: 61000,
    link: link('P-401'),
  },
];

/** The agency's own adapter: one call per batch, keyed by resident id, counting what it was asked. */
class HogoOfficeAdapter implements RecordSource<HogoRecord> {
  readonly asked: string[][] = [];
  async findByResidentIds(residentIds: readonly string[]): Promise<Map<string, HogoRecord>> {
    this.asked.push([...residentIds]);
    const found = new Map<string, HogoRecord>();
    for (const doc of OFFICE)
      if (doc.link && residentIds.includes(doc.link.residentId))
        found.set(doc.link.residentId, hogoToGraph(doc, doc.link.residentId));
    return found;
  }
}

const schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seikatsu-silo-'));
const schemaFile = path.join(schemaDir, 'schema.graphql');
fs.writeFileSync(schemaFile, SCHEMA);

const seikatsuSilo = defineSilo<HogoDoc, HogoRecord>({
  service: 'seikatsu',
  field: 'SEIKATSU',
  label: '生活保護',
  port: 4006,
  schemaFile,
  store: { collection: 'hogo', indexes: [{ keys: ['caseBango'], unique: true }], toGraph: hogoToGraph },
  agency: { id: 'fukushi-jimusho', name: '福祉事務所 保護係', staff: { id: 's-hogo-01', name: '保坂 直子' } },
  scenarioRecords: OFFICE,
  seed: async (store) => {
    await store.collection('hogo').insertMany(OFFICE);
  },
});

const RECORD = '{ caseNumber startedOn aids assessedIncomeYen }';
const read = (person: string) => `{ person(id: "${person}") { id seikatsu ${RECORD} } }`;

interface PersonAnswer {
  person: { id: string; seikatsu: Partial<HogoRecord> | null } | null;
}

let graph: TestGraph;
const adapter = new HogoOfficeAdapter();

beforeAll(async () => {
  const town = demoTown();
  graph = await startTestGraph({
    addSilos: [seikatsuSilo],
    adapters: { seikatsu: adapter },
    town: {
      ...town,
      // P-101 consents to 介護 and 生活保護 being shared, without tax; P-401 to all five, with tax.
      consents: [
        ...town.consents.filter((c) => c.personId !== 'P-101' && c.personId !== 'P-401'),
        { personId: 'P-101', status: 'GRANTED', fields: ['KAIGO', 'SEIKATSU'] },
        { personId: 'P-401', status: 'GRANTED', coversTax: true },
      ],
    },
  });
});
afterEach(() => {
  adapter.asked.length = 0;
});
afterAll(async () => {
  await graph?.stop();
  fs.rmSync(schemaDir, { recursive: true, force: true });
});

const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? []).map((e) => e.extensions?.code);

describe('a silo declared in a test, through the gateway', () => {
  it('runs beside the four built-in silos', () => {
    expect(graph.silos).toEqual(['kaigo', 'shogai', 'kodomo', 'konkyu', 'seikatsu']);
  });

  it('own field: the 福祉事務所 reads its own records of anyone, translated from its native shape', async () => {
    const res = await graph.query<PersonAnswer>(read('P-401'), {}, { as: 's-hogo-01' });
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.body.data?.person?.seikatsu).toEqual({
      caseNumber: 'H-0401',
      startedOn: '2026-06-01',
      aids: ['LIVING', 'HOUSING', 'MEDICAL'],
      assessedIncomeYen: 61000,
    });
  });

  it('consent: another field reads it when the consent names the field; tax-derived needs tax consent', async () => {
    const res = await graph.query<PersonAnswer>(read('P-101'), {}, { as: 's-kita-01' });
    expect(res.body.data?.person?.seikatsu).toMatchObject({ caseNumber: 'H-0101', assessedIncomeYen: null });
    expect(codes(res.body.errors)).toEqual(['TAX_CONSENT_REQUIRED']);
    expect(res.body.errors?.[0]?.path).toEqual(['person', 'seikatsu', 'assessedIncomeYen']);

    // 自立相談支援 is on P-401's case team (the consent rule asks for a role on the case, as for any silo).
    const withTax = await graph.query<PersonAnswer>(read('P-401'), {}, { as: 's-shakyo-01' });
    expect(withTax.body.errors ?? []).toEqual([]);
    expect(withTax.body.data?.person?.seikatsu?.assessedIncomeYen).toBe(61000);
  });

  it('withheld: null with one error and its code (no consent, no role on the case); the adapter is not asked', async () => {
    const res = await graph.query<PersonAnswer>(read('P-102'), {}, { as: 's-kita-01' });
    expect(res.body.data?.person).toEqual({ id: 'P-102', seikatsu: null });
    expect(codes(res.body.errors)).toEqual(['CONSENT_REQUIRED']);
    expect(res.body.errors?.[0]?.path).toEqual(['person', 'seikatsu']);
    expect(adapter.asked.flat()).not.toContain('P-102');

    const noField = await graph.query<PersonAnswer>(read('P-101'), {}, { as: 's-hw-01' });
    expect(noField.body.data?.person?.seikatsu).toBeNull();
    expect(codes(noField.body.errors)).toEqual(['NOT_ON_TEAM']);
  });

  it('meeting: an open 支援会議 discloses it for a person on the agenda to a member, and only then', async () => {
    const onAgenda = await graph.query<PersonAnswer>(
      read('P-102'),
      {},
      { as: 's-outreach-01', meeting: 'M-S1' },
    );
    expect(onAgenda.body.data?.person?.seikatsu).toMatchObject({ caseNumber: 'H-0102' });

    const notOnAgenda = await graph.query<PersonAnswer>(
      read('P-101'),
      {},
      { as: 's-outreach-01', meeting: 'M-S1' },
    );
    expect(notOnAgenda.body.data?.person?.seikatsu).toBeNull();
    expect(codes(notOnAgenda.body.errors)).toEqual(['NOT_ON_AGENDA']);

    const notMember = await graph.query<PersonAnswer>(
      read('P-102'),
      {},
      { as: 's-kita-01', meeting: 'M-S1' },
    );
    expect(notMember.body.data?.person?.seikatsu).toBeNull();
    expect(codes(notMember.body.errors)).toEqual(['NOT_MEETING_MEMBER']);
  });

  it('a household costs the adapter one call for all its members', async () => {
    const res = await graph.query<{ household: { members: { id: string; seikatsu: unknown }[] } }>(
      `{ household(id: "H-8050") { members { id seikatsu { caseNumber } } } }`,
      {},
      { as: 's-hogo-01' },
    );
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.body.data?.household.members.map((m) => m.seikatsu)).toEqual([
      { caseNumber: 'H-0101' },
      { caseNumber: 'H-0102' },
    ]);
    expect(adapter.asked).toEqual([['P-101', 'P-102']]);
  });

  it('consents and meetings name the field in the 重層 schema', async () => {
    const res = await graph.query<{ __type: { enumValues: { name: string }[] } }>(
      '{ __type(name: "WelfareField") { enumValues { name } } }',
      {},
      { as: 's-fukushi-01' },
    );
    expect(res.body.data?.__type.enumValues.map((v) => v.name)).toEqual([
      'KAIGO',
      'SHOGAI',
      'KODOMO',
      'KONKYU',
      'SEIKATSU',
    ]);
  });
});
