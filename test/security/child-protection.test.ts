/**
 * Issue 12, leak 6: a 子ども record of a person registered as 要保護児童, 要支援児童 or 特定妊婦
 * is child-protection data as a whole (DOMAIN.md): outside its own agency only in a
 * 支援会議 (法106条の6), never on consent. Through the real federated graph, with the
 * demo town plus what the leak needs: a guardian's consent for P-302 (要支援児童), and a
 * case and meetings for P-501 (特定妊婦).
 */
import { CREDENTIAL_HEADER, CredentialSigner } from '../../shared/auth/gateway-credential';
import { WITHHELD_MESSAGES } from '../../shared/access/errors';
import { demoTown } from '../../testkit';
import { expectDisclosed, expectWithheld } from '../support/expect';
import type { GraphQLResponse, TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { recordAttack } from '../support/security-summary';

/** What the records say; none of it may leave on consent. */
const SECRETS = [
  '父の介助',
  '配偶者からの暴力',
  '避難中',
  'ヤングケアラー',
  '安全な出産',
  'K10-0302',
  'KN-0501',
];

const town = demoTown();
town.consents.push({
  personId: 'P-302',
  version: 2,
  status: 'GRANTED',
  fields: ['KODOMO'],
  givenBy: 'GUARDIAN',
  takenByAgencyId: 'kodomo-center',
  takenByStaffId: 's-kodomo-01',
});
town.cases.push({
  _id: 'C-DV',
  title: '特定妊婦: 避難中の出産準備',
  personIds: ['P-501'],
  householdId: 'H-DV',
  team: [
    { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
    { agencyId: 'takikan-shakyo', role: 'PLANNER' },
  ],
});
town.meetings.push(
  {
    _id: 'M-JX',
    kind: 'JUSO_KAIGI',
    memberAgencyIds: ['fukushi-ka', 'takikan-shakyo'],
    agenda: [
      { kind: 'CASE', id: 'C-YC' },
      { kind: 'CASE', id: 'C-DV' },
      { kind: 'CASE', id: 'C-DOUBLE' },
    ],
  },
  {
    _id: 'M-SX',
    kind: 'SHIEN_KAIGI',
    memberAgencyIds: ['fukushi-ka', 'takikan-shakyo'],
    agenda: [{ kind: 'CASE', id: 'C-DV' }],
  },
);

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ town });
});
afterEach(() => graph.reset());
afterAll(() => graph.stop());

const FORBIDDEN = WITHHELD_MESSAGES.FORBIDDEN;

interface AuditLine {
  field: string;
  class: string;
  decision: string;
  basis: string | null;
  code: string | null;
}

/** The person's KODOMO decisions as the coordinator reads them (GET /audit, 本人開示). */
async function kodomoAudit(personId: string): Promise<[string, string, string | null][]> {
  const res = await fetch(graph.url.replace(/\/graphql$/, `/audit?person=${personId}`), {
    headers: { authorization: `Bearer ${await graph.token('s-fukushi-01')}` },
  });
  const body = (await res.json()) as { entries: AuditLine[] };
  return body.entries
    .filter((e) => e.field === 'KODOMO')
    .map((e): [string, string, string | null] => [e.class, e.decision, e.basis ?? e.code])
    .sort();
}

/** The record is null with one FORBIDDEN error at its path, nothing below it, no secret anywhere. */
function expectRecordWithheld(name: string, res: GraphQLResponse<unknown>, path: (string | number)[]): void {
  const leaked = SECRETS.some((s) => res.text.includes(s));
  recordAttack(`child protection: ${name}`, leaked);
  expect(leaked).toBe(false);
  expectWithheld(res, path, 'FORBIDDEN');
  const prefix = JSON.stringify(path).slice(0, -1);
  const below = (res.body.errors ?? []).filter((e) => JSON.stringify(e.path ?? []).startsWith(`${prefix},`));
  expect(below).toEqual([]);
}

// Every text field of KodomoRecord, each alone: none is outside the record's class.
const FIELDS = [
  'caseNumber',
  'consultations { summary }',
  'consultations { kind }',
  'consultations { date }',
  'supportPlans { goal }',
  'supportPlans { createdOn nextReviewOn }',
  'childProtection { category categoryLabel registeredOn leadAgency concerns }',
  'address',
  '__typename',
];

// Each way of asking on consent: outside meetings as a case-team member, and in a 重層的支援会議.
const ON_CONSENT: [string, string, string | undefined][] = [
  ['P-302', 's-fukushi-01', undefined],
  ['P-302', 's-takikan-01', 'M-JX'],
  ['P-501', 's-takikan-01', undefined],
  ['P-501', 's-fukushi-01', 'M-JX'],
];

describe('on consent, the whole record of a registered child or expectant mother is withheld', () => {
  it.each(ON_CONSENT.flatMap(([p, as, m]) => FIELDS.map((f) => [p, as, m, f] as const)))(
    '%s as %s in %s: kodomo { %s }',
    async (personId, as, meeting, field) => {
      const res = await graph.query(
        `query($id: ID!) { person(id: $id) { name kodomo { ${field} } } }`,
        { id: personId },
        { as, ...(meeting ? { meeting } : {}) },
      );
      expect(expectDisclosed(res, ['person', 'name'])).toBeTruthy();
      expectRecordWithheld(`${personId} ${field} (${meeting ?? 'outside meetings'})`, res, [
        'person',
        'kodomo',
      ]);
    },
  );

  it('the denial is byte-identical whatever is asked, and the same for both records', async () => {
    const texts = new Set<string>();
    for (const [personId, as] of [
      ['P-302', 's-fukushi-01'],
      ['P-501', 's-fukushi-01'],
    ] as const) {
      for (const field of FIELDS) {
        const res = await graph.query(`{ x: person(id: "${personId}") { kodomo { ${field} } } }`, {}, { as });
        texts.add(res.text);
      }
    }
    expect([...texts]).toEqual([
      JSON.stringify({
        errors: [{ message: FORBIDDEN, path: ['x', 'kodomo'], extensions: { code: 'FORBIDDEN' } }],
        data: { x: { kodomo: null } },
      }) + '\n',
    ]);
  });

  it('aliases, fragments, inline fragments and directives do not get around it', async () => {
    const queries = [
      `{ person(id: "P-302") { k: kodomo { s: consultations { t: summary } } } }`,
      `{ person(id: "P-302") { ...K } } fragment K on Person { kodomo { ...R } } fragment R on KodomoRecord { consultations { summary } supportPlans { goal } }`,
      `{ person(id: "P-302") { ... on Person { kodomo { ... on KodomoRecord { consultations { summary } } } } } }`,
      `{ person(id: "P-302") { kodomo @include(if: true) { consultations @skip(if: false) { summary } } } }`,
      `{ a: person(id: "P-302") { kodomo { caseNumber } } b: person(id: "P-302") { kodomo { consultations { summary } } } }`,
      `{ household(id: "H-YC") { members { id kodomo { consultations { summary } } } } }`,
      `{ case(id: "C-YC") { people { id kodomo { consultations { summary } } } } }`,
    ];
    for (const q of queries) {
      const res = await graph.query(q, {}, { as: 's-fukushi-01' });
      const leaked = SECRETS.some((s) => res.text.includes(s));
      recordAttack(`child protection: ${q.slice(0, 60)}`, leaked);
      expect(leaked).toBe(false);
      // P-302's record: FORBIDDEN; P-301 (in H-YC and C-YC) refused consent.
      for (const e of res.body.errors ?? [])
        expect(['FORBIDDEN', 'CONSENT_REQUIRED']).toContain(e.extensions?.code);
      expect((res.body.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    }
    const alias = await graph.query(
      `{ person(id: "P-302") { k: kodomo { consultations { summary } } } }`,
      {},
      { as: 's-fukushi-01' },
    );
    expectRecordWithheld('alias', alias, ['person', 'k']);
    const household = await graph.query(
      `{ household(id: "H-YC") { members { id kodomo { consultations { summary } } } } }`,
      {},
      { as: 's-fukushi-01' },
    );
    expectRecordWithheld('household', household, ['household', 'members', 1, 'kodomo']);
  });

  it('_entities is not reachable through the gateway', async () => {
    const res = await graph.query(
      `{ _entities(representations: [{ __typename: "Person", id: "P-302" }]) { ... on Person { kodomo { consultations { summary } } } } }`,
      {},
      { as: 's-fukushi-01' },
    );
    expect(res.status).toBe(400);
    const leaked = SECRETS.some((s) => res.text.includes(s));
    recordAttack('child protection: _entities through the gateway', leaked);
    expect(leaked).toBe(false);
  });

  it('the silo itself withholds it: a credential granting GENERAL alone gets nothing', async () => {
    // As if the gateway forgot to decide the record's class: the kodomo silo still refuses.
    const signer = await CredentialSigner.fromEnv({});
    const body = JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { kodomo { caseNumber consultations { summary } } } } }`,
      variables: {
        r: ['P-302', 'P-501', 'P-203'].map((id) => ({ __typename: 'Person', id })),
      },
    });
    const subject = {
      staffId: 's-fukushi-01',
      agency: { id: 'fukushi-ka', role: 'COORDINATOR' as const, field: null },
      meetingId: null,
      requestId: 'test-silo-direct',
    };
    const credential = await signer.sign('kodomo', subject, body, {
      'P-302': { GENERAL: 'ALLOW' },
      'P-501': { GENERAL: 'ALLOW', CHILD_PROTECTION: 'FORBIDDEN' },
      'P-203': { GENERAL: 'ALLOW' },
    });
    const res = await fetch(graph.services.kodomo.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CREDENTIAL_HEADER]: credential },
      body,
    });
    const text = await res.text();
    const leaked = SECRETS.some((s) => text.includes(s));
    recordAttack('child protection: silo asked with GENERAL only', leaked);
    expect(leaked).toBe(false);
    const json = JSON.parse(text) as {
      data: { _entities: ({ kodomo: unknown } | null)[] };
      errors?: { path: unknown[]; extensions: { code: string } }[];
    };
    expect(json.data._entities[0]?.kodomo).toBeNull();
    expect(json.data._entities[1]?.kodomo).toBeNull();
    // A child who is not registered: the record is there.
    expect(json.data._entities[2]?.kodomo).toEqual(expect.objectContaining({ caseNumber: 'K21-0203' }));
    expect(json.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['_entities', 0, 'kodomo'], 'FORBIDDEN'],
      [['_entities', 1, 'kodomo'], 'FORBIDDEN'],
    ]);
  });

  it('the audit says the record was withheld, not disclosed', async () => {
    await graph.query(
      `{ person(id: "P-302") { kodomo { consultations { summary } } } }`,
      {},
      { as: 's-fukushi-01' },
    );
    expect(await kodomoAudit('P-302')).toEqual([
      ['CHILD_PROTECTION', 'WITHHELD', 'FORBIDDEN'],
      ['GENERAL', 'WITHHELD', 'FORBIDDEN'],
    ]);
  });
});

describe('where the record may be read', () => {
  const ALL = `kodomo { caseNumber consultations { summary } supportPlans { goal } childProtection { category } }`;

  it('in a 支援会議 with the person on the agenda (法106条の6), no consent needed', async () => {
    const p302 = await graph.query(
      `{ person(id: "P-302") { ${ALL} } }`,
      {},
      { as: 's-aoba-01', meeting: 'M-S1' },
    );
    expect(expectDisclosed(p302, ['person', 'kodomo', 'consultations'])).toEqual([
      { summary: '遅刻と欠席が増加。父の介助を担っている' },
    ]);
    const p501 = await graph.query(
      `{ person(id: "P-501") { ${ALL} } }`,
      {},
      { as: 's-takikan-01', meeting: 'M-SX' },
    );
    expect(expectDisclosed(p501, ['person', 'kodomo'])).toEqual({
      caseNumber: 'KN-0501',
      consultations: [{ summary: '妊娠20週。配偶者からの暴力で避難中' }],
      supportPlans: [{ goal: '安全な出産と産後の生活基盤づくり' }],
      childProtection: { category: 'SPECIFIC_EXPECTANT_MOTHER' },
    });
    expect(await kodomoAudit('P-501')).toEqual([
      ['CHILD_PROTECTION', 'DISCLOSED', 'SOCIAL_WELFARE_ACT_106_6'],
      ['GENERAL', 'DISCLOSED', 'SOCIAL_WELFARE_ACT_106_6'],
    ]);
  });

  it('but not in a 支援会議 that does not have the person on its agenda', async () => {
    const res = await graph.query(
      `{ person(id: "P-501") { ${ALL} } }`,
      {},
      { as: 's-aoba-01', meeting: 'M-S1' },
    );
    expectWithheld(res, ['person', 'kodomo'], 'NOT_ON_AGENDA');
  });

  it('by its own agency (こども家庭センター)', async () => {
    for (const id of ['P-302', 'P-501']) {
      const res = await graph.query(`{ person(id: "${id}") { ${ALL} } }`, {}, { as: 's-kodomo-01' });
      expect(expectDisclosed(res, ['person', 'kodomo', 'childProtection'])).toBeTruthy();
      expect(expectDisclosed(res, ['person', 'kodomo', 'consultations'])).toHaveLength(1);
    }
  });

  it('a child who is not registered stays disclosable on consent; only the registration field is withheld', async () => {
    for (const [as, meeting] of [
      ['s-takikan-01', undefined],
      ['s-takikan-01', 'M-J1'],
    ] as const) {
      const res = await graph.query(
        `{ person(id: "P-203") { ${ALL} } }`,
        {},
        { as, ...(meeting ? { meeting } : {}) },
      );
      expect(expectDisclosed(res, ['person', 'kodomo', 'consultations'])).toEqual([
        { summary: '3歳児健診で言葉の遅れ。発達相談につなぐ' },
      ]);
      expectWithheld(res, ['person', 'kodomo', 'childProtection'], 'FORBIDDEN');
    }
    // Disclosed on consent; the registration's class decided, and withheld, as for every child.
    const general = (await kodomoAudit('P-203')).filter(([cls]) => cls === 'GENERAL');
    expect(general.length).toBeGreaterThan(0);
    expect(general.every(([, decision, basis]) => decision === 'DISCLOSED' && basis === 'CONSENT')).toBe(
      true,
    );
  });
});
