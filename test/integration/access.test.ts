/**
 * Access control over the scenario data, through the real federated graph: each case
 * of issue 3's list, what staff do and what a curious or hostile caller tries.
 */
import type { AuditRecord } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION } from '../../gateway/audit/audit-log';
import type { EmbeddedStore } from '../../shared/store';
import { expectDisclosed, expectWithheld } from '../support/expect';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const PERSON = /* GraphQL */ `
  query Person($id: ID!) {
    person(id: $id) {
      id
      name
      kaigo {
        careLevel
      }
      shogai {
        certificates {
          kind
          grade
        }
        supportCategory
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

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

describe('own field (rule 3)', () => {
  it('an agency reads its own records, whatever the consent', async () => {
    // P-601 withdrew consent; 地域包括支援センター北 still sees its own 介護 record.
    const res = await graph.query(PERSON, { id: 'P-601' }, { as: 's-kita-01' });
    expect(expectDisclosed(res, ['person', 'kaigo'])).toEqual({ careLevel: 'CARE_1' });
    expectWithheld(res, ['person', 'konkyu'], 'CONSENT_REQUIRED');
  });

  it('the 困窮 agency reads tax status in its own records', async () => {
    const res = await graph.query(PERSON, { id: 'P-102' }, { as: 's-shakyo-01' });
    expect(expectDisclosed(res, ['person', 'konkyu'])).toEqual({
      consultationNumber: 'R6-0102',
      taxStatus: 'NON_TAXABLE',
    });
  });
});

describe('重層的支援会議 M-J1 (rule 4, consent needed)', () => {
  it('a member reads a consenting person on the agenda', async () => {
    const res = await graph.query(PERSON, { id: 'P-101' }, { as: 's-takikan-01', meeting: 'M-J1' });
    expect(expectDisclosed(res, ['person', 'kaigo'])).toEqual({ careLevel: 'CARE_2' });
  });

  it('a member is refused a non-consenting person', async () => {
    const res = await graph.query(PERSON, { id: 'P-102' }, { as: 's-takikan-01', meeting: 'M-J1' });
    expectWithheld(res, ['person', 'konkyu'], 'CONSENT_REQUIRED');
    expectWithheld(res, ['person', 'kaigo'], 'CONSENT_REQUIRED');
  });

  it('consent that does not cover a field or tax withholds them', async () => {
    const res = await graph.query(PERSON, { id: 'P-201' }, { as: 's-takikan-01', meeting: 'M-J1' });
    expectWithheld(res, ['person', 'shogai'], 'CONSENT_REQUIRED');
    expectWithheld(res, ['person', 'konkyu', 'taxStatus'], 'TAX_CONSENT_REQUIRED');
    expect(expectDisclosed(res, ['person', 'konkyu', 'consultationNumber'])).toBe('R6-0201');
  });

  it('a person not on the agenda is refused', async () => {
    const res = await graph.query(PERSON, { id: 'P-401' }, { as: 's-takikan-01', meeting: 'M-J1' });
    expectWithheld(res, ['person', 'kaigo'], 'NOT_ON_AGENDA');
  });

  it('a non-member is refused', async () => {
    const res = await graph.query(PERSON, { id: 'P-101' }, { as: 's-hw-01', meeting: 'M-J1' });
    expectWithheld(res, ['person', 'kaigo'], 'NOT_MEETING_MEMBER');
  });
});

describe('支援会議 M-S1 (rule 4, 社会福祉法106条の6)', () => {
  it('a member reads a person who refused consent', async () => {
    const res = await graph.query(PERSON, { id: 'P-301' }, { as: 's-outreach-01', meeting: 'M-S1' });
    expect(expectDisclosed(res, ['person', 'shogai'])).toEqual({
      certificates: [{ kind: 'PHYSICAL', grade: '1級' }],
      supportCategory: 5,
    });
  });

  it('but not their tax status', async () => {
    const res = await graph.query(PERSON, { id: 'P-102' }, { as: 's-outreach-01', meeting: 'M-S1' });
    expect(expectDisclosed(res, ['person', 'konkyu', 'consultationNumber'])).toBe('R6-0102');
    expectWithheld(res, ['person', 'konkyu', 'taxStatus'], 'TAX_CONSENT_REQUIRED');
  });

  it('child-protection records are shared at a 支援会議', async () => {
    const res = await graph.query(PERSON, { id: 'P-302' }, { as: 's-aoba-01', meeting: 'M-S1' });
    expect(expectDisclosed(res, ['person', 'kodomo', 'childProtection'])).toEqual({
      category: 'REQUIRES_SUPPORT',
    });
  });
});

describe('closed meetings and outside meetings', () => {
  it('a closed meeting gives no basis', async () => {
    const res = await graph.query(PERSON, { id: 'P-401' }, { as: 's-hw-01', meeting: 'M-S0' });
    expectWithheld(res, ['person', 'shogai'], 'MEETING_NOT_OPEN');
  });

  it('a made-up meeting id reads like a closed one', async () => {
    const res = await graph.query(PERSON, { id: 'P-401' }, { as: 's-hw-01', meeting: 'M-NOPE' });
    expectWithheld(res, ['person', 'shogai'], 'MEETING_NOT_OPEN');
  });

  it('a case-team member reads within consent, tax included when covered (rule 5)', async () => {
    const res = await graph.query(PERSON, { id: 'P-401' }, { as: 's-hw-01' });
    expect(expectDisclosed(res, ['person', 'shogai', 'certificates'])).toEqual([
      { kind: 'INTELLECTUAL', grade: 'B' },
    ]);
    expect(expectDisclosed(res, ['person', 'konkyu', 'taxStatus'])).toBe('NON_TAXABLE');
  });

  it('someone not on the case team is refused', async () => {
    const res = await graph.query(PERSON, { id: 'P-101' }, { as: 's-hw-01' });
    expectWithheld(res, ['person', 'kaigo'], 'NOT_ON_TEAM');
  });

  it('a withdrawn consent is refused', async () => {
    const res = await graph.query(PERSON, { id: 'P-601' }, { as: 's-takikan-01' });
    expectWithheld(res, ['person', 'kaigo'], 'CONSENT_REQUIRED');
  });

  it('child-protection records are never disclosed on consent', async () => {
    const res = await graph.query(PERSON, { id: 'P-501' }, { as: 's-fukushi-01' });
    expectWithheld(res, ['person', 'kodomo'], 'NOT_ON_TEAM');
    const own = await graph.query(PERSON, { id: 'P-501' }, { as: 's-kodomo-01' });
    expect(expectDisclosed(own, ['person', 'kodomo', 'childProtection'])).toEqual({
      category: 'SPECIFIC_EXPECTANT_MOTHER',
    });
  });
});

describe('the DV support measure (rule 2)', () => {
  it('withholds the address from everyone, own field included', async () => {
    const q = `{ person(id: "P-501") { name address kodomo { caseNumber address } } }`;
    const res = await graph.query(q, {}, { as: 's-kodomo-01' });
    expectWithheld(res, ['person', 'address'], 'ADDRESS_WITHHELD');
    expectWithheld(res, ['person', 'kodomo', 'address'], 'ADDRESS_WITHHELD');
    expect(expectDisclosed(res, ['person', 'kodomo', 'caseNumber'])).toBe('KN-0501');
    const other = await graph.query(`{ person(id: "P-101") { address } }`, {}, { as: 's-hw-01' });
    expect(expectDisclosed(other, ['person', 'address'])).toBe('さくら町北2-4-8');
  });
});

describe('重層 data: cases, consent state, meetings', () => {
  it('a case is visible to its team and refused to others, unknown ids alike', async () => {
    const q = `query C($id: ID!) { case(id: $id) { id title plans { kind status } } }`;
    const team = await graph.query<{ case: { plans: unknown[] } }>(q, { id: 'C-KS' }, { as: 's-hw-01' });
    expect(team.body.data?.case.plans).toEqual([{ kind: 'TAKIKAN', status: 'CONFIRMED' }]);
    const other = await graph.query(q, { id: 'C-8050' }, { as: 's-hw-01' });
    expectWithheld(other, ['case'], 'NOT_ON_TEAM');
    const unknown = await graph.query(q, { id: 'C-NOPE' }, { as: 's-hw-01' });
    expect(unknown.text).toBe(other.text);
  });

  it('a meeting member sees a case on its agenda; consent state follows the same rule', async () => {
    const q = `{ case(id: "C-YC") { title people { id consent { status } } } }`;
    const res = await graph.query(q, {}, { as: 's-outreach-01', meeting: 'M-S1' });
    expect(expectDisclosed(res, ['case', 'title'])).toContain('ヤングケアラー');
    expect(expectDisclosed(res, ['case', 'people', 0, 'consent'])).toEqual({ status: 'REFUSED' });
    const outside = await graph.query(
      `{ person(id: "P-301") { consent { status } } }`,
      {},
      { as: 's-outreach-01' },
    );
    expectWithheld(outside, ['person', 'consent'], 'NOT_ON_TEAM');
  });

  it('a meeting is for its members', async () => {
    const q = `{ meeting(id: "M-S1") { title agenda { kind } } }`;
    expect(expectDisclosed(await graph.query(q, {}, { as: 's-aoba-01' }), ['meeting', 'title'])).toContain(
      '支援会議',
    );
    expectWithheld(await graph.query(q, {}, { as: 's-hw-01' }), ['meeting'], 'NOT_MEETING_MEMBER');
  });

  it('lists leave out hidden cases instead of erroring', async () => {
    const res = await graph.query<{ person: { cases: { id: string }[] } }>(
      `{ person(id: "P-401") { cases { id } } }`,
      {},
      {
        as: 's-kita-01',
      },
    );
    expect(res.body.data?.person.cases).toEqual([]);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('a withheld field reads the same whether or not a record exists', () => {
  it('is byte-identical after the record is removed', async () => {
    // 地域包括支援センター北 is not on C-YC's team: P-301's 障害 record is withheld from it.
    const q = `query P($id: ID!) { person(id: $id) { shogai { certificates { kind grade } supportCategory } } }`;
    const withRecord = await graph.query(q, { id: 'P-301' }, { as: 's-kita-01' });
    expectWithheld(withRecord, ['person', 'shogai'], 'NOT_ON_TEAM');
    const shogai = graph.stores.shogai;
    const [record] = await shogai.collection('riyosha').find({ 'link.residentId': 'P-301' });
    await shogai.collection('riyosha').deleteMany({ 'link.residentId': 'P-301' });
    try {
      const without = await graph.query(q, { id: 'P-301' }, { as: 's-kita-01' });
      expect(without.status).toBe(withRecord.status);
      expect(without.text).toBe(withRecord.text);
    } finally {
      await shogai.collection('riyosha').upsertMany([record!]);
    }
  });
});

describe('consent and meeting state are read fresh each request', () => {
  it('a withdrawal takes effect on the next request', async () => {
    const ask = () => graph.query(PERSON, { id: 'P-202' }, { as: 's-takikan-01', meeting: 'M-J1' });
    expectDisclosed(await ask(), ['person', 'kaigo']);
    const consents = graph.stores.juso.collection('consents');
    const [current] = await consents.find({ personId: 'P-202' }, { sort: { version: -1 }, limit: 1 });
    await consents.insertOne({
      ...current!,
      _id: 'P-202#99',
      version: 99,
      status: 'WITHDRAWN',
      withdrawnAt: new Date().toISOString(),
    });
    try {
      expectWithheld(await ask(), ['person', 'kaigo'], 'CONSENT_REQUIRED');
    } finally {
      await consents.deleteMany({ _id: 'P-202#99' });
    }
  });

  it("a meeting's closure takes effect on the next request", async () => {
    const ask = () => graph.query(PERSON, { id: 'P-302' }, { as: 's-aoba-01', meeting: 'M-S1' });
    expectDisclosed(await ask(), ['person', 'kodomo']);
    const meetings = graph.stores.juso.collection('meetings');
    await meetings.updateOne({ _id: 'M-S1' }, { $set: { status: 'CLOSED' } });
    try {
      expectWithheld(await ask(), ['person', 'kodomo'], 'MEETING_NOT_OPEN');
    } finally {
      await meetings.updateOne({ _id: 'M-S1' }, { $set: { status: 'OPEN' } });
    }
  });
});

describe('authentication', () => {
  it('refuses a request without a token', async () => {
    const res = await graph.query(PERSON, { id: 'P-101' });
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed meeting header', async () => {
    const res = await graph.query(
      PERSON,
      { id: 'P-101' },
      { as: 's-takikan-01', headers: { 'x-meeting-id': '{"$ne":null}' } },
    );
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
  });
});

describe('audit', () => {
  it('records every decision of a request, disclosures and withholdings, and the chain verifies', async () => {
    const res = await graph.query(PERSON, { id: 'P-201' }, { as: 's-takikan-01', meeting: 'M-J1' });
    const audit = graph.gateway.auditStore.collection<AuditRecord>(AUDIT_COLLECTION);
    const [last] = await audit.find({}, { sort: { seq: -1 }, limit: 1 });
    // One record for the request, carrying all its decisions.
    const entries = await graph.gateway.auditLog.byRequest(last!.req);
    expect(new Set(entries.map((e) => e.seq)).size).toBe(1);
    const summary = entries
      .filter((e) => e.field !== 'IDENTITY')
      .map((e) => `${e.field}/${e.cls}:${e.decision}:${e.basis ?? e.code}`)
      .sort();
    expect(summary).toEqual(
      [
        'KAIGO/GENERAL:DISCLOSED:CONSENT',
        'KODOMO/GENERAL:DISCLOSED:CONSENT',
        'KODOMO/CHILD_PROTECTION:WITHHELD:FORBIDDEN',
        'KONKYU/GENERAL:DISCLOSED:CONSENT',
        'KONKYU/TAX:WITHHELD:TAX_CONSENT_REQUIRED',
        'SHOGAI/GENERAL:WITHHELD:CONSENT_REQUIRED',
      ].sort(),
    );
    expect(
      entries.every((e) => e.staffId === 's-takikan-01' && e.meetingId === 'M-J1' && e.personId === 'P-201'),
    ).toBe(true);
    // Every withheld field in the response has its entry.
    const withheldCodes = (res.body.errors ?? []).map((e) => e.extensions?.code).sort();
    expect(withheldCodes).toEqual(['CONSENT_REQUIRED', 'TAX_CONSENT_REQUIRED']);
    for (const code of withheldCodes)
      expect(entries.some((e) => e.decision === 'WITHHELD' && e.code === code)).toBe(true);
    expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true });
  });

  it('discloses nothing when the audit log cannot be written', async () => {
    const store = graph.gateway.auditStore as EmbeddedStore;
    store.failWrites = true;
    try {
      const res = await graph.query(PERSON, { id: 'P-101' }, { as: 's-kita-01' });
      expect(res.status).toBe(503);
      expect(res.body.data).toBeUndefined();
      expect(res.text).not.toContain('CARE_2');
      expect(res.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
    } finally {
      store.failWrites = false;
    }
    expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true });
  });

  it('lets the coordinator read who saw what about a person', async () => {
    const { mintDevToken } = await import('../../town/dev-idp');
    const url = graph.url.replace(/\/graphql$/, '/audit?person=P-201');
    const coordinator = await fetch(url, {
      headers: { authorization: `Bearer ${await mintDevToken('s-fukushi-01')}` },
    });
    const body = (await coordinator.json()) as { entries: { staffId: string; field: string }[] };
    expect(body.entries.some((e) => e.staffId === 's-takikan-01' && e.field === 'KAIGO')).toBe(true);
    const other = await fetch(url, {
      headers: { authorization: `Bearer ${await mintDevToken('s-kita-01')}` },
    });
    expect(other.status).toBe(403);
  });
});
