/**
 * The decision, rule by rule and code by code, as a table a reviewer can hold against
 * DOMAIN.md ("The access rules the gateway enforces").
 */
import type { AccessRequest, Decision } from '../../shared/access/decide';
import { decide } from '../../shared/access/decide';
import type { ConsentFacts, MeetingFacts, PersonFacts, Principal } from '../../shared/access/facts';
import type { SensitivityClass, WelfareField } from '../../shared/domain';
import { agencyById } from '../../town/agencies';

const NOW = new Date('2026-11-22T10:00:00Z');

const staff = (agencyId: string): Principal => ({ staffId: `s-${agencyId}`, agency: agencyById(agencyId)! });
const consent = (c: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'P-1#1',
  status: 'GRANTED',
  fields: ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'],
  coversTax: false,
  expiresAt: '2027-03-31T00:00:00Z',
  withdrawnAt: null,
  ...c,
});
const person = (p: Partial<PersonFacts> = {}): PersonFacts => ({
  id: 'P-1',
  dvSupport: false,
  householdId: 'H-1',
  consent: consent(),
  openCases: [{ id: 'C-1', householdId: 'H-1', teamAgencyIds: ['takikan-shakyo', 'fukushi-ka'] }],
  ...p,
});
const meeting = (m: Partial<MeetingFacts> = {}): MeetingFacts => ({
  id: 'M-1',
  kind: 'JUSO_KAIGI',
  status: 'OPEN',
  memberAgencyIds: ['takikan-shakyo', 'fukushi-ka'],
  agenda: [{ kind: 'CASE', id: 'C-1' }],
  ...m,
});

interface Row {
  rule: string;
  who: string | null;
  field?: WelfareField;
  cls?: SensitivityClass;
  person?: PersonFacts | null;
  meeting?: MeetingFacts | null | undefined;
  inMeeting?: boolean;
  expect: Decision;
}

const allow = (
  basis: 'OWN_FIELD' | 'CONSENT' | 'SOCIAL_WELFARE_ACT_106_6',
  consentId: string | null = null,
): Decision => ({
  effect: 'ALLOW',
  basis,
  consentId,
});
const deny = (code: Extract<Decision, { effect: 'DENY' }>['code']): Decision => ({ effect: 'DENY', code });
const UNAVAILABLE: Decision = { effect: 'UNAVAILABLE', code: 'ACCESS_CHECK_UNAVAILABLE' };

const rows: Row[] = [
  // Rule 1: no valid token.
  { rule: '1 no token', who: null, expect: deny('UNAUTHENTICATED') },
  // Rule 2: DV support measure → address withheld for everyone, even the agency's own field.
  {
    rule: '2 DV address, other agency',
    who: 'takikan-shakyo',
    cls: 'ADDRESS',
    person: person({ dvSupport: true }),
    expect: deny('ADDRESS_WITHHELD'),
  },
  {
    rule: '2 DV address, own field',
    who: 'houkatsu-kita',
    cls: 'ADDRESS',
    person: person({ dvSupport: true }),
    expect: deny('ADDRESS_WITHHELD'),
  },
  {
    rule: '2 DV address, facts unreadable',
    who: 'houkatsu-kita',
    cls: 'ADDRESS',
    person: null,
    expect: UNAVAILABLE,
  },
  {
    rule: '2 address without DV follows the other rules',
    who: 'houkatsu-kita',
    cls: 'ADDRESS',
    expect: allow('OWN_FIELD'),
  },
  // Rule 3: own field, whatever consent and meeting say.
  {
    rule: '3 own field',
    who: 'houkatsu-kita',
    person: person({ consent: null, openCases: [] }),
    expect: allow('OWN_FIELD'),
  },
  {
    rule: '3 own field, tax too',
    who: 'shakyo-jiritsu',
    field: 'KONKYU',
    cls: 'TAX',
    person: person({ consent: null }),
    expect: allow('OWN_FIELD'),
  },
  {
    rule: '3 own field, child protection too',
    who: 'kodomo-center',
    field: 'KODOMO',
    cls: 'CHILD_PROTECTION',
    expect: allow('OWN_FIELD'),
  },
  { rule: '3 own field needs no facts', who: 'houkatsu-kita', person: null, expect: allow('OWN_FIELD') },
  {
    rule: '3 own field even in a closed meeting',
    who: 'houkatsu-kita',
    inMeeting: true,
    meeting: meeting({ status: 'CLOSED' }),
    expect: allow('OWN_FIELD'),
  },
  // Rule 4: in a meeting.
  {
    rule: '4 meeting does not exist',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: null,
    expect: deny('MEETING_NOT_OPEN'),
  },
  {
    rule: '4 meeting closed',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting({ status: 'CLOSED' }),
    expect: deny('MEETING_NOT_OPEN'),
  },
  {
    rule: '4 meeting only scheduled',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting({ status: 'SCHEDULED' }),
    expect: deny('MEETING_NOT_OPEN'),
  },
  {
    rule: '4 meeting facts unreadable',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: undefined,
    expect: UNAVAILABLE,
  },
  {
    rule: '4 not a member',
    who: 'hello-work',
    inMeeting: true,
    meeting: meeting(),
    expect: deny('NOT_MEETING_MEMBER'),
  },
  {
    rule: '4 not on the agenda',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting({ agenda: [{ kind: 'CASE', id: 'C-9' }] }),
    expect: deny('NOT_ON_AGENDA'),
  },
  {
    rule: '4 on the agenda through the household',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting({ agenda: [{ kind: 'HOUSEHOLD', id: 'H-1' }] }),
    expect: allow('CONSENT', 'P-1#1'),
  },
  {
    rule: '4 on the agenda directly',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting({ agenda: [{ kind: 'PERSON', id: 'P-1' }] }),
    expect: allow('CONSENT', 'P-1#1'),
  },
  {
    rule: '4 on the agenda only through a closed case does not count',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ openCases: [] }),
    meeting: meeting(),
    expect: deny('NOT_ON_AGENDA'),
  },
  // Rule 4, 支援会議 (社会福祉法106条の6): no consent needed, except for tax.
  {
    rule: '4 支援会議 without consent',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: consent({ status: 'REFUSED' }) }),
    meeting: meeting({ kind: 'SHIEN_KAIGI' }),
    expect: allow('SOCIAL_WELFARE_ACT_106_6'),
  },
  {
    rule: '4 支援会議 child protection',
    who: 'takikan-shakyo',
    cls: 'CHILD_PROTECTION',
    field: 'KODOMO',
    inMeeting: true,
    person: person({ consent: null }),
    meeting: meeting({ kind: 'SHIEN_KAIGI' }),
    expect: allow('SOCIAL_WELFARE_ACT_106_6'),
  },
  {
    rule: '4 支援会議 tax without consent',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    inMeeting: true,
    person: person({ consent: null }),
    meeting: meeting({ kind: 'SHIEN_KAIGI' }),
    expect: deny('TAX_CONSENT_REQUIRED'),
  },
  {
    rule: '4 支援会議 tax with consent not covering tax',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    inMeeting: true,
    meeting: meeting({ kind: 'SHIEN_KAIGI' }),
    expect: deny('TAX_CONSENT_REQUIRED'),
  },
  {
    rule: '4 支援会議 tax with consent covering tax',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    inMeeting: true,
    person: person({ consent: consent({ coversTax: true }) }),
    meeting: meeting({ kind: 'SHIEN_KAIGI' }),
    expect: allow('CONSENT', 'P-1#1'),
  },
  // Rule 4, 重層的支援会議: within the person's consent.
  {
    rule: '4 重層的支援会議 with consent',
    who: 'takikan-shakyo',
    inMeeting: true,
    meeting: meeting(),
    expect: allow('CONSENT', 'P-1#1'),
  },
  {
    rule: '4 重層的支援会議 consent refused',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: consent({ status: 'REFUSED' }) }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 consent unknown',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: consent({ status: 'UNKNOWN' }) }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 never asked',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: null }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 consent withdrawn',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: consent({ status: 'WITHDRAWN', withdrawnAt: '2026-10-01T00:00:00Z' }) }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 consent expired',
    who: 'takikan-shakyo',
    inMeeting: true,
    person: person({ consent: consent({ expiresAt: '2026-01-01T00:00:00Z' }) }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 consent not covering the field',
    who: 'takikan-shakyo',
    field: 'SHOGAI',
    inMeeting: true,
    person: person({ consent: consent({ fields: ['KAIGO'] }) }),
    meeting: meeting(),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 tax not covered',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    inMeeting: true,
    meeting: meeting(),
    expect: deny('TAX_CONSENT_REQUIRED'),
  },
  {
    rule: '4 重層的支援会議 tax covered',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    inMeeting: true,
    person: person({ consent: consent({ coversTax: true }) }),
    meeting: meeting(),
    expect: allow('CONSENT', 'P-1#1'),
  },
  {
    rule: '4 重層的支援会議 child protection never on consent',
    who: 'takikan-shakyo',
    field: 'KODOMO',
    cls: 'CHILD_PROTECTION',
    inMeeting: true,
    meeting: meeting(),
    expect: deny('FORBIDDEN'),
  },
  // Rule 5: outside meetings: the case team, within consent.
  { rule: '5 team member with consent', who: 'takikan-shakyo', expect: allow('CONSENT', 'P-1#1') },
  { rule: '5 not on the team', who: 'hello-work', expect: deny('NOT_ON_TEAM') },
  {
    rule: '5 team of a closed case does not count',
    who: 'takikan-shakyo',
    person: person({ openCases: [] }),
    expect: deny('NOT_ON_TEAM'),
  },
  {
    rule: '5 team member without consent',
    who: 'takikan-shakyo',
    person: person({ consent: consent({ status: 'REFUSED' }) }),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '5 team member, consent not covering the field',
    who: 'takikan-shakyo',
    field: 'SHOGAI',
    person: person({ consent: consent({ fields: ['KAIGO'] }) }),
    expect: deny('CONSENT_REQUIRED'),
  },
  {
    rule: '5 team member, tax not covered',
    who: 'takikan-shakyo',
    field: 'KONKYU',
    cls: 'TAX',
    expect: deny('TAX_CONSENT_REQUIRED'),
  },
  {
    rule: '5 team member, child protection',
    who: 'takikan-shakyo',
    field: 'KODOMO',
    cls: 'CHILD_PROTECTION',
    expect: deny('FORBIDDEN'),
  },
  { rule: '5 facts unreadable', who: 'takikan-shakyo', person: null, expect: UNAVAILABLE },
];

describe('decide: DOMAIN.md rules 1–5 in order', () => {
  it.each(rows)('rule $rule', (row) => {
    const request: AccessRequest = {
      principal: row.who === null ? null : staff(row.who),
      meetingId: row.inMeeting ? 'M-1' : null,
      meeting: row.inMeeting ? row.meeting : null,
      person: row.person === undefined ? person() : row.person,
      personId: 'P-1',
      field: row.field ?? 'KAIGO',
      cls: row.cls ?? 'GENERAL',
      now: NOW,
    };
    expect(decide(request)).toEqual(row.expect);
  });

  it('covers every code of the public contract', () => {
    const codes = new Set(rows.map((r) => (r.expect.effect === 'ALLOW' ? null : r.expect.code)));
    for (const code of [
      'UNAUTHENTICATED',
      'CONSENT_REQUIRED',
      'NOT_ON_TEAM',
      'NOT_MEETING_MEMBER',
      'MEETING_NOT_OPEN',
      'NOT_ON_AGENDA',
      'TAX_CONSENT_REQUIRED',
      'ADDRESS_WITHHELD',
      'FORBIDDEN',
    ]) {
      expect(codes).toContain(code);
    }
  });
});
