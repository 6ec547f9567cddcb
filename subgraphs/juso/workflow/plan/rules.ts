/**
 * The plan rules, pure: content, readiness for a meeting, 終結, 中断, and where a plan may
 * be decided. Each answers null (fine) or a refusal with its code and a plain message.
 */
import type { AgencyRole } from '../../../../shared/domain';
import { planOnAgenda } from '../../../../shared/access/juso-data';
import type { ContactAttempt, MeetingKind, PlanComponent, PlanKind, TsunagariScores } from '../../model';
import type { Check } from '../errors';
import { refuse } from '../errors';
import { distinct } from '../inputs';
import type { MeetingAtHand } from '../meeting/rules';

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

/**
 * Where a plan may be decided. With everyone's consent: 重層的支援会議. Without it, an
 * outreach plan may go to a 支援会議 (001 4)(5)①: 同意を得ていないため、いちばんいい会議
 * にてプランを諮ることはできません); other plans need consent first.
 */
export function planDecisionVenue(kind: PlanKind, everyoneConsented: boolean): MeetingKind | null {
  if (everyoneConsented) return 'JUSO_KAIGI';
  return kind === 'OUTREACH' ? 'SHIEN_KAIGI' : null;
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
