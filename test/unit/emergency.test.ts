/**
 * 緊急時の閲覧, rule by rule: the decision (shared/access/decide.ts rule 3a), the window's
 * own rules (subgraphs/juso/emergency/rules.ts) and the town's policy.
 */
import type { AccessRequest, Decision } from '../../shared/access/decide';
import { decide } from '../../shared/access/decide';
import type { EmergencyFacts } from '../../shared/access/emergency';
import type { PersonFacts, Principal } from '../../shared/access/facts';
import type { SensitivityClass, WelfareField } from '../../shared/domain';
import { agencyById } from '../../town/agencies';
import type { EmergencyWindowDoc } from '../../subgraphs/juso/emergency/model';
import {
  checkMayOpen,
  DEFAULT_POLICY,
  emergencyPolicy,
  endedAt,
  isOverdue,
  windowHours,
  windowReason,
  windowStatus,
} from '../../subgraphs/juso/emergency/rules';

const NOW = new Date('2026-12-02T13:00:00Z'); // 22:00 JST

const staff = (agencyId: string, staffId = `s-${agencyId}`): Principal => ({
  staffId,
  agency: agencyById(agencyId)!,
});
const OUTREACH = staff('outreach-shakyo', 's-outreach-01');

/** A person with no consent and no case: only the window can open their records. */
const person = (p: Partial<PersonFacts> = {}): PersonFacts => ({
  id: 'P-1',
  dvSupport: false,
  householdId: 'H-1',
  consent: null,
  openCases: [],
  ...p,
});

const window = (w: Partial<EmergencyFacts> = {}): EmergencyFacts => ({
  id: 'EA-1',
  personId: 'P-1',
  staffId: 's-outreach-01',
  agencyId: 'outreach-shakyo',
  openedAt: '2026-12-02T12:00:00Z',
  expiresAt: '2026-12-02T14:00:00Z',
  closedAt: null,
  ...w,
});

function ask(over: {
  who?: Principal;
  field?: WelfareField;
  cls?: SensitivityClass;
  personId?: string;
  person?: PersonFacts | null;
  emergency?: EmergencyFacts | null | undefined;
  emergencyId?: string | null;
}): Decision {
  const r: AccessRequest = {
    principal: over.who ?? OUTREACH,
    meetingId: null,
    meeting: null,
    emergencyId: over.emergencyId === undefined ? 'EA-1' : over.emergencyId,
    emergency: 'emergency' in over ? over.emergency : window(),
    person: over.person === undefined ? person() : over.person,
    personId: over.personId ?? 'P-1',
    field: over.field ?? 'KAIGO',
    cls: over.cls ?? 'GENERAL',
    now: NOW,
  };
  return decide(r);
}

const EMERGENCY: Decision = { effect: 'ALLOW', basis: 'EMERGENCY', consentId: null };
const deny = (code: Extract<Decision, { effect: 'DENY' }>['code']): Decision => ({ effect: 'DENY', code });

describe('rule 3a: acting in an emergency access window', () => {
  it.each(['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'] as const)('opens %s of the window’s person', (field) => {
    expect(ask({ field })).toEqual(EMERGENCY);
  });

  it('never opens tax-derived data (地方税法22条): the ordinary rules answer', () => {
    expect(ask({ field: 'KONKYU', cls: 'TAX' })).toEqual(deny('NOT_ON_TEAM'));
    // With a case role and consent covering tax, consent (not the window) is the basis.
    const withTax = person({
      consent: {
        id: 'P-1#1',
        status: 'GRANTED',
        fields: ['KONKYU'],
        coversTax: true,
        expiresAt: null,
        withdrawnAt: null,
      },
      openCases: [{ id: 'C-1', householdId: 'H-1', teamAgencyIds: ['outreach-shakyo'] }],
    });
    expect(ask({ field: 'KONKYU', cls: 'TAX', person: withTax })).toEqual({
      effect: 'ALLOW',
      basis: 'CONSENT',
      consentId: 'P-1#1',
    });
  });

  it('never opens a child-protection record', () => {
    expect(ask({ field: 'KODOMO', cls: 'CHILD_PROTECTION' })).toEqual(deny('NOT_ON_TEAM'));
    const onTeam = person({
      openCases: [{ id: 'C-1', householdId: 'H-1', teamAgencyIds: ['outreach-shakyo'] }],
    });
    expect(ask({ field: 'KODOMO', cls: 'CHILD_PROTECTION', person: onTeam })).toEqual(deny('FORBIDDEN'));
  });

  it('never opens a DV-protected address (rule 2 comes first)', () => {
    expect(ask({ cls: 'ADDRESS', person: person({ dvSupport: true }) })).toEqual(deny('ADDRESS_WITHHELD'));
    expect(ask({ cls: 'ADDRESS' })).toEqual(EMERGENCY);
  });

  it('gives nothing about another person: their ordinary rules answer', () => {
    expect(ask({ personId: 'P-2', person: person({ id: 'P-2' }) })).toEqual(deny('NOT_ON_TEAM'));
  });

  it('an expired window reads as not open, to the second', () => {
    expect(ask({ emergency: window({ expiresAt: NOW.toISOString() }) })).toEqual(
      deny('EMERGENCY_ACCESS_NOT_OPEN'),
    );
    expect(ask({ emergency: window({ expiresAt: new Date(NOW.getTime() + 1000).toISOString() }) })).toEqual(
      EMERGENCY,
    );
  });

  it('a closed window reads as not open', () => {
    expect(ask({ emergency: window({ closedAt: '2026-12-02T12:30:00Z' }) })).toEqual(
      deny('EMERGENCY_ACCESS_NOT_OPEN'),
    );
  });

  it('someone else’s window id gives nothing, in another agency or the same one', () => {
    expect(ask({ field: 'SHOGAI', who: staff('houkatsu-kita', 's-kita-01') })).toEqual(
      deny('EMERGENCY_ACCESS_NOT_OPEN'),
    );
    expect(ask({ who: staff('outreach-shakyo', 's-outreach-02') })).toEqual(
      deny('EMERGENCY_ACCESS_NOT_OPEN'),
    );
  });

  it('a made-up id (no such window) reads the same as an expired one', () => {
    expect(ask({ emergency: null })).toEqual(deny('EMERGENCY_ACCESS_NOT_OPEN'));
  });

  it('facts that could not be read fail closed', () => {
    expect(ask({ emergency: undefined })).toEqual({
      effect: 'UNAVAILABLE',
      code: 'ACCESS_CHECK_UNAVAILABLE',
    });
  });

  it('own field needs no window and is not changed by one', () => {
    expect(ask({ field: 'KAIGO', who: staff('houkatsu-kita', 's-kita-01') })).toEqual({
      effect: 'ALLOW',
      basis: 'OWN_FIELD',
      consentId: null,
    });
  });

  it('without the header nothing changes', () => {
    expect(ask({ emergencyId: null })).toEqual(deny('NOT_ON_TEAM'));
  });
});

const doc = (w: Partial<EmergencyWindowDoc> = {}): EmergencyWindowDoc => ({
  _id: 'EA-1',
  personId: 'P-1',
  staffId: 's-outreach-01',
  agencyId: 'outreach-shakyo',
  reasonCategory: 'ABUSE',
  reason: '夜間の訪問で虐待の疑い',
  openedAt: '2026-12-02T12:00:00Z',
  expiresAt: '2026-12-02T14:00:00Z',
  closedAt: null,
  review: null,
  restrictionLiftedAt: null,
  version: 1,
  history: [],
  ...w,
});

describe('the window’s own rules', () => {
  it('lasts 2 hours by default, at most the town’s limit, never more than 24', () => {
    expect(windowHours(undefined, DEFAULT_POLICY)).toBe(2);
    expect(windowHours(24, DEFAULT_POLICY)).toBe(24);
    for (const bad of [0, -1, 24.5, Number.NaN]) expect(() => windowHours(bad, DEFAULT_POLICY)).toThrow();
    expect(emergencyPolicy({ EMERGENCY_MAX_HOURS: '48' }).maxHours).toBe(24);
    expect(emergencyPolicy({ EMERGENCY_MAX_HOURS: '4', EMERGENCY_DEFAULT_HOURS: '8' })).toMatchObject({
      maxHours: 4,
      defaultHours: 4,
    });
    expect(() => emergencyPolicy({ EMERGENCY_REVIEW_DAYS: 'soon' })).toThrow(/EMERGENCY_REVIEW_DAYS/);
  });

  it('needs a written reason of bounded length', () => {
    expect(() => windowReason('  ')).toThrow();
    expect(() => windowReason('あ'.repeat(501))).toThrow();
    expect(windowReason(' 安否確認 ')).toBe('安否確認');
  });

  it('is open, then awaiting review, then reviewed; overdue after the review days', () => {
    expect(windowStatus(doc(), NOW)).toBe('OPEN');
    expect(endedAt(doc(), NOW)).toBeNull();
    const later = new Date('2026-12-02T15:00:00Z');
    expect(windowStatus(doc(), later)).toBe('AWAITING_REVIEW');
    expect(endedAt(doc(), later)).toBe('2026-12-02T14:00:00Z');
    expect(isOverdue(doc(), new Date('2026-12-09T13:59:00Z'), DEFAULT_POLICY)).toBe(false);
    expect(isOverdue(doc(), new Date('2026-12-09T14:01:00Z'), DEFAULT_POLICY)).toBe(true);
    const reviewed = doc({
      review: {
        verdict: 'APPROPRIATE',
        note: 'ok',
        reviewedAt: '',
        reviewerStaffId: '',
        reviewerAgencyId: '',
      },
    });
    expect(windowStatus(reviewed, later)).toBe('REVIEWED');
    expect(isOverdue(reviewed, new Date('2027-01-01T00:00:00Z'), DEFAULT_POLICY)).toBe(false);
  });

  it('is refused to OTHER and SANKA agencies', () => {
    expect(checkMayOpen('OTHER', [], NOW, DEFAULT_POLICY)?.code).toBe('FORBIDDEN_ACTION');
    expect(checkMayOpen('SANKA', [], NOW, DEFAULT_POLICY)?.code).toBe('FORBIDDEN_ACTION');
    for (const role of ['FIELD', 'TAKIKAN', 'OUTREACH', 'COORDINATOR'] as const)
      expect(checkMayOpen(role, [], NOW, DEFAULT_POLICY)).toBeNull();
  });

  it('is refused to a staff member holding M = 2 open windows, not to one holding 1', () => {
    expect(checkMayOpen('OUTREACH', [doc()], NOW, DEFAULT_POLICY)).toBeNull();
    expect(checkMayOpen('OUTREACH', [doc(), doc({ _id: 'EA-2' })], NOW, DEFAULT_POLICY)?.code).toBe(
      'EMERGENCY_ACCESS_RESTRICTED',
    );
    // Ended windows do not count.
    expect(
      checkMayOpen(
        'OUTREACH',
        [doc(), doc({ _id: 'EA-2', closedAt: '2026-12-02T12:10:00Z' })],
        NOW,
        DEFAULT_POLICY,
      ),
    ).toBeNull();
  });

  it('is refused after a window judged 不適切, until 福祉課 lifts the restriction', () => {
    const judged = doc({
      closedAt: '2026-12-01T00:00:00Z',
      review: {
        verdict: 'INAPPROPRIATE',
        note: '緊急性なし',
        reviewedAt: '',
        reviewerStaffId: '',
        reviewerAgencyId: '',
      },
    });
    expect(checkMayOpen('OUTREACH', [judged], NOW, DEFAULT_POLICY)?.code).toBe('EMERGENCY_ACCESS_RESTRICTED');
    expect(
      checkMayOpen(
        'OUTREACH',
        [{ ...judged, restrictionLiftedAt: '2026-12-02T00:00:00Z' }],
        NOW,
        DEFAULT_POLICY,
      ),
    ).toBeNull();
  });
});
