/** The workflow's rules and role table, pure: one `it` per rule. */
import { AGENCY_ROLES } from '../../shared/domain';
import type { AgencyRole } from '../../shared/domain';
import { WorkflowRefusal } from '../../subgraphs/juso/workflow/errors';
import type { WorkflowAction } from '../../subgraphs/juso/workflow/roles';
import { mayPerform, PLAN_AUTHOR, ROLE_TABLE } from '../../subgraphs/juso/workflow/roles';
import { checkReferralConsent } from '../../subgraphs/juso/workflow/case/rules';
import { checkConsentScope, checkIntakeAnswer } from '../../subgraphs/juso/workflow/consent/rules';
import { calendarDate, instant } from '../../subgraphs/juso/workflow/inputs';
import type { MeetingAtHand } from '../../subgraphs/juso/workflow/meeting/rules';
import {
  checkAgendaConsent,
  checkAttendance,
  checkMembers,
} from '../../subgraphs/juso/workflow/meeting/rules';
import {
  checkEnding,
  checkPlanContent,
  checkPlanVenue,
  checkReadyForReview,
  checkSuspension,
  componentsFor,
  planDecisionVenue,
} from '../../subgraphs/juso/workflow/plan/rules';

const codeOf = (c: WorkflowRefusal | null) => c?.code ?? null;
const thrownCode = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof WorkflowRefusal ? error.code : 'OTHER';
  }
};

describe('role table', () => {
  const who = (action: WorkflowAction) => AGENCY_ROLES.filter((r) => mayPerform(r, action));
  it('any agency takes an intake and refers (断らない), and may narrow or withdraw consent', () => {
    for (const action of ['RECORD_INTAKE', 'REFER_TO_TAKIKAN', 'NARROW_CONSENT', 'WITHDRAW_CONSENT'] as const)
      expect(who(action)).toEqual([...AGENCY_ROLES]);
  });
  it('consent is given on the forms of the consultation agencies, not at ハローワーク', () => {
    expect(who('GRANT_CONSENT')).not.toContain('OTHER');
    expect(who('WIDEN_CONSENT')).toEqual(who('GRANT_CONSENT'));
  });
  it('the municipality alone makes 支援決定, convenes 支援会議 and records its decisions', () => {
    for (const action of [
      'DECIDE_SUPPORT',
      'CONVENE_SHIEN_KAIGI',
      'DECIDE_AT_SHIEN_KAIGI',
      'OPEN_CASE_AT_SHIEN_KAIGI',
    ] as const)
      expect(who(action)).toEqual(['COORDINATOR']);
  });
  it('the 多機関協働事業者 drafts 多機関協働プラン and prepares 重層的支援会議 (with the municipality)', () => {
    expect(who('AUTHOR_TAKIKAN_PLAN')).toEqual(['TAKIKAN']);
    expect(who('CONVENE_JUSO_KAIGI').sort()).toEqual(['COORDINATOR', 'TAKIKAN']);
    expect(who('DECIDE_AT_JUSO_KAIGI').sort()).toEqual(['COORDINATOR', 'TAKIKAN']);
    expect(who('RETURN_CASE')).toEqual(['TAKIKAN']);
  });
  it('each plan kind has its own author', () => {
    expect(Object.entries(PLAN_AUTHOR).map(([kind, action]) => [kind, who(action)])).toEqual([
      ['TAKIKAN', ['TAKIKAN']],
      ['SANKA', ['SANKA']],
      ['OUTREACH', ['OUTREACH']],
    ]);
  });
  it('every row names only known roles', () => {
    for (const roles of Object.values(ROLE_TABLE) as readonly (readonly AgencyRole[])[])
      for (const r of roles) expect(AGENCY_ROLES).toContain(r);
  });
});

describe('consent rules', () => {
  const all = { fields: ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'] as const, coversTax: false };
  const scope = (fields: string[], coversTax = false) =>
    ({ fields, coversTax }) as Parameters<typeof checkConsentScope>[2];
  it('narrowing takes something away and adds nothing; to nothing is a withdrawal', () => {
    const current = scope([...all.fields], true);
    expect(codeOf(checkConsentScope('NARROW', current, scope(['KAIGO'], true)))).toBeNull();
    expect(codeOf(checkConsentScope('NARROW', current, scope([...all.fields], false)))).toBeNull();
    expect(codeOf(checkConsentScope('NARROW', current, scope([...all.fields], true)))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkConsentScope('NARROW', scope(['KAIGO']), scope(['KAIGO'], true)))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(checkConsentScope('NARROW', current, scope([])))).toBe('BAD_USER_INPUT');
  });
  it('widening adds something and takes nothing away', () => {
    const current = scope(['KAIGO']);
    expect(codeOf(checkConsentScope('WIDEN', current, scope(['KAIGO', 'SHOGAI'])))).toBeNull();
    expect(codeOf(checkConsentScope('WIDEN', current, scope(['KAIGO'], true)))).toBeNull();
    expect(codeOf(checkConsentScope('WIDEN', current, scope(['SHOGAI'])))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkConsentScope('WIDEN', current, scope(['KAIGO'])))).toBe('BAD_USER_INPUT');
  });
  it('同意しない and 不明 cover nothing; 同意する covers at least one field', () => {
    expect(codeOf(checkIntakeAnswer('GRANTED', scope(['KAIGO'])))).toBeNull();
    expect(codeOf(checkIntakeAnswer('GRANTED', scope([])))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkIntakeAnswer('REFUSED', scope([])))).toBeNull();
    expect(codeOf(checkIntakeAnswer('UNKNOWN', scope([], true)))).toBe('BAD_USER_INPUT');
  });
  it('referral needs everyone’s active consent and says where to go instead', () => {
    expect(checkReferralConsent([{ name: 'A', state: 'ACTIVE' }])).toBeNull();
    const r = checkReferralConsent([
      { name: 'A', state: 'ACTIVE' },
      { name: 'B', state: 'EXPIRED' },
    ]);
    expect(r?.code).toBe('CONSENT_REQUIRED_USE_SHIEN_KAIGI');
    expect(r?.reason).toMatch(/B has consent that has expired.*支援会議/);
  });
});

describe('plan rules', () => {
  const base = {
    personIds: ['P-1'],
    components: [],
    goals: ['g'],
    direction: 'd',
    roles: [{ agencyId: 'a', task: 't' }],
    monitoringDate: '2027-01-31',
  };
  it('an outreach plan is アウトリーチ等事業 and a 参加支援 plan 参加支援事業', () => {
    expect(componentsFor('OUTREACH', [])).toEqual(['OUTREACH']);
    expect(componentsFor('SANKA', ['OUTREACH'])).toEqual(['OUTREACH', 'SANKA']);
    expect(componentsFor('TAKIKAN', [])).toEqual([]);
  });
  it('a plan concerns people of its case and gives roles to the case team', () => {
    expect(checkPlanContent(base, ['P-1'], ['a'])).toBeNull();
    expect(codeOf(checkPlanContent({ ...base, personIds: [] }, ['P-1'], ['a']))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkPlanContent({ ...base, personIds: ['P-2'] }, ['P-1'], ['a']))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkPlanContent(base, ['P-1'], ['b']))).toBe('BAD_USER_INPUT');
  });
  it('a plan put to a meeting has goals, direction, roles and a monitoring date', () => {
    expect(checkReadyForReview(base)).toBeNull();
    for (const missing of [{ goals: [] }, { direction: '' }, { roles: [] }, { monitoringDate: null }])
      expect(codeOf(checkReadyForReview({ ...base, ...missing }))).toBe('BAD_USER_INPUT');
  });
  it('終結: complete 評価シート, つながり評価 1–4, a 主担当 from the team who is not 多機関協働', () => {
    const team = [
      { agencyId: 'tk', role: 'TAKIKAN' as const },
      { agencyId: 'f', role: 'FIELD' as const },
    ];
    const ending = {
      evaluation: { goalAttainment: 'a', outcome: 'b', followUp: 'c' },
      tsunagari: { motivation: 1, selfEsteem: 2, relationships: 3, socialParticipation: 4, consultation: 4 },
      mainContactAgencyId: 'f',
    };
    expect(checkEnding(ending, team)).toBeNull();
    expect(
      codeOf(checkEnding({ ...ending, evaluation: { ...ending.evaluation, followUp: null } }, team)),
    ).toBe('BAD_USER_INPUT');
    for (const score of [0, 5, 2.5])
      expect(
        codeOf(checkEnding({ ...ending, tsunagari: { ...ending.tsunagari, consultation: score } }, team)),
      ).toBe('BAD_USER_INPUT');
    expect(codeOf(checkEnding({ ...ending, mainContactAgencyId: 'tk' }, team))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkEnding({ ...ending, mainContactAgencyId: 'x' }, team))).toBe('BAD_USER_INPUT');
  });
  it('中断: two failed attempts since the person was last reached', () => {
    const a = (at: string, reached: boolean) => ({
      at,
      reached,
      method: 'VISIT' as const,
      note: null,
      staffId: 's',
      agencyId: 'a',
    });
    expect(codeOf(checkSuspension([]))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkSuspension([a('1', false)]))).toBe('BAD_USER_INPUT');
    expect(checkSuspension([a('1', false), a('2', false)])).toBeNull();
    expect(codeOf(checkSuspension([a('1', false), a('2', false), a('3', true)]))).toBe('BAD_USER_INPUT');
    // Order is by time, not by recording.
    expect(checkSuspension([a('3', false), a('1', true), a('2', false)])).toBeNull();
  });
});

describe('meeting rules', () => {
  it('where a plan is decided: consent → 重層的支援会議; none → 支援会議 for an outreach plan only', () => {
    expect(planDecisionVenue('TAKIKAN', true)).toBe('JUSO_KAIGI');
    expect(planDecisionVenue('OUTREACH', true)).toBe('JUSO_KAIGI');
    expect(planDecisionVenue('OUTREACH', false)).toBe('SHIEN_KAIGI');
    expect(planDecisionVenue('TAKIKAN', false)).toBeNull();
    expect(planDecisionVenue('SANKA', false)).toBeNull();
  });

  const meeting: MeetingAtHand = {
    id: 'M',
    kind: 'JUSO_KAIGI',
    status: 'OPEN',
    memberAgencyIds: ['tk'],
    agenda: [{ kind: 'CASE', id: 'C' }],
  };
  it.each([
    ['no meeting', null, meeting, 'tk', 'MEETING_REQUIRED'],
    ['closed', 'M', { ...meeting, status: 'CLOSED' as const }, 'tk', 'MEETING_NOT_OPEN'],
    ['unknown', 'M', null, 'tk', 'MEETING_NOT_OPEN'],
    ['not a member', 'M', meeting, 'x', 'NOT_MEETING_MEMBER'],
    ['open, a member', 'M', meeting, 'tk', null],
  ])('attendance: %s', (_name, meetingId, m, agencyId, code) => {
    expect(codeOf(checkAttendance(meetingId, m, agencyId))).toBe(code);
  });

  const args = {
    meeting,
    venue: 'JUSO_KAIGI' as const,
    plan: { personIds: ['P'] },
    caseRef: { id: 'C', householdId: 'H' },
    withoutConsent: [],
  };
  it.each([
    ['no consent, not outreach', { venue: null }, 'CONSENT_REQUIRED'],
    [
      'no consent, outreach, 重層的支援会議',
      { venue: 'SHIEN_KAIGI' as const },
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    ],
    [
      'consent, at a 支援会議',
      { meeting: { ...meeting, kind: 'SHIEN_KAIGI' as const } },
      'WRONG_MEETING_KIND',
    ],
    ['case not on the agenda', { caseRef: { id: 'C2', householdId: 'H2' } }, 'NOT_ON_AGENDA'],
    [
      'household on the agenda',
      { meeting: { ...meeting, agenda: [{ kind: 'HOUSEHOLD' as const, id: 'H' }] } },
      null,
    ],
    [
      'every person on the agenda',
      {
        meeting: { ...meeting, agenda: [{ kind: 'PERSON' as const, id: 'P' }] },
        caseRef: { id: 'C2', householdId: null },
      },
      null,
    ],
    ['fine', {}, null],
  ])('venue: %s', (_name, change, code) => {
    expect(codeOf(checkPlanVenue({ ...args, ...change }))).toBe(code);
  });

  it('a 重層的支援会議 agenda: a person only with consent; a case or household when someone in it consents', () => {
    const yes = { name: 'A', state: 'ACTIVE' as const };
    const no = { name: 'B', state: 'REFUSED' as const };
    expect(checkAgendaConsent('JUSO_KAIGI', { kind: 'PERSON', id: 'A' }, [yes])).toBeNull();
    expect(codeOf(checkAgendaConsent('JUSO_KAIGI', { kind: 'PERSON', id: 'B' }, [no]))).toBe(
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    );
    expect(checkAgendaConsent('JUSO_KAIGI', { kind: 'CASE', id: 'C' }, [yes, no])).toBeNull();
    expect(codeOf(checkAgendaConsent('JUSO_KAIGI', { kind: 'HOUSEHOLD', id: 'H' }, [no]))).toBe(
      'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    );
    expect(checkAgendaConsent('SHIEN_KAIGI', { kind: 'PERSON', id: 'B' }, [no])).toBeNull();
  });

  it('members: the convener; 福祉課 and 多機関協働 at a 重層的支援会議; 福祉課 at a 支援会議', () => {
    const f = { id: 'f', role: 'COORDINATOR' as const };
    const t = { id: 't', role: 'TAKIKAN' as const };
    expect(checkMembers('JUSO_KAIGI', [f, t], 't')).toBeNull();
    expect(codeOf(checkMembers('JUSO_KAIGI', [t], 't'))).toBe('BAD_USER_INPUT');
    expect(codeOf(checkMembers('JUSO_KAIGI', [f, t], 'x'))).toBe('BAD_USER_INPUT');
    expect(checkMembers('SHIEN_KAIGI', [f], 'f')).toBeNull();
    expect(codeOf(checkMembers('SHIEN_KAIGI', [t], 't'))).toBe('BAD_USER_INPUT');
  });
});

describe('inputs', () => {
  it('dates are real calendar dates; moments carry their zone', () => {
    expect(calendarDate('2027-02-28', 'd')).toBe('2027-02-28');
    expect(thrownCode(() => calendarDate('2027-02-30', 'd'))).toBe('BAD_USER_INPUT');
    expect(thrownCode(() => calendarDate('2027/02/28', 'd'))).toBe('BAD_USER_INPUT');
    expect(instant('2026-12-01T10:00:00+09:00', 't')).toBe('2026-12-01T01:00:00.000Z');
    expect(thrownCode(() => instant('2026-12-01T10:00:00', 't'))).toBe('BAD_USER_INPUT');
  });
});
