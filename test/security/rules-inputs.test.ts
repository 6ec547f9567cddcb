/**
 * Issue 12, leaks 1, 2, 3 and 5, as a hostile staff member tries them: the access rules
 * are only as good as their inputs (consent, case teams, a meeting's members and agenda),
 * so nobody may write those inputs for themselves, and no refusal tells the caller what
 * they may not read. Each refused call must leave the 重層 store exactly as it was.
 */
import { REFUSAL_MESSAGES } from '../../subgraphs/juso/workflow/errors';
import type { ConsentDoc, PlanDoc } from '../../subgraphs/juso/model';
import type { GraphQLResponse, TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { M, ok, refusedWithoutChange, snapshot } from '../workflow/helpers';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph.stop());
beforeEach(() => graph.reset());

const KODOMO = { as: 's-kodomo-01' };
const HW = { as: 's-hw-01' };
const KITA = { as: 's-kita-01' };
const AOBA = { as: 's-aoba-01' };
const TAKIKAN = { as: 's-takikan-01' };
const FUKUSHI = { as: 's-fukushi-01' };
const OUTREACH = { as: 's-outreach-01' };

const SHOGAI_OF = (id: string) => `query { person(id: "${id}") { shogai { supportCategory } } }`;

/** The consent in force, read straight from the store (no access check in the way). */
async function consentInForce(personId: string): Promise<ConsentDoc | null> {
  const versions = await graph.stores.juso
    .collection<ConsentDoc>('consents')
    .find({ personId }, { sort: { version: -1 }, limit: 1 });
  return versions[0] ?? null;
}

const intake = (personId: string, answer: string, fields: string[] = []) => ({
  input: {
    personId,
    topics: ['相談'],
    fieldsInvolved: ['SHOGAI'],
    consent: { answer, fields, coversTax: false, method: 'INTAKE_SHEET', givenBy: 'SELF' },
  },
});

/** An intake that was recorded; its `consent` (the consent in force) may be withheld from the caller. */
async function recorded(res: Promise<GraphQLResponse<{ recordIntake: { id: string } | null }>>) {
  const { body } = await res;
  expect(body.data?.recordIntake?.id).toEqual(expect.any(String));
  expect((body.errors ?? []).map((e) => e.path?.join('.'))).toEqual(
    (body.errors ?? []).length ? ['recordIntake.consent'] : [],
  );
}

async function codeOf(query: string, as: { as: string; meeting?: string }): Promise<string[]> {
  const res = await graph.query(query, {}, as);
  return (res.body.errors ?? []).map((e) => String(e.extensions?.code));
}

describe('leak 1: team membership is not self-service', () => {
  it('a referral without the agency’s own intake or case role is refused, and reads stay withheld', async () => {
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.refer,
      { input: { personIds: ['P-401'], title: '就労と住まい' } },
      KODOMO,
    );
    expect(await codeOf(SHOGAI_OF('P-401'), KODOMO)).toEqual(['NOT_ON_TEAM']);
  });

  it('an intake first does not make it one: the hidden consent is not the intake’s, so the referral is refused', async () => {
    const before = await consentInForce('P-401');
    await recorded(graph.query(M.intake, intake('P-401', 'GRANTED', ['SHOGAI', 'KONKYU']), KODOMO));
    const after = await consentInForce('P-401');
    // A new version (history kept), carrying the consent in force over unchanged.
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after).toMatchObject({
      status: before?.status,
      fields: before?.fields,
      coversTax: before?.coversTax,
      takenByAgencyId: before?.takenByAgencyId,
    });
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.refer,
      { input: { personIds: ['P-401'], title: '就労と住まい', intakeIds: [after?._id] } },
      KODOMO,
    );
    expect(await codeOf(SHOGAI_OF('P-401'), KODOMO)).toEqual(['NOT_ON_TEAM']);
  });

  it('a household referral naming one person the agency knows and one it does not is refused whole', async () => {
    // こども家庭センター is on C-DOUBLE (P-201…P-204), not on C-8050 (P-101).
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.refer,
      { input: { personIds: ['P-203', 'P-101'], title: '混ぜた紹介' } },
      KODOMO,
    );
  });

  it('an agency that took the consent at its own intake refers, and becomes the case’s main contact', async () => {
    // A resident never asked before: the field agency's 受付シート is the consent.
    await graph.stores.juso.collection('consents').deleteMany({ personId: 'P-102' });
    await recorded(graph.query(M.intake, intake('P-102', 'GRANTED', ['KONKYU']), { as: 's-shakyo-01' }));
    const data = ok(
      await graph.query<{ referToTakikan: { team: { role: string; agency: { id: string } }[] } }>(
        M.refer,
        { input: { personIds: ['P-102'], title: '長男の生活' } },
        { as: 's-shakyo-01' },
      ),
    );
    expect(data.referToTakikan.team).toContainEqual({
      role: 'MAIN_CONTACT',
      agency: { id: 'shakyo-jiritsu' },
    });
  });

  it('a field agency on the team cannot give team roles; only 多機関協働事業者 or 福祉課 can', async () => {
    const version = (
      await graph.stores.juso
        .collection<{ _id: string; version: number }>('cases')
        .findOne({ _id: 'C-DOUBLE' })
    )?.version;
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.addTeamMember,
      { caseId: 'C-DOUBLE', v: version, agencyId: 'soudan-aoba' },
      KITA,
    );
    // An agency off the team cannot add itself either: the case is hidden from it.
    const before = await snapshot(graph.stores.juso);
    const res = await graph.query(
      M.addTeamMember,
      { caseId: 'C-KS', v: 1, agencyId: 'kodomo-center' },
      KODOMO,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_ON_TEAM');
    expect(await snapshot(graph.stores.juso)).toBe(before);
  });
});

describe('leak 2: consent cannot be fabricated', () => {
  it('ハローワーク records 同意する for P-301, who refused: the consent in force stays 同意しない', async () => {
    await recorded(graph.query(M.intake, intake('P-301', 'GRANTED', ['SHOGAI']), HW));
    expect(await consentInForce('P-301')).toMatchObject({ status: 'REFUSED', fields: [] });
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.refer,
      { input: { personIds: ['P-301'], title: '父の障害' } },
      HW,
    );
    expect(await codeOf(SHOGAI_OF('P-301'), HW)).toEqual(['NOT_ON_TEAM']);
  });

  it('an agency that takes no consent forms cannot create consent for someone never asked', async () => {
    await graph.stores.juso.collection('consents').deleteMany({ personId: 'P-102' });
    await recorded(graph.query(M.intake, intake('P-102', 'GRANTED', ['KONKYU']), HW));
    const now = await consentInForce('P-102');
    expect(now?.status).not.toBe('GRANTED');
    expect(now?.fields).toEqual([]);
    // The intake itself keeps the answer as given.
    expect(now?.consultation).toMatchObject({ answer: 'GRANTED' });
  });

  it('nor set anyone’s consent to 同意しない: P-401’s consent stays in force', async () => {
    const before = await consentInForce('P-401');
    await recorded(graph.query(M.intake, intake('P-401', 'REFUSED'), HW));
    expect(await consentInForce('P-401')).toMatchObject({ status: 'GRANTED', fields: before?.fields });
    // And the team still reads on it.
    expect(await codeOf(SHOGAI_OF('P-401'), TAKIKAN)).toEqual([]);
  });

  it('a field agency off the case cannot overwrite a refusal it may not see', async () => {
    // 地域包括 (FIELD, takes 受付シート) is not on C-YC: P-301's refusal is hidden from it.
    await recorded(graph.query(M.intake, intake('P-301', 'GRANTED', ['SHOGAI']), KITA));
    expect(await consentInForce('P-301')).toMatchObject({ status: 'REFUSED' });
  });

  it('grantConsent stays with the roles that take the forms, and needs the consent to be visible', async () => {
    await refusedWithoutChange(
      graph,
      'NOT_ON_TEAM',
      M.grant,
      { personId: 'P-301', v: 1, input: { fields: ['SHOGAI'], coversTax: false, method: 'INTAKE_SHEET' } },
      KITA,
    );
  });
});

describe('leak 3: a refusal’s message depends only on its code', () => {
  it('a referral for P-301 (refused) says nothing about his consent', async () => {
    const message = await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.refer,
      { input: { personIds: ['P-301'], title: '父の障害と長男の介助' } },
      AOBA,
    );
    expect(message).toBe(REFUSAL_MESSAGES.CONSENT_REQUIRED_USE_SHIEN_KAIGI);
    for (const leak of ['鈴木', 'P-301', '同意しない', 'REFUSED', 'has not consented'])
      expect(message).not.toContain(leak);
  });

  it('a 重層的支援会議 with a household on its agenda names no member’s consent state', async () => {
    const message = await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.schedule,
      {
        input: {
          kind: 'JUSO_KAIGI',
          title: '重層的支援会議',
          scheduledAt: '2026-12-10T10:00:00+09:00',
          memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'soudan-aoba'],
          agenda: [{ kind: 'HOUSEHOLD', id: 'H-YC' }],
        },
      },
      TAKIKAN,
    );
    expect(message).toBe(REFUSAL_MESSAGES.CONSENT_REQUIRED_USE_SHIEN_KAIGI);
    for (const leak of ['鈴木', 'P-30', '不明', '同意']) expect(message).not.toContain(leak);
  });

  it('every code answers with its one message, whatever the state behind it', async () => {
    const cases: [string, string, Record<string, unknown>, { as: string; meeting?: string }][] = [
      ['FORBIDDEN_ACTION', M.refer, { input: { personIds: ['P-401'], title: 'x' } }, KODOMO],
      ['BAD_USER_INPUT', M.refer, { input: { personIds: ['P-999'], title: 'x' } }, AOBA],
      ['MEETING_REQUIRED', M.approve, { planId: 'PL-DOUBLE-1', v: 1 }, TAKIKAN],
      ['FORBIDDEN_ACTION', M.close, { meetingId: 'M-J1', v: 1 }, TAKIKAN],
      ['CONSENT_REQUIRED_USE_SHIEN_KAIGI', M.refer, { input: { personIds: ['P-301'], title: 'x' } }, AOBA],
    ];
    for (const [code, query, variables, as] of cases) {
      const res = await graph.query(query, variables, as);
      const errors = res.body.errors ?? [];
      expect(errors.map((e) => e.extensions?.code)).toEqual([code]);
      expect(errors[0]?.message).toBe(REFUSAL_MESSAGES[code as keyof typeof REFUSAL_MESSAGES]);
    }
  });

  it('a malformed argument is named, from the caller’s own input alone', async () => {
    const res = await graph.query(M.refer, { input: { personIds: ['P-401'], title: '   ' } }, TAKIKAN);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'title' });
  });
});

describe('meetings: members and agenda are the convener’s or 福祉課’s', () => {
  it('a member that could convene cannot change another convener’s meeting', async () => {
    // M-J1 was convened by 福祉課; the 多機関協働事業者 is a member with the convening role.
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.addAgendaItem,
      { meetingId: 'M-J1', v: 1, item: { kind: 'PERSON', id: 'P-401' } },
      TAKIKAN,
    );
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.setMembers,
      {
        meetingId: 'M-J1',
        v: 1,
        members: [
          'fukushi-ka',
          'takikan-shakyo',
          'houkatsu-kita',
          'shakyo-jiritsu',
          'kodomo-center',
          'soudan-aoba',
        ],
      },
      TAKIKAN,
    );
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.close, { meetingId: 'M-J1', v: 1 }, TAKIKAN);
  });

  it('the convener changes its own meeting; 福祉課 changes any', async () => {
    const scheduled = ok(
      await graph.query<{ scheduleMeeting: { id: string; version: number } }>(
        M.schedule,
        {
          input: {
            kind: 'JUSO_KAIGI',
            title: '重層的支援会議 12月',
            scheduledAt: '2026-12-10T10:00:00+09:00',
            memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'soudan-aoba'],
            agenda: [{ kind: 'CASE', id: 'C-KS' }],
          },
        },
        TAKIKAN,
      ),
    ).scheduleMeeting;
    // Another member (相談支援 is FIELD) cannot; the convener and 福祉課 can.
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.addAgendaItem,
      { meetingId: scheduled.id, v: scheduled.version, item: { kind: 'CASE', id: 'C-DOUBLE' } },
      AOBA,
    );
    const added = ok(
      await graph.query<{ addAgendaItem: { version: number } }>(
        M.addAgendaItem,
        { meetingId: scheduled.id, v: scheduled.version, item: { kind: 'CASE', id: 'C-DOUBLE' } },
        TAKIKAN,
      ),
    ).addAgendaItem;
    ok(
      await graph.query(
        M.removeAgendaItem,
        { meetingId: scheduled.id, v: added.version, item: { kind: 'CASE', id: 'C-DOUBLE' } },
        FUKUSHI,
      ),
    );
  });
});

describe('leak 5: meeting decisions follow the plan, not the meeting’s past', () => {
  const DECISIONS = 'query { meeting(id: "M-S1") { decisions { summary planId caseId } } }';
  const NOTE = '父の介助を担う長男の支援を決定';

  beforeEach(async () => {
    // A plan of C-YC (team: 福祉課, 相談支援あおば, こども家庭センター) decided at M-S1, whose
    // members include アウトリーチ, which is not on C-YC's team.
    const plan: PlanDoc = {
      _id: 'PL-YC-T',
      caseId: 'C-YC',
      kind: 'OUTREACH',
      personIds: ['P-302'],
      status: 'AWAITING_DECISION',
      components: ['OUTREACH'],
      goals: ['登校'],
      direction: '見守り',
      roles: [{ agencyId: 'kodomo-center', task: '面談' }],
      monitoringDate: '2027-01-31',
      version: 2,
      createdAt: '2026-11-21T01:00:00.000Z',
      createdBy: 's-fukushi-01',
      updatedAt: '2026-11-21T02:00:00.000Z',
      updatedBy: 's-fukushi-01',
      decisions: [
        {
          kind: 'APPROVED',
          at: '2026-11-21T02:00:00.000Z',
          staffId: 's-fukushi-01',
          agencyId: 'fukushi-ka',
          meetingId: 'M-S1',
          meetingKind: 'SHIEN_KAIGI',
          to: 'AWAITING_DECISION',
          note: NOTE,
          reportedToAgencyId: null,
        },
      ],
    };
    await graph.stores.juso.collection<PlanDoc>('plans').insertOne(plan);
  });

  const summaries = async (as: { as: string; meeting?: string }) => {
    const data = ok(
      await graph.query<{ meeting: { decisions: { summary: string; planId: string | null }[] } }>(
        DECISIONS,
        {},
        as,
      ),
    );
    return data.meeting.decisions.filter((d) => d.planId === 'PL-YC-T').map((d) => d.summary);
  };

  it('a member off the team sees the plan’s decision only while acting in the open meeting', async () => {
    expect(await summaries({ ...OUTREACH, meeting: 'M-S1' })).toEqual([expect.stringContaining(NOTE)]);
    // Without X-Meeting-Id, membership alone shows nothing of the plan.
    expect(await summaries(OUTREACH)).toEqual([]);
  });

  it('after the meeting closes, its decisions on a plan go with the plan’s team alone', async () => {
    await graph.stores.juso
      .collection('meetings')
      .updateOne({ _id: 'M-S1' }, { $set: { status: 'CLOSED', closedAt: '2026-11-21T03:00:00.000Z' } });
    expect(await summaries({ ...OUTREACH, meeting: 'M-S1' })).toEqual([]);
    expect(await summaries(OUTREACH)).toEqual([]);
    // The case team still reads them.
    expect(await summaries({ as: 's-kodomo-01' })).toEqual([expect.stringContaining(NOTE)]);
  });
});
