/**
 * Every transition of the plan, meeting and case machines, through the gateway: each
 * legal one lands where the machine says, each illegal one is refused with
 * ILLEGAL_TRANSITION and leaves the store exactly as it was. Inputs are otherwise
 * valid (right agency, open 重層的支援会議 with the case on its agenda, consent, complete
 * sheets), so the status alone decides.
 */
import type { MeetingDoc, PlanDoc, PlanStatus } from '../../subgraphs/juso/model';
import type { MeetingEvent } from '../../subgraphs/juso/workflow/meeting/machine';
import {
  MEETING_EVENTS,
  MEETING_STATUSES,
  meetingTransition,
} from '../../subgraphs/juso/workflow/meeting/machine';
import type { PlanEvent } from '../../subgraphs/juso/workflow/plan/machine';
import { PLAN_EVENTS, PLAN_STATUSES, planTransition } from '../../subgraphs/juso/workflow/plan/machine';
import { REFUSAL_MESSAGES } from '../../subgraphs/juso/workflow/errors';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import type { As } from './helpers';
import { content, ENDING, M, ok, refusedWithoutChange } from './helpers';

let graph: TestGraph;

const MEETING = 'M-T';
const TAKIKAN: As = { as: 's-takikan-01' };
const IN_MEETING: As = { as: 's-takikan-01', meeting: MEETING };
const FUKUSHI: As = { as: 's-fukushi-01' };

const planId = (status: PlanStatus, event: PlanEvent) => `PL-T-${status}-${event}`;

/** A plan of 高橋 誠's case C-KS (he consents to everything), complete, with 参加支援. */
function fixturePlan(status: PlanStatus, event: PlanEvent): PlanDoc {
  const failed = (at: string) => ({
    at,
    method: 'VISIT' as const,
    reached: false,
    note: null,
    staffId: 's-takikan-01',
    agencyId: 'takikan-shakyo',
  });
  return {
    _id: planId(status, event),
    caseId: 'C-KS',
    kind: 'TAKIKAN',
    personIds: ['P-401'],
    status,
    components: ['SANKA'],
    goals: ['就労を続ける'],
    direction: '就労体験から一般就労へ',
    roles: [{ agencyId: 'shakyo-jiritsu', task: '就労準備' }],
    monitoringDate: '2027-01-31',
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 's-takikan-01',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 's-takikan-01',
    decisions: [],
    // Enough failed attempts that 中断 is refused only for its status.
    contactAttempts: [failed('2026-11-02T00:00:00.000Z'), failed('2026-11-03T00:00:00.000Z')],
    history: [],
  };
}

/** Each event as a call: the mutation, its variables and who sends it (and where). */
const PLAN_CALLS: Record<PlanEvent, (id: string) => [string, Record<string, unknown>, As]> = {
  UPDATE: (id) => [
    M.update,
    { planId: id, v: 1, content: content(['P-401'], [['shakyo-jiritsu', 'x']]) },
    TAKIKAN,
  ],
  SUBMIT: (id) => [M.submit, { planId: id, v: 1 }, TAKIKAN],
  APPROVE: (id) => [M.approve, { planId: id, v: 1 }, IN_MEETING],
  SEND_BACK: (id) => [M.sendBack, { planId: id, v: 1, note: '目標を具体的に' }, IN_MEETING],
  DECIDE_SUPPORT: (id) => [M.decideSupport, { planId: id, v: 1 }, FUKUSHI],
  DECLINE_SUPPORT: (id) => [M.declineSupport, { planId: id, v: 1, reason: '既存事業で対応' }, FUKUSHI],
  REVISE: (id) => [
    M.revise,
    { planId: id, v: 1, reason: '状況の変化', content: content(['P-401'], [['shakyo-jiritsu', 'y']]) },
    TAKIKAN,
  ],
  END: (id) => [
    M.end,
    { planId: id, v: 1, input: { ...ENDING, mainContactAgencyId: 'shakyo-jiritsu' } },
    IN_MEETING,
  ],
  SUSPEND: (id) => [M.suspend, { planId: id, v: 1, note: '連絡が取れない' }, IN_MEETING],
  RECORD_CONTACT: (id) => [
    M.contact,
    { planId: id, v: 1, input: { method: 'PHONE', reached: false } },
    TAKIKAN,
  ],
};

const pairs = PLAN_STATUSES.flatMap((status) => PLAN_EVENTS.map((event) => ({ status, event })));
const legal = pairs.filter((p) => planTransition({ status: p.status, components: ['SANKA'] }, p.event).ok);
const illegal = pairs.filter((p) => !legal.includes(p));

const meetingId = (status: string, event: MeetingEvent) => `M-T-${status}-${event}`;
const MEETING_CALLS: Record<MeetingEvent, (id: string) => [string, Record<string, unknown>, As]> = {
  EDIT: (id) => [M.addAgendaItem, { meetingId: id, v: 1, item: { kind: 'CASE', id: 'C-8050' } }, TAKIKAN],
  OPEN: (id) => [M.open, { meetingId: id, v: 1 }, TAKIKAN],
  CLOSE: (id) => [M.close, { meetingId: id, v: 1 }, TAKIKAN],
  RECORD_DECISION: (id) => [M.recordMeetingDecision, { meetingId: id, v: 1, summary: '情報共有' }, TAKIKAN],
};
const meetingPairs = MEETING_STATUSES.flatMap((status) => MEETING_EVENTS.map((event) => ({ status, event })));

function fixtureMeeting(id: string, status: MeetingDoc['status'], agenda: MeetingDoc['agenda']): MeetingDoc {
  return {
    _id: id,
    kind: 'JUSO_KAIGI',
    title: id,
    status,
    scheduledAt: '2026-12-01T04:00:00.000Z',
    memberAgencyIds: ['fukushi-ka', 'takikan-shakyo', 'shakyo-jiritsu'],
    agenda,
    decisions: [],
    version: 1,
    // Convened by the 多機関協働事業者, who changes it below (only the convener or 福祉課 may).
    convenedByAgencyId: 'takikan-shakyo',
  };
}

beforeAll(async () => {
  graph = await startTestGraph();
  await graph.stores.juso
    .collection<PlanDoc>('plans')
    .insertMany(pairs.map((p) => fixturePlan(p.status, p.event)));
  await graph.stores.juso
    .collection<MeetingDoc>('meetings')
    .insertMany([
      fixtureMeeting(MEETING, 'OPEN', [{ kind: 'CASE', id: 'C-KS' }]),
      ...meetingPairs.map((p) => fixtureMeeting(meetingId(p.status, p.event), p.status, [])),
    ]);
});
afterAll(async () => {
  await graph.stop();
});

describe('plans', () => {
  it(`covers all ${pairs.length} (status, event) pairs: ${legal.length} legal, ${illegal.length} illegal`, () => {
    expect(legal.length + illegal.length).toBe(PLAN_STATUSES.length * PLAN_EVENTS.length);
    expect(legal.length).toBe(14);
  });

  it.each(legal)('$status --$event--> lands where the machine says', async ({ status, event }) => {
    const [query, variables, as] = PLAN_CALLS[event](planId(status, event));
    const data = ok(
      await graph.query<Record<string, { status: string; version: number }>>(query, variables, as),
    );
    const to = planTransition({ status, components: ['SANKA'] }, event);
    expect(Object.values(data)[0]).toMatchObject({ status: to.ok ? to.to : 'never', version: 2 });
  });

  it.each(illegal)('$status --$event--> ILLEGAL_TRANSITION, nothing changed', async ({ status, event }) => {
    const [query, variables, as] = PLAN_CALLS[event](planId(status, event));
    const message = await refusedWithoutChange(graph, 'ILLEGAL_TRANSITION', query, variables, as);
    expect(message).toBe(REFUSAL_MESSAGES.ILLEGAL_TRANSITION);
  });
});

describe('meetings', () => {
  it.each(meetingPairs)('$status --$event-->', async ({ status, event }) => {
    const [query, variables, as] = MEETING_CALLS[event](meetingId(status, event));
    const to = meetingTransition(status, event);
    if (to.ok) {
      const data = ok(await graph.query<Record<string, { version: number }>>(query, variables, as));
      expect(Object.values(data)[0]?.version).toBe(2);
      const stored = await graph.stores.juso
        .collection('meetings')
        .findOne({ _id: meetingId(status, event) });
      expect(stored?.status).toBe(to.to);
    } else {
      await refusedWithoutChange(graph, 'ILLEGAL_TRANSITION', query, variables, as);
    }
  });
});

describe('cases', () => {
  it('a returned case takes no assessment, team member, plan or second return', async () => {
    await graph.stores.juso.collection('cases').insertOne({
      _id: 'C-T-RETURNED',
      title: 'returned',
      status: 'RETURNED',
      householdId: 'H-KS',
      personIds: ['P-401'],
      team: [
        { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
        { agencyId: 'takikan-shakyo', role: 'PLANNER' },
      ],
      referredBy: 'shakyo-jiritsu',
      openedAt: '2026-11-01T00:00:00.000Z',
      version: 1,
    });
    const caseId = 'C-T-RETURNED';
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.assess,
      { caseId, v: 1, input: { summary: 's', issues: ['i'] } },
      TAKIKAN,
    );
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.addTeamMember,
      { caseId, v: 1, agencyId: 'hello-work' },
      TAKIKAN,
    );
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.returnCase,
      { caseId, v: 1, reason: 'again' },
      TAKIKAN,
    );
    await refusedWithoutChange(
      graph,
      'ILLEGAL_TRANSITION',
      M.draft,
      { input: { caseId, kind: 'TAKIKAN', content: content(['P-401'], []) } },
      TAKIKAN,
    );
  });
});

describe('what is checked before the transition', () => {
  it('a plan the caller cannot see is refused as withheld, whether or not it exists', async () => {
    const [query, variables] = PLAN_CALLS.SUBMIT(planId('DRAFT', 'SUBMIT'));
    const hidden = await refusedWithoutChange(graph, 'NOT_ON_TEAM', query, variables, { as: 's-kodomo-01' });
    const missing = await refusedWithoutChange(
      graph,
      'NOT_ON_TEAM',
      query,
      { ...variables, planId: 'PL-NONE' },
      {
        as: 's-kodomo-01',
      },
    );
    expect(missing).toBe(hidden);
  });

  it('a stale version is a VERSION_CONFLICT, even for a transition that would be illegal', async () => {
    const [query, variables, as] = PLAN_CALLS.APPROVE(planId('ENDED', 'APPROVE'));
    await refusedWithoutChange(graph, 'VERSION_CONFLICT', query, { ...variables, v: 7 }, as);
  });
});
