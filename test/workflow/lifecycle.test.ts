/**
 * The consent path of the documents, end to end through the gateway (001 5-1)(4), 5)(4),
 * 6-2); 004 flow): intake with consent → referral to 多機関協働 → assessment → plan →
 * 重層的支援会議 approval → 支援決定 → confirmed → 再プラン → 終結 with evaluation; the
 * coordinator's queries along the way; a case returned to the referring agency; and
 * concurrent edits. Canonical people: 高橋 誠 (P-401, consent to all fields and tax).
 */
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import type { PlanView } from './helpers';
import { content, ENDING, M, ok, refused, refusedWithoutChange } from './helpers';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

const SHAKYO = { as: 's-shakyo-01' };
const TAKIKAN = { as: 's-takikan-01' };
const FUKUSHI = { as: 's-fukushi-01' };

describe('intake with consent → referral → plan → 重層的支援会議 → 支援決定 → 再プラン → 終結', () => {
  let caseId = '';
  let planId = '';
  let meetingId = '';
  let v = 0;
  const inMeeting = (as: { as: string }) => ({ ...as, meeting: meetingId });
  const plan = async (res: Promise<Awaited<ReturnType<TestGraph['query']>>>, field: string) => {
    const p = (ok(await res) as Record<string, PlanView>)[field] as PlanView;
    v = p.version;
    return p;
  };

  it('any agency records the intake, with the answer to the consent question', async () => {
    const data = ok(
      await graph.query<{
        recordIntake: { id: string; receivedBy: { id: string }; consent: Record<string, unknown> };
      }>(
        M.intake,
        {
          input: {
            personId: 'P-401',
            topics: ['家賃の滞納', '就労の継続が難しい'],
            fieldsInvolved: ['KONKYU', 'SHOGAI'],
            consent: {
              answer: 'GRANTED',
              fields: ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'],
              coversTax: true,
              method: 'APPLICATION_FORM',
              expiresAt: '2028-03-31T23:59:59+09:00',
            },
          },
        },
        SHAKYO,
      ),
    );
    expect(data.recordIntake).toMatchObject({
      id: 'P-401#2',
      receivedBy: { id: 'shakyo-jiritsu' },
      answer: 'GRANTED',
      consent: { version: 2, status: 'GRANTED', active: true, change: 'INTAKE' },
    });
  });

  it('refers the person to 多機関協働: a case with the municipality, the 多機関協働事業者 and the referrer', async () => {
    const data = ok(
      await graph.query<{
        referToTakikan: { id: string; version: number; team: unknown[]; referredBy: unknown };
      }>(
        M.refer,
        { input: { personIds: ['P-401'], title: '家賃滞納と就労', intakeIds: ['P-401#2'] } },
        SHAKYO,
      ),
    );
    caseId = data.referToTakikan.id;
    expect(data.referToTakikan).toMatchObject({
      version: 1,
      referredBy: { id: 'shakyo-jiritsu' },
      team: [
        { role: 'COORDINATOR', agency: { id: 'fukushi-ka' } },
        { role: 'PLANNER', agency: { id: 'takikan-shakyo' } },
        { role: 'MAIN_CONTACT', agency: { id: 'shakyo-jiritsu' } },
      ],
    });
  });

  it('the 多機関協働事業者 records the インテーク・アセスメント and adds ハローワーク to the team', async () => {
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.assess,
      { caseId, v: 1, input: { summary: 'x', issues: ['y'] } },
      SHAKYO,
    );
    const assessed = ok(
      await graph.query<{ recordAssessment: { version: number; assessments: unknown[] } }>(
        M.assess,
        {
          caseId,
          v: 1,
          input: { summary: '離職後に家賃を滞納', issues: ['住まい', '就労'], view: '就労体験が合う' },
        },
        TAKIKAN,
      ),
    );
    expect(assessed.recordAssessment).toMatchObject({
      version: 2,
      assessments: [
        { summary: '離職後に家賃を滞納', issues: ['住まい', '就労'], agency: { id: 'takikan-shakyo' } },
      ],
    });
    const added = ok(
      await graph.query<{ addTeamMember: { version: number } }>(
        M.addTeamMember,
        { caseId, v: 2, agencyId: 'hello-work' },
        TAKIKAN,
      ),
    );
    expect(added.addTeamMember.version).toBe(3);
  });

  it('only the 多機関協働事業者 drafts a 多機関協働プラン; it is submitted for review', async () => {
    const input = {
      caseId,
      kind: 'TAKIKAN',
      content: content(
        ['P-401'],
        [
          ['shakyo-jiritsu', '家計と住まい'],
          ['hello-work', '求人開拓'],
        ],
        {
          components: ['SANKA'],
        },
      ),
    };
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.draft, { input }, SHAKYO);
    const drafted = await plan(graph.query(M.draft, { input }, TAKIKAN), 'draftPlan');
    planId = drafted.id;
    expect(drafted).toMatchObject({ status: 'DRAFT', version: 1, components: ['SANKA'] });
    const submitted = await plan(graph.query(M.submit, { planId, v }, TAKIKAN), 'submitPlan');
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', version: 2 });
  });

  it('the 多機関協働事業者 schedules and opens a 重層的支援会議 with the case on its agenda', async () => {
    const input = {
      kind: 'JUSO_KAIGI',
      title: '第9回 重層的支援会議',
      scheduledAt: '2026-12-10T13:30:00+09:00',
      memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'shakyo-jiritsu', 'hello-work'],
      agenda: [{ kind: 'CASE', id: caseId }],
    };
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.schedule, { input }, SHAKYO);
    await refusedWithoutChange(
      graph,
      'BAD_USER_INPUT',
      M.schedule,
      { input: { ...input, memberAgencyIds: ['takikan-shakyo', 'shakyo-jiritsu'] } },
      TAKIKAN,
    );
    const scheduled = ok(
      await graph.query<{ scheduleMeeting: { id: string; status: string; version: number } }>(
        M.schedule,
        { input },
        TAKIKAN,
      ),
    );
    meetingId = scheduled.scheduleMeeting.id;
    expect(scheduled.scheduleMeeting).toMatchObject({ status: 'SCHEDULED', version: 1 });
    // Not open yet: nothing can be decided in it.
    await refusedWithoutChange(graph, 'MEETING_NOT_OPEN', M.approve, { planId, v }, inMeeting(TAKIKAN));
    const opened = ok(
      await graph.query<{ openMeeting: { status: string } }>(M.open, { meetingId, v: 1 }, TAKIKAN),
    );
    expect(opened.openMeeting.status).toBe('OPEN');
  });

  it('myMeetings lists the meetings of the caller’s agency, soonest first', async () => {
    const mine = async (as: { as: string }, all = false) =>
      ok(
        await graph.query<{ myMeetings: { id: string; status: string }[] }>(
          'query ($all: Boolean) { myMeetings(all: $all) { id status } }',
          { all },
          as,
        ),
      ).myMeetings.map((m) => m.id);
    expect(await mine(TAKIKAN)).toEqual(['M-J1', meetingId]);
    expect(await mine({ as: 's-hw-01' })).toEqual([meetingId]);
    expect(await mine({ as: 's-hw-01' }, true)).toEqual(['M-S0', meetingId]);
  });

  it('the meeting approves; a plan with 参加支援 waits for the municipality’s 支援決定', async () => {
    await refusedWithoutChange(graph, 'MEETING_REQUIRED', M.approve, { planId, v }, TAKIKAN);
    const approved = await plan(
      graph.query(M.approve, { planId, v, note: '役割分担を確認' }, inMeeting(TAKIKAN)),
      'approvePlan',
    );
    expect(approved).toMatchObject({ status: 'AWAITING_DECISION', version: 3 });
    expect(approved.decisions).toEqual([
      expect.objectContaining({
        kind: 'APPROVED',
        meetingId,
        meetingKind: 'JUSO_KAIGI',
        to: 'AWAITING_DECISION',
        reportedTo: null,
      }),
    ]);
  });

  it('pending decisions show it to the coordinator, 支援決定 first', async () => {
    const data = ok(
      await graph.query<{ pendingDecisions: { id: string; status: string }[] }>(
        '{ pendingDecisions { id status } }',
        {},
        FUKUSHI,
      ),
    );
    const statuses = data.pendingDecisions.map((p) => p.status);
    expect(data.pendingDecisions[0]).toEqual({ id: planId, status: 'AWAITING_DECISION' });
    // PL-DOUBLE-1 of the demo town waits for its meeting's review.
    expect(data.pendingDecisions).toContainEqual({ id: 'PL-DOUBLE-1', status: 'IN_REVIEW' });
    expect(statuses).toEqual(
      [...statuses].sort((a, b) => (a === b ? 0 : a === 'AWAITING_DECISION' ? -1 : 1)),
    );
  });

  it('the workflow’s reads reach the gateway’s audit log, on their basis', async () => {
    // Every decision of the log, one row each, filtered as the rows' fields say.
    const entries = async (filter: Record<string, unknown>) =>
      (await graph.gateway.auditLog.rows()).filter((r) =>
        Object.entries(filter).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v),
      );
    // The intake, read back by the agency that took it.
    expect(await entries({ field: 'INTAKE', subjectId: 'P-401#2' })).toContainEqual(
      expect.objectContaining({ agencyId: 'shakyo-jiritsu', decision: 'DISCLOSED', basis: 'OWN_RECORD' }),
    );
    // The plan, as the coordinator's pending decisions listed it.
    expect(await entries({ field: 'PLAN', subjectId: planId, staffId: 's-fukushi-01' })).toContainEqual(
      expect.objectContaining({ decision: 'DISCLOSED', basis: 'CASE_TEAM', personId: 'P-401' }),
    );
  });

  it('only the municipality makes the 支援決定; the plan is then confirmed', async () => {
    await refusedWithoutChange(graph, 'FORBIDDEN_ACTION', M.decideSupport, { planId, v }, TAKIKAN);
    const decided = await plan(graph.query(M.decideSupport, { planId, v }, FUKUSHI), 'decideSupport');
    expect(decided).toMatchObject({ status: 'CONFIRMED', version: 4 });
    expect(decided.decisions.at(-1)).toMatchObject({
      kind: 'SUPPORT_DECIDED',
      meetingId: null,
      agency: { id: 'fukushi-ka' },
    });
  });

  it('plans whose monitoring date has passed', async () => {
    const overdue = async (asOf: string) =>
      ok(
        await graph.query<{ overduePlans: { id: string; monitoringDate: string }[] }>(
          'query ($asOf: String) { overduePlans(asOf: $asOf) { id monitoringDate } }',
          { asOf },
          FUKUSHI,
        ),
      ).overduePlans.map((p) => p.id);
    expect(await overdue('2027-02-28')).not.toContain(planId);
    // The demo town's confirmed plans, oldest monitoring date first, then ours.
    expect(await overdue('2027-03-01')).toEqual(['PL-8050-1', 'PL-WD-1', 'PL-KS-1', planId]);
    // ハローワーク sees only its own cases' plans.
    const hw = ok(
      await graph.query<{ overduePlans: { id: string }[] }>(
        '{ overduePlans(asOf: "2027-03-01") { id } }',
        {},
        { as: 's-hw-01' },
      ),
    );
    expect(hw.overduePlans.map((p) => p.id)).toEqual(['PL-KS-1', planId]);
  });

  it('再プラン without 参加支援 goes back to review and is confirmed on approval, reported to the municipality', async () => {
    const revised = await plan(
      graph.query(
        M.revise,
        {
          planId,
          v,
          reason: '就労が安定し参加支援は不要',
          content: content(['P-401'], [['shakyo-jiritsu', '家計の見守り']]),
        },
        TAKIKAN,
      ),
      'revisePlan',
    );
    expect(revised).toMatchObject({ status: 'IN_REVIEW', version: 5, components: [] });
    const approved = await plan(graph.query(M.approve, { planId, v }, inMeeting(FUKUSHI)), 'approvePlan');
    expect(approved).toMatchObject({ status: 'CONFIRMED', version: 6 });
    expect(approved.decisions.at(-1)).toMatchObject({
      kind: 'APPROVED',
      to: 'CONFIRMED',
      reportedTo: { id: 'fukushi-ka' },
    });
  });

  it('終結 needs the 評価シート, つながり評価 scored 1–4 and a 主担当 on the team other than 多機関協働', async () => {
    const end = (input: Record<string, unknown>, as = inMeeting(TAKIKAN)) =>
      refusedWithoutChange(graph, 'BAD_USER_INPUT', M.end, { planId, v, input }, as);
    const valid = { ...ENDING, mainContactAgencyId: 'shakyo-jiritsu' };
    await end({ ...valid, evaluation: { ...ENDING.evaluation, outcome: '  ' } });
    await end({ ...valid, tsunagari: { ...ENDING.tsunagari, selfEsteem: 5 } });
    await end({ ...valid, tsunagari: { ...ENDING.tsunagari, motivation: 0 } });
    await end({ ...valid, mainContactAgencyId: 'takikan-shakyo' });
    await end({ ...valid, mainContactAgencyId: 'kodomo-center' });
    await refusedWithoutChange(graph, 'MEETING_REQUIRED', M.end, { planId, v, input: valid }, TAKIKAN);
    // A member of the meeting, but not one who records its decisions.
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.end,
      { planId, v, input: valid },
      inMeeting(SHAKYO),
    );

    const ended = ok(
      await graph.query<{ endPlan: PlanView & { ending: Record<string, unknown> } }>(
        M.end,
        { planId, v, input: valid },
        inMeeting(TAKIKAN),
      ),
    ).endPlan;
    expect(ended).toMatchObject({
      status: 'ENDED',
      version: 7,
      ending: { tsunagari: ENDING.tsunagari, mainContact: { id: 'shakyo-jiritsu' } },
    });
    const c = ok(
      await graph.query<{ case: { mainContact: { id: string } } }>(
        'query ($id: ID!) { case(id: $id) { mainContact { id } } }',
        { id: caseId },
        SHAKYO,
      ),
    );
    expect(c.case.mainContact.id).toBe('shakyo-jiritsu');
  });

  it('the case timeline tells the whole story: who, what, when, where', async () => {
    const data = ok(
      await graph.query<{
        case: {
          timeline: { action: string; subject: string; agency: { id: string }; meetingId: string | null }[];
        };
      }>(
        'query ($id: ID!) { case(id: $id) { timeline { at action subject subjectId staffId agency { id } meetingId to } } }',
        { id: caseId },
        FUKUSHI,
      ),
    );
    const events = data.case.timeline.filter((e) => e.subject !== 'CONSENT');
    expect(events.map((e) => e.action)).toEqual([
      'REFERRED',
      'ASSESSED',
      'TEAM_MEMBER_ADDED',
      'DRAFTED',
      'SUBMITTED',
      'APPROVED',
      'SUPPORT_DECIDED',
      'REVISED',
      'APPROVED',
      'ENDED',
    ]);
    expect(events.filter((e) => e.action === 'APPROVED').every((e) => e.meetingId === meetingId)).toBe(true);
    expect(events[0]?.agency.id).toBe('shakyo-jiritsu');
    const consent = data.case.timeline.filter((e) => e.subject === 'CONSENT').map((e) => e.action);
    expect(consent).toEqual(['CONSENT_RECORDED', 'INTAKE']);
  });

  it("the meeting's decisions are derived from its plans; its agenda lists the plans still live", async () => {
    const data = ok(
      await graph.query<{
        meeting: {
          decisions: { kind: string; planId: string }[];
          agenda: { id: string; plans: { id: string }[] }[];
        };
      }>(
        'query ($id: ID!) { meeting(id: $id) { decisions { kind planId summary } agenda { id plans { id } } } }',
        { id: meetingId },
        TAKIKAN,
      ),
    );
    expect(data.meeting.decisions.map((d) => [d.kind, d.planId])).toEqual([
      ['APPROVED', planId],
      ['APPROVED', planId],
      ['ENDED', planId],
    ]);
    expect(data.meeting.agenda).toEqual([{ id: caseId, plans: [] }]);
  });

  it('closing the meeting ends what can be decided in it', async () => {
    const m = ok(
      await graph.query<{ meeting: { version: number } }>(
        'query ($id: ID!) { meeting(id: $id) { version } }',
        { id: meetingId },
        TAKIKAN,
      ),
    );
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.close,
      { meetingId, v: m.meeting.version },
      SHAKYO,
    );
    ok(await graph.query(M.close, { meetingId, v: m.meeting.version }, TAKIKAN));
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.recordMeetingDecision,
      { meetingId, v: m.meeting.version + 1, summary: 'late' },
      TAKIKAN,
    );
  });
});

describe('a case can go back to the referring agency', () => {
  it('is returned by the 多機関協働事業者 while no plan is under way', async () => {
    ok(
      await graph.query(
        M.intake,
        {
          input: {
            personId: 'P-101',
            topics: ['介護サービスの相談'],
            fieldsInvolved: ['KAIGO'],
            consent: {
              answer: 'GRANTED',
              fields: ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'],
              method: 'INTAKE_SHEET',
              expiresAt: '2028-03-31T23:59:59+09:00',
            },
          },
        },
        { as: 's-kita-01' },
      ),
    );
    const c = ok(
      await graph.query<{ referToTakikan: { id: string } }>(
        M.refer,
        { input: { personIds: ['P-101'], title: '在宅介護の調整' } },
        { as: 's-kita-01' },
      ),
    ).referToTakikan;
    await refusedWithoutChange(
      graph,
      'FORBIDDEN_ACTION',
      M.returnCase,
      { caseId: c.id, v: 1, reason: '包括で対応可能' },
      { as: 's-kita-01' },
    );
    const returned = ok(
      await graph.query<{ returnCase: { status: string; version: number; returnedAt: string } }>(
        M.returnCase,
        { caseId: c.id, v: 1, reason: '既存の連携で対応可能と紹介元と協議' },
        TAKIKAN,
      ),
    );
    expect(returned.returnCase).toMatchObject({ status: 'RETURNED', version: 2 });
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.assess,
      { caseId: c.id, v: 2, input: { summary: 's', issues: ['i'] } },
      TAKIKAN,
    );
  });

  it('is not returned once a plan is under way', async () => {
    // C-KS has a confirmed 多機関協働プラン.
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.returnCase,
      { caseId: 'C-KS', v: 1, reason: 'x' },
      TAKIKAN,
    );
  });
});

describe('two staff editing at once', () => {
  it('a plan: one edit lands, the other is told VERSION_CONFLICT and nothing is overwritten', async () => {
    const drafted = ok(
      await graph.query<{ draftPlan: PlanView }>(
        M.draft,
        {
          input: {
            caseId: 'C-KS',
            kind: 'TAKIKAN',
            content: content(['P-401'], [['hello-work', '求人開拓']]),
          },
        },
        TAKIKAN,
      ),
    ).draftPlan;
    const edit = (goal: string) =>
      graph.query<{ updatePlan: PlanView & { goals: string[] } }>(
        M.update,
        {
          planId: drafted.id,
          v: drafted.version,
          content: content(['P-401'], [['hello-work', '求人開拓']], { goals: [goal] }),
        },
        TAKIKAN,
      );
    const results = await Promise.all([edit('A さんの案'), edit('B さんの案')]);
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'VERSION_CONFLICT']);
    const winner = results.find((r) => !r.body.errors)!.body.data!.updatePlan;
    const stored = await graph.stores.juso.collection('plans').findOne({ _id: drafted.id });
    expect(stored).toMatchObject({ version: 2, goals: winner.goals });
    expect((stored?.history as unknown[]).length).toBe(2);
    // The loser, retrying with the version it read, is refused again rather than overwriting.
    refused(await edit('B さんの案'), 'VERSION_CONFLICT');
  });

  it('a meeting: two agenda changes from the same version, one lands', async () => {
    const add = (id: string) =>
      graph.query(M.addAgendaItem, { meetingId: 'M-S1', v: 1, item: { kind: 'PERSON', id } }, FUKUSHI);
    const results = await Promise.all([add('P-301'), add('P-302')]);
    expect(results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'OK',
      'VERSION_CONFLICT',
    ]);
    const stored = await graph.stores.juso.collection('meetings').findOne({ _id: 'M-S1' });
    expect(stored).toMatchObject({ version: 2 });
    expect((stored?.agenda as unknown[]).length).toBe(3);
  });
});
