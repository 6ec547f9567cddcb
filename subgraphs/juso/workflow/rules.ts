/**
 * The workflow's rules beside the state machine, pure: what inputs must look like,
 * where a plan may be decided, what a meeting's agenda may hold, what 終結 and 中断
 * need. Each answers null (fine) or a refusal with its code and a plain message.
 */
import type { AgencyRole, WelfareField } from '../../../shared/domain';
import { WELFARE_FIELDS } from '../../../shared/domain';
import type {
  AgendaKind,
  ContactAttempt,
  MeetingKind,
  MeetingStatus,
  PlanComponent,
  PlanKind,
  TsunagariScores,
} from '../model';
import type { Check } from './errors';
import { invalidArgument, refuse } from './errors';
import type { ConsentState } from './machine';
import { planOnAgenda } from '../../../shared/access/juso-data';
import { isPastTokyoDay } from '../../../shared/town/calendar';

export const MAX_TEXT = 4000;
export const MAX_ITEMS = 50;

// ---------------------------------------------------------------- inputs

/** Trimmed text; refused when required and blank, or too long. */
export function text(value: string | null | undefined, name: string, required = true): string | null {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw invalidArgument(name, `${name} must not be blank`);
    return null;
  }
  if (trimmed.length > MAX_TEXT) throw invalidArgument(name, `${name} is longer than ${MAX_TEXT} characters`);
  return trimmed;
}

export function texts(values: readonly string[], name: string): string[] {
  if (values.length > MAX_ITEMS) throw invalidArgument(name, `${name}: at most ${MAX_ITEMS} entries`);
  return values.map((v, i) => text(v, `${name}[${i}]`) as string);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date, YYYY-MM-DD (monitoring dates). */
export function calendarDate(value: string, name: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw invalidArgument(name, `${name} must be a date (YYYY-MM-DD), not "${value}"`);
  return value;
}

/** A moment with its time zone, normalised to UTC ISO. */
export function instant(value: string, name: string): string {
  const t = Date.parse(value);
  if (!DATE_TIME.test(value) || Number.isNaN(t))
    throw invalidArgument(name, `${name} must be a date and time with zone (ISO 8601), not "${value}"`);
  return new Date(t).toISOString();
}

export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function welfareFields(values: readonly WelfareField[]): WelfareField[] {
  return WELFARE_FIELDS.filter((f) => values.includes(f));
}

// ---------------------------------------------------------------- consent

export interface ConsentScope {
  fields: WelfareField[];
  coversTax: boolean;
}

/** What each consent change must do to the scope in force. */
export function checkConsentScope(
  change: 'GRANT' | 'NARROW' | 'WIDEN',
  current: ConsentScope | null,
  next: ConsentScope,
): Check {
  if (next.fields.length === 0)
    return refuse(
      'BAD_USER_INPUT',
      change === 'NARROW'
        ? 'narrowing to no field at all is a withdrawal: use withdrawConsent'
        : 'consent must cover at least one field',
    );
  if (change === 'GRANT' || !current) return null;
  const removes = current.fields.filter((f) => !next.fields.includes(f));
  const adds = next.fields.filter((f) => !current.fields.includes(f));
  if (change === 'NARROW') {
    if (adds.length || (next.coversTax && !current.coversTax))
      return refuse(
        'BAD_USER_INPUT',
        `narrowing cannot add ${adds.join(', ') || 'tax information'}: use widenConsent`,
      );
    if (!removes.length && next.coversTax === current.coversTax)
      return refuse('BAD_USER_INPUT', 'narrowing must take away a field or tax information');
    return null;
  }
  if (removes.length || (!next.coversTax && current.coversTax))
    return refuse(
      'BAD_USER_INPUT',
      `widening cannot take away ${removes.join(', ') || 'tax information'}: use narrowConsent`,
    );
  if (!adds.length && next.coversTax === current.coversTax)
    return refuse('BAD_USER_INPUT', 'widening must add a field or tax information');
  return null;
}

/** The answer at intake and the scope given with it must agree. */
export function checkIntakeAnswer(answer: 'GRANTED' | 'REFUSED' | 'UNKNOWN', scope: ConsentScope): Check {
  if (answer === 'GRANTED') return checkConsentScope('GRANT', null, scope);
  if (scope.fields.length || scope.coversTax)
    return refuse(
      'BAD_USER_INPUT',
      `the answer was ${answer === 'REFUSED' ? '同意しない' : '不明'}: it covers no field and no tax information`,
    );
  return null;
}

/** An expiry is a calendar day in Japan time: one of today still holds through today. */
export function checkExpiry(expiresAt: string | null, now: Date): Check {
  if (expiresAt !== null && isPastTokyoDay(expiresAt, now))
    return refuse('BAD_USER_INPUT', 'consent cannot be recorded as already expired');
  return null;
}

const CONSENT_WORDS: Record<ConsentState, string> = {
  NONE: 'has never been asked for consent',
  ACTIVE: 'has consented',
  EXPIRED: 'has consent that has expired',
  REFUSED: 'has not consented (同意しない)',
  UNKNOWN: 'consent is unknown (不明)',
  WITHDRAWN: 'has withdrawn consent',
};

export function describeConsent(name: string, state: ConsentState): string {
  return `${name} ${CONSENT_WORDS[state]}`;
}

/**
 * 001 5-1)(4)②ア and 004 flow: 多機関協働 needs the person's consent; without it the
 * case goes to a 支援会議 (社会福祉法106条の6), which the municipality convenes.
 */
export function checkReferralConsent(people: { name: string; state: ConsentState }[]): Check {
  const missing = people.filter((p) => p.state !== 'ACTIVE');
  if (!missing.length) return null;
  return refuse(
    'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    `${missing.map((p) => describeConsent(p.name, p.state)).join('; ')}. ` +
      'Referral to 多機関協働 needs the person’s consent. Without it, ask 福祉課 to bring the case to a ' +
      '支援会議 (社会福祉法106条の6), where support can be discussed without consent.',
  );
}

// ---------------------------------------------------------------- plans

/** An outreach plan is アウトリーチ等事業, a 参加支援 plan is 参加支援事業: both need 支援決定. */
export function componentsFor(kind: PlanKind, components: readonly PlanComponent[]): PlanComponent[] {
  const implied: PlanComponent[] = kind === 'OUTREACH' ? ['OUTREACH'] : kind === 'SANKA' ? ['SANKA'] : [];
  return (['OUTREACH', 'SANKA'] as const).filter((c) => components.includes(c) || implied.includes(c));
}

export interface PlanContent {
  personIds: string[];
  components: PlanComponent[];
  goals: string[];
  direction: string;
  roles: { agencyId: string; task: string }[];
  monitoringDate: string | null;
}

/** A draft may be incomplete, but what it holds must make sense for its case. */
export function checkPlanContent(
  content: PlanContent,
  casePersonIds: readonly string[],
  teamAgencyIds: readonly string[],
): Check {
  if (!content.personIds.length) return refuse('BAD_USER_INPUT', 'a plan concerns at least one person');
  const strangers = content.personIds.filter((p) => !casePersonIds.includes(p));
  if (strangers.length) return refuse('BAD_USER_INPUT', `not people of this case: ${strangers.join(', ')}`);
  const outsiders = content.roles.filter((r) => !teamAgencyIds.includes(r.agencyId)).map((r) => r.agencyId);
  if (outsiders.length)
    return refuse(
      'BAD_USER_INPUT',
      `roles (役割分担) go to agencies on the case team; add ${distinct(outsiders).join(', ')} to the team first`,
    );
  return null;
}

/** 001 6-2)(5): the meeting reviews goals, direction, each agency's role and the monitoring date. */
export function checkReadyForReview(content: PlanContent): Check {
  const missing = [
    content.goals.length ? null : 'goals (目標)',
    content.direction ? null : 'direction (支援の方向性)',
    content.roles.length ? null : 'roles (役割分担)',
    content.monitoringDate ? null : 'monitoring date (モニタリングの時期)',
  ].filter((m): m is string => m !== null);
  return missing.length
    ? refuse('BAD_USER_INPUT', `a plan put to a meeting needs ${missing.join(', ')}`)
    : null;
}

export const TSUNAGARI_ITEMS = [
  'motivation',
  'selfEsteem',
  'relationships',
  'socialParticipation',
  'consultation',
] as const satisfies readonly (keyof TsunagariScores)[];

/** 終結 (001 5)(4)⑤): 評価シート, つながり評価シート, and one agency that stays 主担当. */
export function checkEnding(
  ending: {
    evaluation: { goalAttainment: string | null; outcome: string | null; followUp: string | null };
    tsunagari: TsunagariScores;
    mainContactAgencyId: string;
  },
  team: { agencyId: string; role: AgencyRole | null }[],
): Check {
  const e = ending.evaluation;
  if (!e.goalAttainment || !e.outcome || !e.followUp)
    return refuse(
      'BAD_USER_INPUT',
      '終結 needs the 評価シート: goal attainment, outcome and follow-up must all be filled in',
    );
  for (const item of TSUNAGARI_ITEMS) {
    const score = ending.tsunagari[item];
    if (!Number.isInteger(score) || score < 1 || score > 4)
      return refuse('BAD_USER_INPUT', `つながり評価 ${item} must be scored 1 to 4, not ${score}`);
  }
  const member = team.find((t) => t.agencyId === ending.mainContactAgencyId);
  if (!member) return refuse('BAD_USER_INPUT', `the 主担当 after 終結 must be an agency on the case team`);
  if (member.role === 'TAKIKAN')
    return refuse(
      'BAD_USER_INPUT',
      '多機関協働事業者 steps back at 終結: name another agency of the team as 主担当 (001 5)(4)⑤)',
    );
  return null;
}

/**
 * 中断 only "when all contact with the person is lost, after trying" (001 6-2)(4)※):
 * this many failed attempts since the person was last reached.
 */
export const MIN_FAILED_CONTACT_ATTEMPTS = 2;

export function failedAttemptsSinceContact(attempts: readonly ContactAttempt[]): number {
  let failed = 0;
  for (const a of [...attempts].sort((x, y) => x.at.localeCompare(y.at))) failed = a.reached ? 0 : failed + 1;
  return failed;
}

export function checkSuspension(attempts: readonly ContactAttempt[]): Check {
  const failed = failedAttemptsSinceContact(attempts);
  return failed >= MIN_FAILED_CONTACT_ATTEMPTS
    ? null
    : refuse(
        'BAD_USER_INPUT',
        `中断 is decided only after trying to reach the person: ${failed} failed contact attempt(s) ` +
          `recorded since the last contact, ${MIN_FAILED_CONTACT_ATTEMPTS} needed`,
      );
}

// ---------------------------------------------------------------- meetings

/**
 * Where a plan may be decided. With everyone's consent: 重層的支援会議. Without it, an
 * outreach plan may go to a 支援会議 (001 4)(5)①: 同意を得ていないため、いちばんいい会議
 * にてプランを諮ることはできません); other plans need consent first.
 */
export function planDecisionVenue(kind: PlanKind, everyoneConsented: boolean): MeetingKind | null {
  if (everyoneConsented) return 'JUSO_KAIGI';
  return kind === 'OUTREACH' ? 'SHIEN_KAIGI' : null;
}

export interface MeetingAtHand {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  memberAgencyIds: string[];
  agenda: { kind: AgendaKind; id: string }[];
}

/** The meeting a decision is taken at: the one the request acts in, open, the caller a member. */
export function checkAttendance(
  meetingId: string | null,
  meeting: MeetingAtHand | null,
  agencyId: string,
): Check {
  if (meetingId === null)
    return refuse(
      'MEETING_REQUIRED',
      'this is decided at a meeting: act in an open meeting (X-Meeting-Id) that has the case on its agenda',
    );
  if (!meeting || meeting.status !== 'OPEN') return refuse('MEETING_NOT_OPEN', 'the meeting is not open');
  if (!meeting.memberAgencyIds.includes(agencyId))
    return refuse('NOT_MEETING_MEMBER', 'your agency is not a member of this meeting');
  return null;
}

/** A plan decided at this meeting: the right kind of meeting for its people's consent, the case on its agenda. */
export function checkPlanVenue(args: {
  meeting: MeetingAtHand;
  venue: MeetingKind | null;
  plan: { personIds: string[] };
  caseRef: { id: string; householdId: string | null };
  withoutConsent: string[];
}): Check {
  const { meeting, venue } = args;
  if (venue === null)
    return refuse(
      'CONSENT_REQUIRED',
      `${args.withoutConsent.join(', ')}: no active consent. Only an outreach plan (アウトリーチ等プラン) can be ` +
        'discussed without consent, at a 支援会議; this plan needs consent first.',
    );
  if (venue !== meeting.kind)
    return venue === 'SHIEN_KAIGI'
      ? refuse(
          'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
          `${args.withoutConsent.join(', ')}: no active consent, so this plan cannot be put to a 重層的支援会議. ` +
            'An outreach plan for a person without consent may be discussed at a 支援会議 (社会福祉法106条の6).',
        )
      : refuse(
          'WRONG_MEETING_KIND',
          'the people of this plan have consented: plans are decided at a 重層的支援会議, not at a 支援会議',
        );
  // As decideJusoData reads a plan on an agenda: its case or household, or every one of its people.
  const onAgenda = planOnAgenda(meeting.agenda, {
    caseId: args.caseRef.id,
    householdId: args.caseRef.householdId,
    personIds: args.plan.personIds,
  });
  return onAgenda ? null : refuse('NOT_ON_AGENDA', 'the plan’s case is not on this meeting’s agenda');
}

/**
 * A 重層的支援会議 shares only within consent (003: 本人の同意が得られている事例): a person
 * without active consent cannot be on its agenda; a case or household can, when someone
 * in it has consented (the others' records stay withheld there, field by field).
 */
export function checkAgendaConsent(
  kind: MeetingKind,
  item: { kind: AgendaKind; id: string },
  people: { name: string; state: ConsentState }[],
): Check {
  if (kind === 'SHIEN_KAIGI') return null;
  const consenting = people.filter((p) => p.state === 'ACTIVE');
  if (
    item.kind === 'PERSON' ? consenting.length === people.length && people.length > 0 : consenting.length > 0
  )
    return null;
  const missing = people.filter((p) => p.state !== 'ACTIVE');
  return refuse(
    'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
    `${missing.map((p) => describeConsent(p.name, p.state)).join('; ') || `${item.id} has no one`}: ` +
      'a 重層的支援会議 discusses only people who consented. Put them on a 支援会議 (社会福祉法106条の6) agenda instead.',
  );
}

/**
 * 001 6-2)(2): 多機関協働事業者 and the municipality take part in every 重層的支援会議;
 * 001 6-1)(2): the municipality convenes and chairs every 支援会議.
 */
export function checkMembers(
  kind: MeetingKind,
  members: { id: string; role: AgencyRole }[],
  convenerAgencyId: string,
): Check {
  if (!members.some((m) => m.id === convenerAgencyId))
    return refuse('BAD_USER_INPUT', 'the convening agency must be a member of the meeting');
  const has = (role: AgencyRole) => members.some((m) => m.role === role);
  if (kind === 'JUSO_KAIGI' && !(has('COORDINATOR') && has('TAKIKAN')))
    return refuse(
      'BAD_USER_INPUT',
      'a 重層的支援会議 needs the municipality (福祉課) and the 多機関協働事業者 among its members',
    );
  if (kind === 'SHIEN_KAIGI' && !has('COORDINATOR'))
    return refuse(
      'BAD_USER_INPUT',
      'a 支援会議 is chaired by the municipality (福祉課): it must be a member',
    );
  return null;
}

/**
 * DOMAIN.md "Who may change the rules' inputs": a meeting's members and agenda — and so its
 * opening and closing — are set by the agency that convened it, or by 福祉課 (001 6-1)(2),
 * 6-2)(3)). Another member, even one whose role could convene, cannot add itself or a
 * person to someone else's meeting. Meetings from before `convenedByAgencyId` was kept
 * are 福祉課's alone.
 */
export function checkConvener(
  convenedByAgencyId: string | null,
  caller: { id: string; role: AgencyRole },
): Check {
  if (caller.role === 'COORDINATOR' || (convenedByAgencyId !== null && convenedByAgencyId === caller.id))
    return null;
  return refuse('FORBIDDEN_ACTION', 'only the convening agency or 福祉課 changes a meeting');
}
