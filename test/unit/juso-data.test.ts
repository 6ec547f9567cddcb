/** Who sees 重層 data itself: the case's team, and members of an open meeting for its agenda. */
import type { JusoAccessRequest, JusoDecision, JusoSubject } from '../../shared/access/juso-data';
import { decideJusoData } from '../../shared/access/juso-data';
import type { MeetingFacts, PersonFacts } from '../../shared/access/facts';
import { agencyById } from '../../town/agencies';

const caseSubject: JusoSubject = {
  kind: 'CASE',
  caseId: 'C-1',
  householdId: 'H-1',
  teamAgencyIds: ['takikan-shakyo'],
};
const person: PersonFacts = {
  id: 'P-1',
  dvSupport: false,
  householdId: 'H-1',
  consent: null,
  openCases: [{ id: 'C-1', householdId: 'H-1', teamAgencyIds: ['takikan-shakyo'] }],
};
const open: MeetingFacts = {
  id: 'M-1',
  kind: 'SHIEN_KAIGI',
  status: 'OPEN',
  memberAgencyIds: ['soudan-aoba'],
  agenda: [{ kind: 'CASE', id: 'C-1' }],
};

const rows: [string, Partial<JusoAccessRequest> & { who: string | null }, JusoDecision][] = [
  ['unauthenticated', { who: null, subject: caseSubject }, { effect: 'DENY', code: 'UNAUTHENTICATED' }],
  [
    'case: team member',
    { who: 'takikan-shakyo', subject: caseSubject },
    { effect: 'ALLOW', basis: 'CASE_TEAM' },
  ],
  ['case: not on team', { who: 'hello-work', subject: caseSubject }, { effect: 'DENY', code: 'NOT_ON_TEAM' }],
  [
    'case: meeting member, on agenda',
    { who: 'soudan-aoba', subject: caseSubject, meetingId: 'M-1', meeting: open },
    { effect: 'ALLOW', basis: 'MEETING_AGENDA' },
  ],
  [
    'case: meeting closed',
    { who: 'soudan-aoba', subject: caseSubject, meetingId: 'M-1', meeting: { ...open, status: 'CLOSED' } },
    { effect: 'DENY', code: 'MEETING_NOT_OPEN' },
  ],
  [
    'case: not a member',
    { who: 'hello-work', subject: caseSubject, meetingId: 'M-1', meeting: open },
    { effect: 'DENY', code: 'NOT_MEETING_MEMBER' },
  ],
  [
    'case: not on agenda',
    { who: 'soudan-aoba', subject: { ...caseSubject, caseId: 'C-2' }, meetingId: 'M-1', meeting: open },
    { effect: 'DENY', code: 'NOT_ON_AGENDA' },
  ],
  [
    'plan of a person alone on a 支援会議 agenda',
    {
      who: 'soudan-aoba',
      subject: { kind: 'PLAN', caseId: 'C-2', householdId: null, teamAgencyIds: [], personIds: ['P-9'] },
      meetingId: 'M-1',
      meeting: { ...open, agenda: [{ kind: 'PERSON', id: 'P-9' }] },
    },
    { effect: 'ALLOW', basis: 'MEETING_AGENDA' },
  ],
  [
    'consent state: team member',
    { who: 'takikan-shakyo', subject: { kind: 'CONSENT', person } },
    { effect: 'ALLOW', basis: 'CASE_TEAM' },
  ],
  [
    'consent state: others',
    { who: 'hello-work', subject: { kind: 'CONSENT', person } },
    { effect: 'DENY', code: 'NOT_ON_TEAM' },
  ],
  [
    'meeting: member',
    { who: 'soudan-aoba', subject: { kind: 'MEETING', meeting: open } },
    { effect: 'ALLOW', basis: 'MEETING_MEMBER' },
  ],
  [
    'meeting: non-member',
    { who: 'hello-work', subject: { kind: 'MEETING', meeting: open } },
    { effect: 'DENY', code: 'NOT_MEETING_MEMBER' },
  ],
  [
    'identity: anyone signed in',
    { who: 'hello-work', subject: { kind: 'IDENTITY', person: null, address: false } },
    { effect: 'ALLOW', basis: 'RESIDENT_REGISTRY' },
  ],
  [
    'address under DV support measure',
    {
      who: 'fukushi-ka',
      subject: { kind: 'IDENTITY', person: { ...person, dvSupport: true }, address: true },
    },
    { effect: 'DENY', code: 'ADDRESS_WITHHELD' },
  ],
  [
    'address unknown DV state',
    { who: 'fukushi-ka', subject: { kind: 'IDENTITY', person: null, address: true } },
    { effect: 'UNAVAILABLE', code: 'ACCESS_CHECK_UNAVAILABLE' },
  ],
];

describe('decideJusoData', () => {
  it.each(rows)('%s', (_name, r, expected) => {
    expect(
      decideJusoData({
        principal: r.who === null ? null : { staffId: 's', agency: agencyById(r.who)! },
        meetingId: r.meetingId ?? null,
        meeting: r.meeting ?? null,
        subject: r.subject as JusoSubject,
      }),
    ).toEqual(expected);
  });
});
