/**
 * Consent changes as new versions (nothing overwritten), and access control reading
 * each change on the next request: a 重層的支援会議 member's read of 山田 ハナ's (P-101)
 * 介護 record in M-J1, and of 佐藤 美咲's (P-201) tax status.
 */
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { expectDisclosed, expectWithheld } from '../support/expect';
import { SCENARIO_CONSENTS } from '../../subgraphs/juso/seed';
import { M, ok, refused, refusedWithoutChange } from './helpers';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

const TAKIKAN = { as: 's-takikan-01' };
/** 社協 自立相談支援 (困窮): not the 介護 agency, a member of M-J1. */
const MEMBER_IN_J1 = { as: 's-shakyo-01', meeting: 'M-J1' };
const ALL = ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'];

const KAIGO = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      id
      kaigo {
        careLevel
      }
    }
  }
`;
const readKaigo = () => graph.query(KAIGO, { id: 'P-101' }, MEMBER_IN_J1);

describe('grant, narrow, widen, withdraw: each a new version, effective on the next request', () => {
  it('before: the member reads her 介護 record on her consent', async () => {
    expect(expectDisclosed(await readKaigo(), ['person', 'kaigo'])).toEqual({ careLevel: 'CARE_2' });
  });

  it('narrowed to leave out 介護: withheld', async () => {
    const narrow = (fields: string[]) => ({
      personId: 'P-101',
      v: 1,
      input: { fields, coversTax: false, reason: '介護の情報は共有しないでほしい' },
    });
    await refusedWithoutChange(graph, 'BAD_USER_INPUT', M.narrow, narrow([]), TAKIKAN);
    await refusedWithoutChange(graph, 'BAD_USER_INPUT', M.narrow, narrow(ALL), TAKIKAN);
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.narrow,
      { ...narrow(ALL), input: { fields: ALL, coversTax: true } },
      TAKIKAN,
    );
    ok(await graph.query(M.narrow, narrow(['SHOGAI', 'KODOMO', 'KONKYU']), TAKIKAN));
    expectWithheld(await readKaigo(), ['person', 'kaigo'], 'CONSENT_REQUIRED');
  });

  it('widened again to 介護 (on the 申込票): disclosed', async () => {
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.widen,
      { personId: 'P-101', v: 2, input: { fields: ALL, coversTax: false } },
      TAKIKAN,
    );
    ok(
      await graph.query(
        M.widen,
        { personId: 'P-101', v: 2, input: { fields: ALL, coversTax: false, method: 'APPLICATION_FORM' } },
        TAKIKAN,
      ),
    );
    expectDisclosed(await readKaigo(), ['person', 'kaigo']);
  });

  it('withdrawn: withheld on the very next request, in the meeting and for the team outside it', async () => {
    await refusedWithoutChange(graph, 'VERSION_CONFLICT', M.withdraw, { personId: 'P-101', v: 2 }, TAKIKAN);
    ok(await graph.query(M.withdraw, { personId: 'P-101', v: 3, reason: '本人から撤回の申出' }, TAKIKAN));
    expectWithheld(await readKaigo(), ['person', 'kaigo'], 'CONSENT_REQUIRED');
    expectWithheld(
      await graph.query(KAIGO, { id: 'P-101' }, TAKIKAN),
      ['person', 'kaigo'],
      'CONSENT_REQUIRED',
    );
    // Nothing left to withdraw or narrow.
    await refusedWithoutChange(graph, 'ILLEGAL_TRANSITION', M.withdraw, { personId: 'P-101', v: 4 }, TAKIKAN);
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.narrow,
      { personId: 'P-101', v: 4, input: { fields: ['SHOGAI'], coversTax: false } },
      TAKIKAN,
    );
  });

  it('granted anew: disclosed again; an already expired consent is refused', async () => {
    const grant = (expiresAt: string) => ({
      personId: 'P-101',
      v: 4,
      input: { fields: ALL, method: 'APPLICATION_FORM', expiresAt },
    });
    await refusedWithoutChange(graph, 'BAD_USER_INPUT', M.grant, grant('2020-03-31T23:59:59+09:00'), TAKIKAN);
    ok(await graph.query(M.grant, grant('2028-03-31T23:59:59+09:00'), TAKIKAN));
    expectDisclosed(await readKaigo(), ['person', 'kaigo']);
  });

  it('the history keeps every version, who recorded it and why; the first is untouched', async () => {
    const data = ok(
      await graph.query<{
        person: {
          consent: { version: number };
          consentHistory: {
            version: number;
            status: string;
            change: string | null;
            fields: string[];
            recordedBy: { id: string };
            reason: string | null;
          }[];
        };
      }>(
        'query { person(id: "P-101") { consent { version } consentHistory { version status change fields active recordedBy { id } reason withdrawnAt } } }',
        {},
        TAKIKAN,
      ),
    );
    expect(data.person.consent.version).toBe(5);
    expect(data.person.consentHistory.map((c) => [c.version, c.status, c.change, c.fields.length])).toEqual([
      [1, 'GRANTED', null, 4],
      [2, 'GRANTED', 'NARROW', 3],
      [3, 'GRANTED', 'WIDEN', 4],
      [4, 'WITHDRAWN', 'WITHDRAW', 4],
      [5, 'GRANTED', 'GRANT', 4],
    ]);
    expect(data.person.consentHistory[1]).toMatchObject({
      recordedBy: { id: 'takikan-shakyo' },
      reason: '介護の情報は共有しないでほしい',
    });
    const first = await graph.stores.juso.collection('consents').findOne({ _id: 'P-101#1' });
    expect(first).toEqual(SCENARIO_CONSENTS.find((c) => c._id === 'P-101#1'));
  });
});

describe('an intake asks the consent question again', () => {
  const intake = (answer: string, as: { as: string }) =>
    graph.query<{
      recordIntake: { id: string; answer: string; consent: { status: string; active: boolean } | null };
    }>(
      M.intake,
      {
        input: {
          personId: 'P-202',
          topics: ['母の通院の付き添い'],
          fieldsInvolved: ['KAIGO'],
          consent: { answer, method: 'INTAKE_SHEET' },
        },
      },
      as,
    );

  it('不明 leaves consent in force as it was; the intake keeps the answer', async () => {
    const res = await intake('UNKNOWN', { as: 's-kita-01' });
    expect(ok(res).recordIntake).toMatchObject({
      id: 'P-202#2',
      answer: 'UNKNOWN',
      consent: { status: 'GRANTED', active: true },
    });
    const stored = await graph.stores.juso.collection('consents').findOne({ _id: 'P-202#2' });
    expect(stored).toMatchObject({
      fields: ALL,
      takenByAgencyId: 'fukushi-ka',
      recordedByAgencyId: 'houkatsu-kita',
    });
  });

  it('an agency off the case reads back its answer, not the consent in force, and leaves it as it was', async () => {
    // ハローワーク has no case with 佐藤 トシ子 and takes no consent forms: its intake keeps the
    // answer as given (同意しない) but cannot change the consent in force (issue 12, leak 2).
    const res = await intake('REFUSED', { as: 's-hw-01' });
    expect(res.body.data?.recordIntake).toMatchObject({ answer: 'REFUSED', consent: null });
    expect(res.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['recordIntake.consent', 'NOT_ON_TEAM'],
    ]);
    const team = ok(
      await graph.query<{ person: { consent: { version: number; status: string } } }>(
        'query { person(id: "P-202") { consent { version status } } }',
        {},
        TAKIKAN,
      ),
    );
    expect(team.person.consent).toEqual({ version: 3, status: 'GRANTED' });
  });
});

describe('tax information (地方税法22条)', () => {
  const TAX = 'query { person(id: "P-201") { konkyu { taxStatus } } }';
  it('is shared in the 重層的支援会議 only once consent is widened to cover it', async () => {
    const read = () => graph.query(TAX, {}, { as: 's-takikan-01', meeting: 'M-J1' });
    expectWithheld(await read(), ['person', 'konkyu', 'taxStatus'], 'TAX_CONSENT_REQUIRED');
    ok(
      await graph.query(
        M.widen,
        {
          personId: 'P-201',
          v: 1,
          input: { fields: ['KAIGO', 'KODOMO', 'KONKYU'], coversTax: true, method: 'APPLICATION_FORM' },
        },
        TAKIKAN,
      ),
    );
    expect(expectDisclosed(await read(), ['person', 'konkyu'])).toEqual({ taxStatus: 'TAXABLE' });
  });
});

describe('who may change consent', () => {
  it('an agency that cannot see the person’s consent cannot change it', async () => {
    // ハローワーク has no case with 山田 ハナ.
    await refusedWithoutChange(
      graph,
      'NOT_ON_TEAM',
      M.withdraw,
      { personId: 'P-101', v: 5 },
      { as: 's-hw-01' },
    );
  });

  it('narrowing is anyone’s on the team; giving consent is for the agencies that take the forms', async () => {
    // ハローワーク is on 高橋 誠's case (C-KS).
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.grant,
      { personId: 'P-401', v: 1, input: { fields: ALL, method: 'INTAKE_SHEET' } },
      { as: 's-hw-01' },
    );
    ok(
      await graph.query(
        M.narrow,
        { personId: 'P-401', v: 1, input: { fields: ALL, coversTax: false, reason: '税情報は共有しない' } },
        { as: 's-hw-01' },
      ),
    );
  });

  it('two changes from the same version: one lands, the other is a VERSION_CONFLICT', async () => {
    const change = (fields: string[]) =>
      graph.query(M.narrow, { personId: 'P-401', v: 2, input: { fields, coversTax: false } }, TAKIKAN);
    const results = await Promise.all([change(['KONKYU']), change(['SHOGAI'])]);
    expect(results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'OK',
      'VERSION_CONFLICT',
    ]);
    expect(await graph.stores.juso.collection('consents').countDocuments({ personId: 'P-401' })).toBe(3);
    refused(await change(['KONKYU']), 'VERSION_CONFLICT');
  });
});
