/**
 * The state machines, pure: every (state, event) pair of plans, meetings, cases and
 * consent against a matrix written out here by hand from the documents, so a change to
 * the tables in workflow/machine.ts has to be made twice to pass.
 */
import type { ConsentDoc, PlanStatus } from '../../subgraphs/juso/model';
import { CASE_EVENTS, CASE_STATUSES, caseTransition } from '../../subgraphs/juso/workflow/case/machine';
import type { ConsentEvent, ConsentState } from '../../subgraphs/juso/workflow/consent/machine';
import {
  CONSENT_EVENTS,
  CONSENT_STATES,
  consentState,
  consentTransition,
} from '../../subgraphs/juso/workflow/consent/machine';
import {
  MEETING_EVENTS,
  MEETING_STATUSES,
  meetingTransition,
} from '../../subgraphs/juso/workflow/meeting/machine';
import type { PlanEvent } from '../../subgraphs/juso/workflow/plan/machine';
import {
  needsSupportDecision,
  PLAN_EVENTS,
  PLAN_STATUSES,
  planTransition,
} from '../../subgraphs/juso/workflow/plan/machine';

const _ = null; // illegal
const SAME = 'SAME';

/**
 * Rows: from-status; columns: events in this order. APPROVE's target depends on the
 * plan's components: `AWAITING_DECISION|CONFIRMED` = with OUTREACH or SANKA | without.
 */
const PLAN_COLUMNS: PlanEvent[] = [
  'UPDATE',
  'SUBMIT',
  'APPROVE',
  'SEND_BACK',
  'DECIDE_SUPPORT',
  'DECLINE_SUPPORT',
  'REVISE',
  'END',
  'SUSPEND',
  'RECORD_CONTACT',
];
// prettier-ignore
const PLAN_MATRIX: Record<PlanStatus, (string | null)[]> = {
  //                 UPDATE  SUBMIT       APPROVE                        SEND_BACK DECIDE       DECLINE  REVISE       END      SUSPEND      CONTACT
  DRAFT:             [SAME,  'IN_REVIEW', _,                             _,        _,           _,       _,           _,       _,           SAME],
  IN_REVIEW:         [_,     _,           'AWAITING_DECISION|CONFIRMED', 'DRAFT',  _,           _,       _,           _,       _,           SAME],
  AWAITING_DECISION: [_,     _,           _,                             _,        'CONFIRMED', 'DRAFT', _,           _,       _,           SAME],
  CONFIRMED:         [_,     _,           _,                             _,        _,           _,       'IN_REVIEW', 'ENDED', 'SUSPENDED', SAME],
  ENDED:             [_,     _,           _,                             _,        _,           _,       _,           _,       _,           _],
  SUSPENDED:         [_,     _,           _,                             _,        _,           _,       'IN_REVIEW', _,       _,           _],
};

describe('plan machine', () => {
  it('the matrix covers every status and event', () => {
    expect(Object.keys(PLAN_MATRIX).sort()).toEqual([...PLAN_STATUSES].sort());
    expect([...PLAN_COLUMNS].sort()).toEqual([...PLAN_EVENTS].sort());
  });

  const cells = PLAN_STATUSES.flatMap((status) =>
    PLAN_COLUMNS.map((event, i) => ({ status, event, expected: PLAN_MATRIX[status][i] ?? null })),
  );

  it.each(cells)('$status --$event--> $expected', ({ status, event, expected }) => {
    for (const [components, pick] of [
      [['SANKA'], 0],
      [['OUTREACH'], 0],
      [['OUTREACH', 'SANKA'], 0],
      [[], 1],
    ] as const) {
      const t = planTransition({ status, components }, event);
      if (expected === null) {
        expect(t.ok).toBe(false);
        if (!t.ok) expect(t.message).toContain(`${event} is not possible from ${status}`);
      } else {
        const target = expected === SAME ? status : (expected.split('|')[pick] ?? expected);
        expect(t).toEqual({ ok: true, to: target });
      }
    }
  });

  it('支援決定 is needed exactly for plans with アウトリーチ等事業 or 参加支援事業 (001 6-2)(6))', () => {
    expect(needsSupportDecision([])).toBe(false);
    expect(needsSupportDecision(['OUTREACH'])).toBe(true);
    expect(needsSupportDecision(['SANKA'])).toBe(true);
  });
});

// prettier-ignore
const MEETING_MATRIX = {
  //          EDIT    OPEN    CLOSE     RECORD_DECISION
  SCHEDULED: [SAME,   'OPEN', _,        _],
  OPEN:      [SAME,   _,      'CLOSED', SAME],
  CLOSED:    [_,      _,      _,        _],
} as const;

describe('meeting machine', () => {
  const cells = MEETING_STATUSES.flatMap((status) =>
    MEETING_EVENTS.map((event, i) => ({ status, event, expected: MEETING_MATRIX[status][i] ?? null })),
  );
  it('the matrix covers every status and event', () => {
    expect(MEETING_EVENTS).toEqual(['EDIT', 'OPEN', 'CLOSE', 'RECORD_DECISION']);
    expect(cells).toHaveLength(12);
  });
  it.each(cells)('$status --$event--> $expected', ({ status, event, expected }) => {
    const t = meetingTransition(status, event);
    expect(t).toEqual(
      expected === null
        ? expect.objectContaining({ ok: false })
        : { ok: true, to: expected === SAME ? status : expected },
    );
  });
});

// prettier-ignore
const CASE_MATRIX = {
  //         ASSESS ADD_TEAM_MEMBER ADD_PLAN RETURN
  OPEN:     [SAME,  SAME,           SAME,    'RETURNED'],
  CLOSED:   [_,     _,              _,       _],
  RETURNED: [_,     _,              _,       _],
} as const;

describe('case machine', () => {
  const cells = CASE_STATUSES.flatMap((status) =>
    CASE_EVENTS.map((event, i) => ({ status, event, expected: CASE_MATRIX[status][i] ?? null })),
  );
  it('the matrix covers every status and event', () => {
    expect(CASE_EVENTS).toEqual(['ASSESS', 'ADD_TEAM_MEMBER', 'ADD_PLAN', 'RETURN']);
  });
  it.each(cells)('$status --$event--> $expected', ({ status, event, expected }) => {
    const t = caseTransition(status, event);
    expect(t).toEqual(
      expected === null
        ? expect.objectContaining({ ok: false })
        : { ok: true, to: expected === SAME ? status : expected },
    );
  });
});

const ANY_ANSWER = 'ANSWER';
// prettier-ignore
const CONSENT_MATRIX: Record<ConsentState, (string | null)[]> = {
  //          INTAKE      GRANT      NARROW     WIDEN      WITHDRAW
  NONE:      [ANY_ANSWER, 'GRANTED', _,         _,         _],
  ACTIVE:    [ANY_ANSWER, 'GRANTED', 'GRANTED', 'GRANTED', 'WITHDRAWN'],
  EXPIRED:   [ANY_ANSWER, 'GRANTED', _,         _,         'WITHDRAWN'],
  REFUSED:   [ANY_ANSWER, 'GRANTED', _,         _,         _],
  UNKNOWN:   [ANY_ANSWER, 'GRANTED', _,         _,         _],
  WITHDRAWN: [ANY_ANSWER, 'GRANTED', _,         _,         _],
};

describe('consent machine', () => {
  const cells = CONSENT_STATES.flatMap((state) =>
    CONSENT_EVENTS.map((event, i) => ({ state, event, expected: CONSENT_MATRIX[state][i] ?? null })),
  );
  it('the matrix covers every state and event', () => {
    expect(CONSENT_EVENTS).toEqual(['INTAKE', 'GRANT', 'NARROW', 'WIDEN', 'WITHDRAW']);
  });
  it.each(cells)('$state --$event--> $expected', ({ state, event, expected }) => {
    if (expected === ANY_ANSWER) {
      for (const answer of ['GRANTED', 'REFUSED', 'UNKNOWN'] as const) {
        // 不明 does not take back consent in force; every other answer becomes the consent.
        const to = answer === 'UNKNOWN' && state === 'ACTIVE' ? 'GRANTED' : answer;
        expect(consentTransition(state, event as ConsentEvent, answer)).toEqual({ ok: true, to });
      }
      expect(consentTransition(state, 'INTAKE').ok).toBe(false);
    } else {
      const t = consentTransition(state, event);
      expect(t).toEqual(
        expected === null ? expect.objectContaining({ ok: false }) : { ok: true, to: expected },
      );
    }
  });

  it('reads the state of a version at a moment: active only when given, unexpired, not withdrawn', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const v = (status: ConsentDoc['status'], extra: Partial<ConsentDoc> = {}) =>
      ({ status, expiresAt: null, withdrawnAt: null, ...extra }) as ConsentDoc;
    expect(consentState(null, now)).toBe('NONE');
    expect(consentState(v('GRANTED'), now)).toBe('ACTIVE');
    expect(consentState(v('GRANTED', { expiresAt: '2026-11-21T00:00:00Z' }), now)).toBe('EXPIRED');
    expect(consentState(v('GRANTED', { withdrawnAt: '2026-11-01T00:00:00Z' }), now)).toBe('WITHDRAWN');
    expect(consentState(v('WITHDRAWN'), now)).toBe('WITHDRAWN');
    expect(consentState(v('REFUSED'), now)).toBe('REFUSED');
    expect(consentState(v('UNKNOWN'), now)).toBe('UNKNOWN');
  });
});
