/**
 * The path without consent (001 4)(5)①, 6-1); 004 flow: 同意が得られない場合は支援会議):
 * referral to 多機関協働 is refused and points to 支援会議; a 重層的支援会議 will not take
 * the person; the municipality convenes a 支援会議, which opens a case with the
 * アウトリーチ等事業者 as 主担当; the outreach plan is approved there, 支援決定 follows;
 * 中断 only after failed contact; once the person consents, the plan belongs to a
 * 重層的支援会議. Canonical people: 鈴木 一郎 (P-301, refused) and 山田 健一 (P-102,
 * never asked) with his draft アウトリーチ等プラン PL-8050-2.
 */
import { REFUSAL_MESSAGES } from '../../subgraphs/juso/workflow/errors';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import type { PlanView } from './helpers';
import { content, M, ok, refusedWithoutChange } from './helpers';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

const AOBA = { as: 's-aoba-01' };
const TAKIKAN = { as: 's-takikan-01' };
const FUKUSHI = { as: 's-fukushi-01' };
const OUTREACH = { as: 's-outreach-01' };

describe('鈴木 一郎 (P-301) says no: 支援会議 and an outreach plan', () => {
  let meetingId = '';
  let caseId = '';
  let planId = '';
  let v = 0;
  const at = (as: { as: string }, meeting = meetingId) => ({ ...as, meeting });
  const step = async (
    query: string,
    variables: Record<string, unknown>,
    as: { as: string; meeting?: string },
  ) => {
    const data = ok(await graph.query<Record<string, PlanView>>(query, { planId, v, ...variables }, as));
    const plan = Object.values(data)[0] as PlanView;
    v = plan.version;
    return plan;
  };

  it('the intake records 同意しない; an answer other than 同意する covers nothing', async () => {
    const input = {
      personId: 'P-301',
      topics: ['父の介助を長男が担っている'],
      fieldsInvolved: ['SHOGAI', 'KODOMO'],
      consent: { answer: 'REFUSED', method: 'INTAKE_SHEET' },
    };
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.intake,
      { input: { ...input, consent: { ...input.consent, fields: ['SHOGAI'] } } },
      AOBA,
    );
    const data = ok(
      await graph.query<{ recordIntake: { consent: Record<string, unknown> } }>(M.intake, { input }, AOBA),
    );
    expect(data.recordIntake.consent).toMatchObject({
      version: 2,
      status: 'REFUSED',
      active: false,
      fields: [],
    });
  });

  it('referral to 多機関協働 is refused, in plain words, pointing to 支援会議', async () => {
    const message = await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.refer,
      { input: { personIds: ['P-301'], title: '父の障害と長男の介助' } },
      AOBA,
    );
    // The message depends on the code alone: it points to 支援会議, and names no one's consent state.
    expect(message).toBe(REFUSAL_MESSAGES.CONSENT_REQUIRED_USE_SHIEN_KAIGI);
    expect(message).toContain('支援会議');
    expect(message).not.toContain('P-301');
  });

  it('a 重層的支援会議 will not put him on its agenda', async () => {
    const input = {
      kind: 'JUSO_KAIGI',
      title: '重層的支援会議',
      scheduledAt: '2026-12-01T10:00:00+09:00',
      memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'soudan-aoba'],
      agenda: [{ kind: 'PERSON', id: 'P-301' }],
    };
    await refusedWithoutChange(graph, 'CONSENT_REQUIRED_USE_SHIEN_KAIGI', M.schedule, { input }, TAKIKAN);
    // Nor his household, where no one has consented; nor, in M-J1, 山田 健一 alone.
    await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.schedule,
      { input: { ...input, agenda: [{ kind: 'HOUSEHOLD', id: 'H-YC' }] } },
      TAKIKAN,
    );
    await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.addAgendaItem,
      { meetingId: 'M-J1', v: 1, item: { kind: 'PERSON', id: 'P-102' } },
      FUKUSHI,
    );
  });

  it('only the municipality convenes the 支援会議; it opens it', async () => {
    const input = {
      kind: 'SHIEN_KAIGI',
      title: '支援会議 (法106条の6) 12月',
      scheduledAt: '2026-12-02T10:00:00+09:00',
      memberAgencyIds: ['fukushi-ka', 'soudan-aoba', 'kodomo-center', 'outreach-shakyo'],
      agenda: [{ kind: 'PERSON', id: 'P-301' }],
    };
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.schedule, { input }, TAKIKAN);
    meetingId = ok(await graph.query<{ scheduleMeeting: { id: string } }>(M.schedule, { input }, FUKUSHI))
      .scheduleMeeting.id;
    ok(await graph.query(M.open, { meetingId, v: 1 }, FUKUSHI));
  });

  it('the 支援会議 opens a case, with the アウトリーチ等事業者 as 主担当', async () => {
    const input = {
      personIds: ['P-301'],
      title: 'アウトリーチ: 父 (本人同意なし)',
      mainContactAgencyId: 'outreach-shakyo',
      supportAgencyIds: ['soudan-aoba'],
    };
    await refusedWithoutChange(graph, 'MEETING_REQUIRED', M.openCaseAtShienKaigi, { input }, FUKUSHI);
    await refusedWithoutChange(
      graph,
      'WRONG_MEETING_KIND',
      M.openCaseAtShienKaigi,
      { input },
      at(FUKUSHI, 'M-J1'),
    );
    await refusedWithoutChange(
      graph,
      'NOT_ON_AGENDA',
      M.openCaseAtShienKaigi,
      { input: { ...input, personIds: ['P-301', 'P-302'] } },
      at(FUKUSHI),
    );
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.openCaseAtShienKaigi,
      { input: { ...input, mainContactAgencyId: 'takikan-shakyo' } },
      at(FUKUSHI),
    );
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.openCaseAtShienKaigi, { input }, at(OUTREACH));
    const c = ok(
      await graph.query<{ openCaseAtShienKaigi: { id: string; team: unknown[] } }>(
        M.openCaseAtShienKaigi,
        { input },
        at(FUKUSHI),
      ),
    ).openCaseAtShienKaigi;
    caseId = c.id;
    expect(c.team).toEqual([
      { role: 'COORDINATOR', agency: { id: 'fukushi-ka' } },
      { role: 'MAIN_CONTACT', agency: { id: 'outreach-shakyo' } },
      { role: 'SUPPORT', agency: { id: 'soudan-aoba' } },
    ]);
  });

  it('the アウトリーチ等事業者 drafts the outreach plan (OUTREACH, so 支援決定 will be needed) and submits it', async () => {
    const input = {
      caseId,
      kind: 'OUTREACH',
      content: content(['P-301'], [['outreach-shakyo', '手紙と月2回の訪問']]),
    };
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.draft, { input }, FUKUSHI);
    const drafted = ok(await graph.query<{ draftPlan: PlanView }>(M.draft, { input }, OUTREACH)).draftPlan;
    planId = drafted.id;
    v = drafted.version;
    expect(drafted.components).toEqual(['OUTREACH']);
    expect((await step(M.submit, {}, OUTREACH)).status).toBe('IN_REVIEW');
  });

  it('a 重層的支援会議 cannot take it up; the 支援会議 approves it, the municipality decides support', async () => {
    await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.approve,
      { planId, v },
      at(FUKUSHI, 'M-J1'),
    );
    // The 支援会議 is chaired by the municipality: others do not record its decisions.
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.approve, { planId, v }, at(OUTREACH));
    const approved = await step(M.approve, {}, at(FUKUSHI));
    expect(approved).toMatchObject({ status: 'AWAITING_DECISION' });
    expect(approved.decisions.at(-1)).toMatchObject({ meetingKind: 'SHIEN_KAIGI', to: 'AWAITING_DECISION' });
    expect((await step(M.decideSupport, {}, FUKUSHI)).status).toBe('CONFIRMED');
  });

  it('中断 only after failed attempts to reach him since the last contact', async () => {
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.suspend,
      { planId, v, note: '連絡が取れない' },
      at(FUKUSHI),
    );
    const attempt = (reached: boolean, when: string) =>
      step(M.contact, { input: { method: 'VISIT', reached, at: when } }, OUTREACH);
    await attempt(false, '2026-11-01T10:00:00+09:00');
    await attempt(true, '2026-11-05T10:00:00+09:00');
    await attempt(false, '2026-11-10T10:00:00+09:00');
    // One failure since he was last reached: not enough.
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.suspend,
      { planId, v, note: '連絡が取れない' },
      at(FUKUSHI),
    );
    await attempt(false, '2026-11-15T10:00:00+09:00');
    const suspended = await step(M.suspend, { note: '訪問・手紙ともに応答なし' }, at(FUKUSHI));
    expect(suspended).toMatchObject({ status: 'SUSPENDED' });
  });

  it('once he consents, the plan belongs to a 重層的支援会議, not a 支援会議', async () => {
    ok(
      await graph.query(
        M.grant,
        { personId: 'P-301', v: 2, input: { fields: ['SHOGAI'], method: 'APPLICATION_FORM' } },
        OUTREACH,
      ),
    );
    const revised = await step(
      M.revise,
      { reason: '本人と会えた', content: content(['P-301'], [['outreach-shakyo', '同行支援']]) },
      OUTREACH,
    );
    expect(revised.status).toBe('IN_REVIEW');
    await refusedWithoutChange(graph, 'WRONG_MEETING_KIND', M.approve, { planId, v }, at(FUKUSHI));
  });

  it("the 支援会議's decisions: the case it opened and the plan's", async () => {
    const data = ok(
      await graph.query<{ meeting: { decisions: { kind: string; caseId: string | null }[] } }>(
        'query ($id: ID!) { meeting(id: $id) { decisions { kind caseId planId } } }',
        { id: meetingId },
        FUKUSHI,
      ),
    );
    expect(data.meeting.decisions.map((d) => d.kind)).toEqual(['CASE_OPENED', 'APPROVED', 'SUSPENDED']);
  });
});

describe('山田 健一 (P-102), never asked: his アウトリーチ等プラン in the demo town', () => {
  it('goes to the 支援会議 M-S1, not to the 重層的支援会議 M-J1 that has his household’s case', async () => {
    const submitted = ok(
      await graph.query<{ submitPlan: PlanView }>(M.submit, { planId: 'PL-8050-2', v: 1 }, OUTREACH),
    ).submitPlan;
    expect(submitted.status).toBe('IN_REVIEW');
    await refusedWithoutChange(
      graph,
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
      M.approve,
      { planId: 'PL-8050-2', v: 2 },
      { ...TAKIKAN, meeting: 'M-J1' },
    );
    const approved = ok(
      await graph.query<{ approvePlan: PlanView }>(
        M.approve,
        { planId: 'PL-8050-2', v: 2 },
        { ...FUKUSHI, meeting: 'M-S1' },
      ),
    ).approvePlan;
    expect(approved.status).toBe('AWAITING_DECISION');
  });

  it('the household 多機関協働プラン that names him is decided nowhere until he consents', async () => {
    // PL-8050-1 names P-101 and P-102: not an outreach plan, so not for a 支援会議 either.
    for (const meeting of ['M-J1', 'M-S1'])
      await refusedWithoutChange(
        graph,
        'CONSENT_REQUIRED',
        M.suspend,
        { planId: 'PL-8050-1', v: 1, note: 'x' },
        { ...FUKUSHI, meeting },
      );
  });
});
