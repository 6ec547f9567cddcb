/**
 * 事業評価's counting (subgraphs/juso/statistics/count.ts, fiscal.ts), on hand-made
 * documents of the shapes the workflow writes. Suppression is off here (threshold 0) so
 * the counts themselves are checked; statistics-suppress.test.ts checks the hiding.
 */
import { SCENARIO_AGENCIES } from '../../subgraphs/juso/seed';
import type { CaseDoc, ConsentDoc, HistoryEntry, MeetingDoc, PlanDoc } from '../../subgraphs/juso/model';
import type { StatisticsInput } from '../../subgraphs/juso/statistics/count';
import { caseClosures, countStatistics, routeOf, statusAt } from '../../subgraphs/juso/statistics/count';
import {
  daysBetween,
  fiscalYear,
  fiscalYearOf,
  median,
  monthOf,
} from '../../subgraphs/juso/statistics/fiscal';
import type { StatTable } from '../../subgraphs/juso/statistics/types';

const NOW = new Date('2026-05-15T03:00:00Z'); // 年度2026 has begun: 年度2025 is complete
const FY = fiscalYear(2025, NOW);
const agency = (id: string) => SCENARIO_AGENCIES.find((a) => a._id === id);

let seq = 0;
function intake(
  personId: string,
  receivedAt: string,
  agencyId: string,
  answer: 'GRANTED' | 'REFUSED' | 'UNKNOWN' = 'GRANTED',
  fieldsInvolved: ConsentDoc['fields'] = [],
): ConsentDoc {
  seq++;
  return {
    _id: `${personId}#${seq}`,
    personId,
    version: seq,
    status: answer,
    fields: [],
    coversTax: false,
    givenBy: 'SELF',
    method: 'INTAKE_SHEET',
    takenByAgencyId: agencyId,
    takenByStaffId: 's',
    takenAt: receivedAt,
    expiresAt: null,
    withdrawnAt: null,
    recordedByAgencyId: agencyId,
    consultation: {
      receivedAt,
      answer,
      fields: [],
      coversTax: false,
      topics: ['t'],
      fieldsInvolved,
      summary: null,
    },
  };
}

const h = (
  at: string,
  action: HistoryEntry['action'],
  from: string | null,
  to: string | null,
  meetingId: string | null = null,
): HistoryEntry => ({
  at,
  staffId: 's',
  agencyId: 'takikan-shakyo',
  action,
  from,
  to,
  meetingId,
  note: null,
});

function plan(
  id: string,
  caseId: string,
  kind: PlanDoc['kind'],
  history: HistoryEntry[],
  extra: Partial<PlanDoc> = {},
): PlanDoc {
  const last = history.filter((e) => e.to).at(-1);
  return {
    _id: id,
    caseId,
    kind,
    personIds: ['P-1'],
    status: (last?.to ?? 'DRAFT') as PlanDoc['status'],
    components: [],
    goals: [],
    direction: '',
    roles: [],
    monitoringDate: null,
    version: history.length,
    createdAt: history[0]!.at,
    createdBy: 's',
    updatedAt: history.at(-1)!.at,
    updatedBy: 's',
    history,
    ...extra,
  };
}

function kase(id: string, openedAt: string, extra: Partial<CaseDoc> = {}): CaseDoc {
  return {
    _id: id,
    title: 't',
    status: 'OPEN',
    householdId: `H-${id}`,
    personIds: ['P-1'],
    team: [
      { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
      { agencyId: 'takikan-shakyo', role: 'PLANNER' },
    ],
    referredBy: 'houkatsu-kita',
    openedAt,
    version: 1,
    ...extra,
  };
}

const meeting = (
  id: string,
  kind: MeetingDoc['kind'],
  openedAt: string,
  status: MeetingDoc['status'] = 'CLOSED',
): MeetingDoc => ({
  _id: id,
  kind,
  title: 't',
  status,
  scheduledAt: openedAt,
  memberAgencyIds: [],
  agenda: [],
  decisions: [],
  openedAt: status === 'SCHEDULED' ? null : openedAt,
});

const input = (over: Partial<StatisticsInput>): StatisticsInput => ({
  fy: FY,
  agencies: SCENARIO_AGENCIES,
  intakes: [],
  householdOf: new Map(),
  cases: [],
  plans: [],
  meetings: [],
  caseIntakes: [],
  ...over,
});

const table = (tables: StatTable[], key: string) => {
  const t = tables.find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return t;
};
const values = (t: StatTable) => t.cells.map((row) => row.map((c) => c.value));
const col = (t: StatTable, c: number) => t.cells.map((row) => row[c]!.value);

describe('年度 in Tokyo days', () => {
  it('a year runs from 1 April 00:00 JST to 31 March 23:59 JST', () => {
    expect(fiscalYearOf('2026-03-31T14:59:59.999Z')).toBe(2025); // 23:59:59 JST on 31 March
    expect(fiscalYearOf('2026-03-31T15:00:00.000Z')).toBe(2026); // 00:00 JST on 1 April
    expect(fiscalYearOf(new Date('2027-01-10T00:00:00Z'))).toBe(2026);
    expect(FY).toMatchObject({
      from: '2025-04-01',
      to: '2026-03-31',
      startAt: '2025-03-31T15:00:00.000Z',
      endAt: '2026-03-31T15:00:00.000Z',
      asOf: '2026-03-31',
    });
    expect(FY.months.map((m) => m.label)).toEqual([
      '2025年4月',
      '2025年5月',
      '2025年6月',
      '2025年7月',
      '2025年8月',
      '2025年9月',
      '2025年10月',
      '2025年11月',
      '2025年12月',
      '2026年1月',
      '2026年2月',
      '2026年3月',
    ]);
  });

  it('the current year counts April to this month, up to today', () => {
    const now = fiscalYear(2026, NOW);
    expect(now.asOf).toBe('2026-05-15');
    expect(now.months.map((m) => m.yearMonth)).toEqual(['2026-04', '2026-05']);
    expect(monthOf(now, '2026-05-16T01:00:00Z')).toBeNull(); // after today
  });

  it('places an instant by its Tokyo day', () => {
    expect(monthOf(FY, '2025-03-31T14:59:00Z')).toBeNull(); // 23:59 JST 31 March: the year before
    expect(monthOf(FY, '2025-03-31T15:00:00Z')).toBe(0); // 00:00 JST 1 April
    expect(monthOf(FY, '2025-04-30T15:30:00Z')).toBe(1); // 00:30 JST 1 May
    expect(monthOf(FY, '2026-03-31T14:00:00Z')).toBe(11);
    expect(daysBetween('2025-04-01T00:00:00+09:00', '2025-04-30T23:59:00+09:00')).toBe(29);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe('相談受付', () => {
  const intakes = [
    intake('P-1', '2025-04-03T01:00:00Z', 'houkatsu-kita', 'GRANTED', ['KAIGO', 'KONKYU']),
    intake('P-1', '2025-04-20T01:00:00Z', 'takikan-shakyo', 'GRANTED'), // 紹介 (多機関協働 took it)
    intake('P-2', '2025-05-01T01:00:00Z', 'outreach-shakyo', 'UNKNOWN'), // アウトリーチ
    intake('P-3', '2025-05-02T01:00:00Z', 'kodomo-center', 'REFUSED'),
    intake('P-3', '2025-06-02T01:00:00Z', 'shakyo-jiritsu', 'REFUSED'), // 紹介: 31 days after another agency's
    intake('P-4', '2025-06-10T01:00:00Z', 'fukushi-ka', 'GRANTED'), // 窓口 at the municipality
    intake('P-5', '2025-06-11T01:00:00Z', 'hello-work', 'UNKNOWN'), // その他
    intake('P-6', '2025-02-01T01:00:00Z', 'soudan-aoba', 'GRANTED'), // before the year: route only
    intake('P-6', '2025-07-01T01:00:00Z', 'soudan-aoba', 'GRANTED'), // same agency again: 窓口
  ];
  const result = countStatistics(input({ intakes }), 0);

  it('by the field of the receiving agency, month by month, with totals', () => {
    const t = table(result.tables, 'intakesByField');
    expect(t.columns).toEqual(['介護', '障害', '子ども', '困窮', '福祉課・重層事業', 'その他']);
    expect(values(t).slice(0, 4)).toEqual([
      [1, 0, 0, 0, 1, 0],
      [0, 0, 1, 0, 1, 0],
      [0, 0, 0, 1, 1, 1],
      [0, 1, 0, 0, 0, 0],
    ]);
    expect(t.rowTotals!.map((c) => c.value)).toEqual([2, 2, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(t.columnTotals!.map((c) => c.value)).toEqual([1, 1, 1, 1, 3, 1]);
    expect(t.grandTotal!.value).toBe(8);
  });

  it('by route: アウトリーチ, 紹介 (多機関協働, or another agency within 90 days), else 窓口', () => {
    const t = table(result.tables, 'intakesByRoute');
    expect(t.columns).toEqual(['窓口', '紹介', 'アウトリーチ']);
    expect(t.columnTotals!.map((c) => c.value)).toEqual([5, 2, 1]);
    expect(values(t)[2]).toEqual([2, 1, 0]);
    const [a, b] = [
      intake('X', '2025-01-01T00:00:00Z', 'kodomo-center'),
      intake('X', '2025-04-05T00:00:00Z', 'shakyo-jiritsu'),
    ];
    expect(routeOf(b, agency('shakyo-jiritsu'), [a, b])).toBe('窓口'); // 94 days: outside the window
  });

  it('by the answer to the consent question', () => {
    const t = table(result.tables, 'consentAtIntake');
    expect(t.columns).toEqual(['同意する', '同意しない', '不明']);
    expect(t.columnTotals!.map((c) => c.value)).toEqual([4, 2, 2]);
  });
});

describe('ケース, プラン, 支援決定, 会議, つながり評価', () => {
  const M1 = 'M-1';
  const ended = plan(
    'PL-1',
    'C-1',
    'TAKIKAN',
    [
      h('2025-04-10T01:00:00Z', 'DRAFTED', null, 'DRAFT'),
      h('2025-04-15T01:00:00Z', 'SUBMITTED', 'DRAFT', 'IN_REVIEW'),
      h('2025-04-20T05:00:00Z', 'APPROVED', 'IN_REVIEW', 'CONFIRMED', M1),
      h('2025-09-20T05:00:00Z', 'ENDED', 'CONFIRMED', 'ENDED', M1),
    ],
    {
      decisions: [
        {
          kind: 'APPROVED',
          at: '2025-04-20T05:00:00Z',
          staffId: 's',
          agencyId: 'a',
          meetingId: M1,
          meetingKind: 'JUSO_KAIGI',
          to: 'CONFIRMED',
          note: null,
          reportedToAgencyId: null,
        },
        {
          kind: 'ENDED',
          at: '2025-09-20T05:00:00Z',
          staffId: 's',
          agencyId: 'a',
          meetingId: M1,
          meetingKind: 'JUSO_KAIGI',
          to: 'ENDED',
          note: null,
          reportedToAgencyId: null,
        },
      ],
      ending: {
        at: '2025-09-20T05:00:00Z',
        staffId: 's',
        agencyId: 'a',
        meetingId: M1,
        evaluation: { goalAttainment: '', outcome: '', followUp: '' },
        tsunagari: {
          motivation: 3,
          selfEsteem: 2,
          relationships: 4,
          socialParticipation: 1,
          consultation: 3,
        },
        mainContactAgencyId: 'houkatsu-kita',
      },
    },
  );
  // An outreach plan of the same case goes on: the case is not settled when PL-1 ends …
  const outreach = plan(
    'PL-2',
    'C-1',
    'OUTREACH',
    [
      h('2025-05-01T01:00:00Z', 'DRAFTED', null, 'DRAFT'),
      h('2025-05-05T01:00:00Z', 'SUBMITTED', 'DRAFT', 'IN_REVIEW'),
      h('2025-05-10T01:00:00Z', 'APPROVED', 'IN_REVIEW', 'AWAITING_DECISION', 'M-2'),
      h('2025-05-12T01:00:00Z', 'SUPPORT_DECIDED', 'AWAITING_DECISION', 'CONFIRMED'),
      h('2025-11-10T01:00:00Z', 'SUSPENDED', 'CONFIRMED', 'SUSPENDED', 'M-2'),
    ],
    {
      components: ['OUTREACH'],
      decisions: [
        {
          kind: 'APPROVED',
          at: '2025-05-10T01:00:00Z',
          staffId: 's',
          agencyId: 'a',
          meetingId: 'M-2',
          meetingKind: 'SHIEN_KAIGI',
          to: 'AWAITING_DECISION',
          note: null,
          reportedToAgencyId: null,
        },
        {
          kind: 'SUPPORT_DECIDED',
          at: '2025-05-12T01:00:00Z',
          staffId: 's',
          agencyId: 'a',
          meetingId: null,
          meetingKind: null,
          to: 'CONFIRMED',
          note: null,
          reportedToAgencyId: null,
        },
        {
          kind: 'SUSPENDED',
          at: '2025-11-10T01:00:00Z',
          staffId: 's',
          agencyId: 'a',
          meetingId: 'M-2',
          meetingKind: 'SHIEN_KAIGI',
          to: 'SUSPENDED',
          note: null,
          reportedToAgencyId: null,
        },
      ],
    },
  );
  // … until PL-2 is suspended in November: the case's support is 中断 then.
  const old = plan('PL-3', 'C-0', 'TAKIKAN', [
    h('2024-05-01T01:00:00Z', 'DRAFTED', null, 'DRAFT'),
    h('2024-06-01T01:00:00Z', 'ENDED', 'CONFIRMED', 'ENDED'),
  ]); // settled before the year: not a plan of it
  const cases = [
    kase('C-1', '2025-04-08T01:00:00Z', {
      intakeIds: ['P-1#100'],
      team: [
        { agencyId: 'fukushi-ka', role: 'COORDINATOR' },
        { agencyId: 'takikan-shakyo', role: 'PLANNER' },
        { agencyId: 'houkatsu-kita', role: 'MAIN_CONTACT' },
        { agencyId: 'shakyo-jiritsu', role: 'SUPPORT' },
      ],
    }),
    kase('C-2', '2025-06-01T01:00:00Z', { openedAtMeetingId: 'M-2' }),
    kase('C-3', '2025-06-03T01:00:00Z', {
      status: 'RETURNED',
      returnedAt: '2025-07-01T01:00:00Z',
      history: [
        h('2025-06-03T01:00:00Z', 'REFERRED', null, 'OPEN'),
        h('2025-07-01T01:00:00Z', 'RETURNED', 'OPEN', 'RETURNED'),
      ],
    }),
    kase('C-0', '2024-04-01T01:00:00Z'),
  ];
  const caseIntake = { ...intake('P-1', '2025-04-01T01:00:00Z', 'houkatsu-kita'), _id: 'P-1#100' };
  const meetings = [
    meeting(M1, 'JUSO_KAIGI', '2025-04-20T04:30:00Z'),
    meeting('M-1b', 'JUSO_KAIGI', '2025-09-20T04:30:00Z'),
    meeting('M-2', 'SHIEN_KAIGI', '2025-05-10T00:30:00Z'),
    meeting('M-3', 'SHIEN_KAIGI', '2025-05-30T00:30:00Z', 'SCHEDULED'), // never held
    meeting('M-4', 'SHIEN_KAIGI', '2025-03-10T00:30:00Z'), // the year before
  ];
  const result = countStatistics(
    input({ cases, plans: [ended, outreach, old], meetings, caseIntakes: [caseIntake] }),
    0,
  );

  it('cases opened (referral or 支援会議), returned, and settled when their last live plan is', () => {
    const t = table(result.tables, 'cases');
    expect(t.columns).toEqual([
      '開始（多機関協働へのつなぎ）',
      '開始（支援会議）',
      '紹介元へ戻した',
      '終結',
      '中断',
    ]);
    expect(t.rowTotals).toBeNull();
    expect(t.columnTotals!.map((c) => c.value)).toEqual([2, 1, 1, 0, 1]);
    expect(col(t, 4)[7]).toBe(1); // November
    expect(caseClosures([ended])).toEqual([{ at: '2025-09-20T05:00:00Z', kind: 'ENDED' }]);
    expect(caseClosures([ended, outreach])).toEqual([{ at: '2025-11-10T01:00:00Z', kind: 'SUSPENDED' }]);
  });

  it('plans by kind and their state at the end of the year, among plans live in it', () => {
    const t = table(result.tables, 'plansByKindState');
    expect(t.rows).toEqual(['多機関協働プラン', '参加支援プラン', 'アウトリーチ等プラン']);
    expect(values(t)).toEqual([
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1],
    ]);
    expect(statusAt(outreach, '2025-05-11T00:00:00Z')).toBe('AWAITING_DECISION');
    expect(statusAt(outreach, '2025-04-01T00:00:00Z')).toBeNull();
  });

  it('支援決定 by month; meetings held by kind; the plans decided at them', () => {
    expect(table(result.tables, 'supportDecisions').columnTotals!.map((c) => c.value)).toEqual([1, 0]);
    expect(col(table(result.tables, 'supportDecisions'), 0)[1]).toBe(1); // May
    const held = table(result.tables, 'meetingsHeld');
    expect(held.columns).toEqual(['支援会議', '重層的支援会議']);
    expect(held.columnTotals!.map((c) => c.value)).toEqual([1, 2]);
    const decided = table(result.tables, 'meetingDecisions');
    expect(decided.rows).toEqual(['了承', '差戻し', '終結', '中断']);
    expect(values(decided)).toEqual([
      [1, 1],
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('つながり評価 at 終結: each item by score, the row total being the plans ended', () => {
    const t = table(result.tables, 'tsunagari');
    expect(t.rows).toEqual(['意欲', '自己肯定感', '対人関係', '社会参加', '相談']);
    expect(values(t)).toEqual([
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect(t.rowTotals!.map((c) => c.value)).toEqual([1, 1, 1, 1, 1]);
  });

  it('the median days from 受付 to a plan first confirmed in the year', () => {
    // Both plans are of C-1, whose intake was received on 1 April: PL-1 confirmed on 20 April
    // (19 days), PL-2 on 12 May (41 days, after 支援決定). PL-3 was confirmed years before.
    expect(result.medianDaysToConfirmedPlan).toEqual({
      plans: { value: 2, suppressed: false, text: '2' },
      days: 30,
      text: '30日',
    });
    const hidden = countStatistics(input({ cases, plans: [ended, outreach], caseIntakes: [caseIntake] }), 3);
    expect(hidden.medianDaysToConfirmedPlan.days).toBeNull();
    expect(hidden.medianDaysToConfirmedPlan.plans.text).toBe('<3');
  });
});

describe('世帯と4分野', () => {
  it('households by how many fields their intakes and cases touch, and which', () => {
    const intakes = [
      intake('P-1', '2025-04-03T01:00:00Z', 'houkatsu-kita', 'GRANTED', ['KAIGO']),
      intake('P-2', '2025-04-04T01:00:00Z', 'shakyo-jiritsu', 'GRANTED', []), // same household: 困窮 by the agency
      intake('P-3', '2025-04-05T01:00:00Z', 'fukushi-ka', 'GRANTED', ['KODOMO']),
      intake('P-9', '2025-04-06T01:00:00Z', 'hello-work', 'GRANTED', []), // no field at all: not counted
    ];
    const householdOf = new Map([
      ['P-1', 'H-A'],
      ['P-2', 'H-A'],
      ['P-3', 'H-B'],
      ['P-9', 'H-C'],
    ]);
    const c = kase('C-9', '2025-05-01T01:00:00Z', {
      householdId: 'H-B',
      team: [
        { agencyId: 'soudan-aoba', role: 'SUPPORT' },
        { agencyId: 'shakyo-jiritsu', role: 'SUPPORT' },
      ],
    });
    const t = table(
      countStatistics(input({ intakes, householdOf, cases: [c] }), 0).tables,
      'householdFields',
    );
    expect(t.rows).toEqual(['介護', '障害', '子ども', '困窮']);
    expect(t.columns).toEqual(['1分野', '2分野', '3分野', '4分野']);
    // H-A: 介護 + 困窮 (2). H-B: 子ども + 障害 + 困窮 (3).
    expect(values(t)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [0, 1, 1, 0],
    ]);
    expect(t.rowTotals!.map((x) => x.value)).toEqual([1, 1, 1, 2]);
    expect(t.columnTotals!.map((x) => x.value)).toEqual([0, 1, 1, 0]); // households, once each
    expect(t.grandTotal!.value).toBe(2);
  });
});

describe('no personal data', () => {
  it('nothing in the result names a person, a household, a case, a plan or a meeting', () => {
    const intakes = [intake('P-77', '2025-04-03T01:00:00Z', 'houkatsu-kita', 'GRANTED', ['KAIGO'])];
    const text = JSON.stringify(
      countStatistics(input({ intakes, householdOf: new Map([['P-77', 'H-77']]) }), 3),
    );
    expect(text).not.toMatch(/\b(P|H|C|PL|M|S|SH|SC|SPL|SM)-[A-Z0-9]/);
  });
});
