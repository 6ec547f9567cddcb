/**
 * Cases: referral to 多機関協働, a case opened at a 支援会議, assessment, team, return.
 * Checks in a fixed order (visibility, role, version, machine, rules), then exactly one
 * write of the case, carrying its own history entry.
 */
import { isOnAgenda } from '../../../../shared/access/facts';
import { consentUsedByRule } from '../../access';
import type { JusoContext } from '../../context';
import type {
  MutationAddTeamMemberArgs,
  MutationOpenCaseAtShienKaigiArgs,
  MutationRecordAssessmentArgs,
  MutationReferToTakikanArgs,
  MutationResolvers,
  MutationReturnCaseArgs,
} from '../../generated/graphql';
import type { AssessmentRecord, CaseDoc, PersonDoc, PlanStatus } from '../../model';
import { visibleCase } from '../../visibility';
import { raise, refuse } from '../errors';
import { agencies, agencyOf, allow, forgetPerson, legal, onTeam, people, r, remember } from '../common';
import { consentStates } from '../consent/mutations';
import { meetingAtHand } from '../meeting/mutations';
import { distinct, text, texts } from '../inputs';
import type { WorkflowAction } from '../roles';
import { actor, checkVersion, historyEntry, insertNew, newId, writeVersioned } from '../writes';
import { caseTransition } from './machine';
import { checkReferralConsent } from './rules';

const householdOf = (persons: PersonDoc[]): string | null => {
  const ids = distinct(persons.map((p) => p.householdId));
  return ids.length === 1 ? (ids[0] ?? null) : null;
};

async function householdFor(ctx: JusoContext, persons: PersonDoc[], given: string | null | undefined) {
  if (!given) return householdOf(persons);
  const household = await ctx.loaders.households.load(given);
  const outside = persons.filter((p) => !household?.memberIds.includes(p._id)).map((p) => p._id);
  if (!household || outside.length)
    throw refuse('BAD_USER_INPUT', `household ${given} does not hold ${outside.join(', ') || 'them'}`);
  return given;
}

function caseWritten(ctx: JusoContext, doc: CaseDoc): CaseDoc {
  for (const p of doc.personIds) forgetPerson(ctx, p);
  if (doc.householdId) ctx.loaders.casesByHousehold.clear(doc.householdId);
  return remember(ctx.loaders.cases, doc);
}

async function referToTakikan(ctx: JusoContext, { input }: MutationReferToTakikanArgs): Promise<CaseDoc> {
  allow(ctx, 'REFER_TO_TAKIKAN');
  const ids = distinct(input.personIds);
  if (!ids.length) throw refuse('BAD_USER_INPUT', 'a referral names at least one person');
  const persons = await people(ctx, ids);
  const title = text(input.title, 'title') as string;
  const householdId = await householdFor(ctx, persons, input.householdId);
  const me = agencyOf(ctx).id;
  const states = await consentStates(ctx, persons);
  // 001 5)(1) 支援関係機関等からつながれた事例: the referring agency is the one the person
  // consulted. Its agency took the consent in force (its 受付シート), or it already has a role
  // on a case with the person. Checked before consent state is looked at, so a refusal here
  // says nothing about it; otherwise any agency could refer anyone and join the new team.
  const cases = await ctx.loaders.casesByPerson.loadMany(ids);
  const unrelated = ids.filter((id, i) => {
    const own = states[i]?.current?.takenByAgencyId === me;
    const found = cases[i];
    const onACase = Array.isArray(found) && found.some((c) => c.team.some((t) => t.agencyId === me));
    return !own && !onACase;
  });
  if (unrelated.length)
    throw refuse(
      'FORBIDDEN_ACTION',
      `your agency neither took the consent of nor has a case role with ${unrelated.join(', ')}`,
    );
  const intakeIds = distinct(input.intakeIds);
  if (intakeIds.length) {
    const found = await ctx.repo.consents().find({ _id: { $in: intakeIds } });
    const ok = (id: string) =>
      found.some((c) => c._id === id && !!c.consultation && ids.includes(c.personId));
    const bad = intakeIds.filter((id) => !ok(id));
    if (bad.length) throw refuse('BAD_USER_INPUT', `not an intake of these people: ${bad.join(', ')}`);
  }
  consentUsedByRule(ctx.access, { rule: 'REFERRAL', subjectId: null, personIds: ids });
  raise(checkReferralConsent(states));
  const town = await ctx.repo
    .agencies()
    .find({ role: { $in: ['COORDINATOR', 'TAKIKAN'] } }, { sort: { _id: 1 } });
  const coordinator = town.find((a) => a.role === 'COORDINATOR');
  const takikan = town.find((a) => a.role === 'TAKIKAN');
  if (!coordinator || !takikan)
    throw refuse('BAD_USER_INPUT', 'the town has no 多機関協働事業者 or 福祉課 registered to refer to');
  const team: CaseDoc['team'] = [
    { agencyId: coordinator._id, role: 'COORDINATOR' },
    { agencyId: takikan._id, role: 'PLANNER' },
  ];
  if (!team.some((t) => t.agencyId === me)) team.push({ agencyId: me, role: 'MAIN_CONTACT' });
  const doc: CaseDoc = {
    _id: newId('C'),
    title,
    status: 'OPEN',
    householdId,
    personIds: ids,
    team,
    referredBy: me,
    openedAt: ctx.now.toISOString(),
    version: 1,
    intakeIds,
    openedAtMeetingId: null,
    assessments: [],
    returnedAt: null,
    history: [historyEntry(ctx, 'REFERRED', { to: 'OPEN', note: text(input.note, 'note', false) })],
  };
  await insertNew(ctx.repo.cases(), 'the case', doc);
  return caseWritten(ctx, doc);
}

/** 支援会議 (社会福祉法106条の6): support decided without consent, for people on its agenda. */
async function openCaseAtShienKaigi(
  ctx: JusoContext,
  { input }: MutationOpenCaseAtShienKaigiArgs,
): Promise<CaseDoc> {
  allow(ctx, 'OPEN_CASE_AT_SHIEN_KAIGI');
  const meeting = await meetingAtHand(ctx);
  if (meeting.kind !== 'SHIEN_KAIGI')
    throw refuse(
      'WRONG_MEETING_KIND',
      'cases are opened without consent only at a 支援会議; with consent, refer the person to 多機関協働',
    );
  const ids = distinct(input.personIds);
  if (!ids.length) throw refuse('BAD_USER_INPUT', 'a case concerns at least one person');
  const persons = await people(ctx, ids);
  const title = text(input.title, 'title') as string;
  const facts = await Promise.all(ids.map((id) => ctx.access.personFacts.load(id)));
  const off = facts.filter((f) => !isOnAgenda({ ...meeting, id: meeting._id }, f)).map((f) => f.id);
  if (off.length) throw refuse('NOT_ON_AGENDA', `not on this meeting's agenda: ${off.join(', ')}`);
  const me = agencyOf(ctx).id;
  const supports = distinct(input.supportAgencyIds).filter(
    (a) => a !== me && a !== input.mainContactAgencyId,
  );
  await agencies(ctx, [input.mainContactAgencyId, ...supports]);
  const outsiders = [input.mainContactAgencyId, ...supports].filter(
    (a) => !meeting.memberAgencyIds.includes(a),
  );
  if (outsiders.length)
    throw refuse(
      'BAD_USER_INPUT',
      `the team comes from the meeting's members; not members: ${outsiders.join(', ')}`,
    );
  const team: CaseDoc['team'] = [{ agencyId: me, role: 'COORDINATOR' }];
  if (input.mainContactAgencyId !== me)
    team.push({ agencyId: input.mainContactAgencyId, role: 'MAIN_CONTACT' });
  for (const a of supports) team.push({ agencyId: a, role: 'SUPPORT' });
  const doc: CaseDoc = {
    _id: newId('C'),
    title,
    status: 'OPEN',
    householdId: householdOf(persons),
    personIds: ids,
    team,
    referredBy: me,
    openedAt: ctx.now.toISOString(),
    version: 1,
    intakeIds: [],
    openedAtMeetingId: meeting._id,
    assessments: [],
    returnedAt: null,
    history: [
      historyEntry(ctx, 'OPENED_AT_SHIEN_KAIGI', {
        to: 'OPEN',
        meetingId: meeting._id,
        note: text(input.note, 'note', false),
      }),
    ],
  };
  await insertNew(ctx.repo.cases(), 'the case', doc);
  return caseWritten(ctx, doc);
}

/** A case the caller may see and work on, at the version they read. */
async function caseForChange(
  ctx: JusoContext,
  caseId: string,
  expectedVersion: number,
  action: WorkflowAction,
): Promise<CaseDoc> {
  const c = (await visibleCase(ctx, caseId)) as CaseDoc;
  allow(ctx, action);
  onTeam(ctx, c);
  raise(checkVersion(`case ${caseId}`, c, expectedVersion));
  return c;
}

async function recordAssessment(ctx: JusoContext, args: MutationRecordAssessmentArgs): Promise<CaseDoc> {
  const c = await caseForChange(ctx, args.caseId, args.expectedVersion, 'RECORD_ASSESSMENT');
  legal(caseTransition(c.status, 'ASSESS'));
  const assessment: AssessmentRecord = {
    at: ctx.now.toISOString(),
    ...actor(ctx),
    summary: text(args.input.summary, 'summary') as string,
    issues: texts(args.input.issues, 'issues'),
    strengths: texts(args.input.strengths, 'strengths'),
    view: text(args.input.view, 'view', false),
  };
  const doc = await writeVersioned(ctx.repo.cases(), `case ${c._id}`, c._id, args.expectedVersion, {
    $push: { assessments: assessment, history: historyEntry(ctx, 'ASSESSED') },
  });
  return caseWritten(ctx, doc);
}

async function addTeamMember(ctx: JusoContext, args: MutationAddTeamMemberArgs): Promise<CaseDoc> {
  const c = await caseForChange(ctx, args.caseId, args.expectedVersion, 'ADD_TEAM_MEMBER');
  legal(caseTransition(c.status, 'ADD_TEAM_MEMBER'));
  await agencies(ctx, [args.agencyId]);
  if (c.team.some((t) => t.agencyId === args.agencyId))
    throw refuse('BAD_USER_INPUT', `${args.agencyId} is already on the team`);
  const doc = await writeVersioned(ctx.repo.cases(), `case ${c._id}`, c._id, args.expectedVersion, {
    $push: {
      team: { agencyId: args.agencyId, role: 'SUPPORT' },
      history: historyEntry(ctx, 'TEAM_MEMBER_ADDED', { note: args.agencyId }),
    },
  });
  return caseWritten(ctx, doc);
}

const UNDER_WAY: readonly PlanStatus[] = ['IN_REVIEW', 'AWAITING_DECISION', 'CONFIRMED'];

async function returnCase(ctx: JusoContext, args: MutationReturnCaseArgs): Promise<CaseDoc> {
  const c = await caseForChange(ctx, args.caseId, args.expectedVersion, 'RETURN_CASE');
  const to = legal(caseTransition(c.status, 'RETURN'));
  const reason = text(args.reason, 'reason') as string;
  const live = (await ctx.repo.plansByCaseIds([c._id]))[0]?.filter((p) => UNDER_WAY.includes(p.status)) ?? [];
  if (live.length)
    throw refuse(
      'ILLEGAL_TRANSITION',
      `the case has plans under way (${live.map((p) => `${p._id} ${p.status}`).join(', ')}): ` +
        'a case goes back to the referring agency before support is planned',
    );
  const doc = await writeVersioned(ctx.repo.cases(), `case ${c._id}`, c._id, args.expectedVersion, {
    $set: { status: to, returnedAt: ctx.now.toISOString() },
    $push: { history: historyEntry(ctx, 'RETURNED', { from: c.status, to, note: reason }) },
  });
  return caseWritten(ctx, doc);
}

export const caseMutations = {
  referToTakikan: r(referToTakikan),
  openCaseAtShienKaigi: r(openCaseAtShienKaigi),
  recordAssessment: r(recordAssessment),
  addTeamMember: r(addTeamMember),
  returnCase: r(returnCase),
} satisfies MutationResolvers<JusoContext>;
