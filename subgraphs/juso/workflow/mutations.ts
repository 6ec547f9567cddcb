/**
 * The workflow's mutations. Each one: checks what the caller may see (visibility.ts,
 * audited), what their agency may do (roles.ts), the version they read, the state
 * machine (machine.ts) and the rules (rules.ts), in that order, then makes exactly one
 * document write, carrying its own history entry. A refusal is thrown before the
 * write, so a refused mutation changes nothing. Facts read from other documents
 * (a person's consent, a meeting's status) are read fresh just before the write; see
 * docs/WORKFLOW.md for what that leaves open.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type DataLoader from 'dataloader';
import type { AgencyRole, WelfareField } from '../../../shared/domain';
import { isOnAgenda } from '../../../shared/access/facts';
import { consentUsedByRule, ownRecord } from '../access';
import type { JusoContext } from '../context';
import type {
  AgendaKind,
  AssessmentRecord,
  CaseDoc,
  ConsentAnswer,
  ConsentDoc,
  ConsentMethod,
  ContactAttempt,
  ContactMethod,
  HistoryEntry,
  MeetingDoc,
  MeetingKind,
  PersonDoc,
  PlanComponent,
  PlanDecisionRecord,
  PlanDoc,
  PlanKind,
  PlanStatus,
  TsunagariScores,
} from '../model';
import {
  consentGate,
  consentVisible,
  present,
  visibleCase,
  visibleMeeting,
  visiblePlan,
} from '../visibility';
import type { Check } from './errors';
import { raise, refuse } from './errors';
import type { ConsentEvent, MeetingEvent, PlanEvent } from './machine';
import {
  caseTransition,
  consentState,
  consentTransition,
  meetingTransition,
  planTransition,
} from './machine';
import type { WorkflowAction } from './roles';
import { CONVENER, DECIDER, mayPerform, PLAN_AUTHOR, ROLE_TABLE } from './roles';
import type { PlanContent } from './rules';
import {
  calendarDate,
  checkAttendance,
  checkAgendaConsent,
  checkConvener,
  checkConsentScope,
  checkEnding,
  checkExpiry,
  checkIntakeAnswer,
  checkMembers,
  checkPlanContent,
  checkPlanVenue,
  checkReadyForReview,
  checkReferralConsent,
  checkSuspension,
  componentsFor,
  distinct,
  instant,
  MAX_ITEMS,
  planDecisionVenue,
  text,
  texts,
  welfareFields,
} from './rules';
import { actor, checkVersion, historyEntry, insertNew, newId, writeVersioned } from './writes';

// ---------------------------------------------------------------- common checks

function agencyOf(ctx: JusoContext) {
  return ctx.access.viewer.principal.agency;
}

function allow(ctx: JusoContext, action: WorkflowAction): void {
  const role = agencyOf(ctx).role;
  if (!mayPerform(role, action))
    throw refuse(
      'FORBIDDEN_ACTION',
      `${action} is for ${ROLE_TABLE[action].join(', ')}; your agency's role is ${role}`,
    );
}

function onTeam(ctx: JusoContext, c: CaseDoc): void {
  if (!c.team.some((t) => t.agencyId === agencyOf(ctx).id))
    throw refuse('FORBIDDEN_ACTION', `your agency has no role on the team of case ${c._id}`);
}

function legal<S>(t: { ok: true; to: S } | { ok: false; message: string }): S {
  if (!t.ok) throw refuse('ILLEGAL_TRANSITION', t.message);
  return t.to;
}

/** The documents behind these ids, refusing the input when one does not exist. */
async function existing<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
  what: string,
): Promise<T[]> {
  const found = await loader.loadMany([...ids]);
  const missing = ids.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length) throw refuse('BAD_USER_INPUT', `no such ${what}: ${missing.join(', ')}`);
  return present(found);
}

const agencies = (ctx: JusoContext, ids: readonly string[]) => existing(ctx.loaders.agencies, ids, 'agency');
const people = (ctx: JusoContext, ids: readonly string[]) => existing(ctx.loaders.people, ids, 'resident');

/** Each person's consent state, read fresh from the store (not from this request's cache). */
async function consentStates(ctx: JusoContext, persons: PersonDoc[]) {
  const versions = await ctx.repo.consentVersionsByPersonIds(persons.map((p) => p._id));
  return persons.map((p, i) => ({
    id: p._id,
    name: `${p.name} (${p._id})`,
    current: versions[i]?.at(-1) ?? null,
    state: consentState(versions[i]?.at(-1), ctx.now),
  }));
}

function forgetPerson(ctx: JusoContext, personId: string): void {
  ctx.loaders.consentVersions.clear(personId);
  ctx.loaders.casesByPerson.clear(personId);
  ctx.access.personFacts.clear(personId);
}

/** Puts what was written into this request's loaders, so the response reads it. */
function remember<T extends { _id: string }>(loader: DataLoader<string, T | null>, doc: T): T {
  loader.clear(doc._id);
  loader.prime(doc._id, doc);
  return doc;
}

// ---------------------------------------------------------------- intake and consent

interface IntakeArgs {
  input: {
    personId: string;
    receivedAt?: string | null;
    topics: string[];
    fieldsInvolved: WelfareField[];
    summary?: string | null;
    consent: {
      answer: ConsentAnswer;
      fields: WelfareField[];
      coversTax: boolean;
      method: ConsentMethod;
      givenBy: 'SELF' | 'GUARDIAN';
      expiresAt?: string | null;
    };
  };
}

async function recordIntake(ctx: JusoContext, { input }: IntakeArgs): Promise<ConsentDoc> {
  allow(ctx, 'RECORD_INTAKE');
  const [person] = await people(ctx, [input.personId]);
  const topics = texts(input.topics, 'topics');
  if (!topics.length)
    throw refuse('BAD_USER_INPUT', 'an intake names at least one topic of the consultation');
  const receivedAt = input.receivedAt ? instant(input.receivedAt, 'receivedAt') : ctx.now.toISOString();
  if (Date.parse(receivedAt) > ctx.now.getTime())
    throw refuse('BAD_USER_INPUT', 'receivedAt cannot be in the future');
  const c = input.consent;
  const scope = { fields: welfareFields(c.fields), coversTax: c.coversTax };
  const expiresAt = c.expiresAt ? instant(c.expiresAt, 'consent.expiresAt') : null;
  raise(
    checkIntakeAnswer(c.answer, scope),
    c.answer === 'GRANTED' ? checkExpiry(expiresAt, ctx.now) : null,
    c.answer !== 'GRANTED' && expiresAt ? refuse('BAD_USER_INPUT', 'only given consent has an expiry') : null,
  );
  const [state] = await consentStates(ctx, [person as PersonDoc]);
  const current = state!.current;
  const who = actor(ctx);
  // The answer becomes the consent in force only under grantConsent's rules (DOMAIN.md
  // "Who may change the rules' inputs"): the agency takes the consent forms (GRANT_CONSENT),
  // and it may see the consent it would replace (there is none yet, or it is on the case
  // team / in a meeting with the person). Otherwise the intake is recorded with the answer
  // as given, and the consent in force is carried over unchanged — decided without telling
  // the caller which case applied, so an intake cannot probe or overwrite a hidden state.
  const takesForms = mayPerform(agencyOf(ctx).role, 'GRANT_CONSENT');
  const writes = takesForms && (!current || (await consentVisible(ctx, input.personId)));
  const status: ConsentDoc['status'] = writes
    ? legal(consentTransition(state!.state, 'INTAKE', c.answer))
    : (current?.status ?? 'UNKNOWN');
  const version = (current?.version ?? 0) + 1;
  // Carried over: 不明 over consent in force (machine.ts), or an answer this agency may not record.
  const kept = (!writes || status !== c.answer) && current;
  const unasked = { fields: [], coversTax: false, expiresAt: null };
  const given = kept
    ? {
        fields: current.fields,
        coversTax: current.coversTax,
        givenBy: current.givenBy,
        method: current.method,
        takenByAgencyId: current.takenByAgencyId,
        takenByStaffId: current.takenByStaffId,
        takenAt: current.takenAt,
        expiresAt: current.expiresAt,
        withdrawnAt: current.withdrawnAt ?? null,
      }
    : {
        ...(writes ? { ...scope, expiresAt } : unasked),
        givenBy: c.givenBy,
        method: c.method,
        takenByAgencyId: who.agencyId,
        takenByStaffId: who.staffId,
        takenAt: receivedAt,
        withdrawnAt: null,
      };
  const doc = await insertNew(ctx.repo.consents(), `consent of ${input.personId}`, {
    _id: `${input.personId}#${version}`,
    personId: input.personId,
    version,
    status,
    ...given,
    change: 'INTAKE',
    recordedAt: ctx.now.toISOString(),
    recordedByAgencyId: who.agencyId,
    recordedByStaffId: who.staffId,
    reason: null,
    consultation: {
      receivedAt,
      answer: c.answer,
      ...scope,
      topics,
      fieldsInvolved: welfareFields(input.fieldsInvolved),
      summary: text(input.summary, 'summary', false),
    },
  });
  forgetPerson(ctx, input.personId);
  // The receiving agency reads back its own intake (not the consent in force: Intake.consent is gated).
  ownRecord(ctx.access, { field: 'INTAKE', subjectId: doc._id, personIds: [doc.personId] });
  return doc;
}

interface ScopeInput {
  fields: WelfareField[];
  coversTax: boolean;
  method?: ConsentMethod | null;
  givenBy?: 'SELF' | 'GUARDIAN';
  expiresAt?: string | null;
  reason?: string | null;
}

const CONSENT_ACTION: Record<Exclude<ConsentEvent, 'INTAKE'>, WorkflowAction> = {
  GRANT: 'GRANT_CONSENT',
  NARROW: 'NARROW_CONSENT',
  WIDEN: 'WIDEN_CONSENT',
  WITHDRAW: 'WITHDRAW_CONSENT',
};

/**
 * A new consent version (never an overwrite). The caller must be able to see the
 * person's consent (case team or meeting), as for reading it; the unique index on
 * {personId, version} makes a concurrent change a VERSION_CONFLICT.
 */
async function changeConsent(
  ctx: JusoContext,
  personId: string,
  expectedVersion: number,
  event: Exclude<ConsentEvent, 'INTAKE'>,
  input: ScopeInput,
): Promise<PersonDoc> {
  const [person] = await people(ctx, [personId]);
  await consentGate(ctx, personId);
  allow(ctx, CONSENT_ACTION[event]);
  const [state] = await consentStates(ctx, [person as PersonDoc]);
  const current = state!.current;
  raise(checkVersion(`the consent of ${personId}`, current ?? {}, expectedVersion));
  const status = legal(consentTransition(state!.state, event));
  const who = actor(ctx);
  const now = ctx.now.toISOString();
  const expiresAt =
    input.expiresAt === undefined || input.expiresAt === null
      ? event === 'GRANT'
        ? null
        : (current?.expiresAt ?? null)
      : instant(input.expiresAt, 'expiresAt');
  const base = {
    _id: `${personId}#${expectedVersion + 1}`,
    personId,
    version: expectedVersion + 1,
    status,
    recordedAt: now,
    recordedByAgencyId: who.agencyId,
    recordedByStaffId: who.staffId,
    reason: text(input.reason, 'reason', false),
    consultation: null,
  };
  let doc: ConsentDoc;
  if (event === 'WITHDRAW') {
    // As the withdrawn version P-601#2 of the demo town: what was given, and when it was withdrawn.
    const was = current as ConsentDoc;
    doc = { ...was, ...base, change: 'WITHDRAW', withdrawnAt: now };
  } else {
    const scope = { fields: welfareFields(input.fields), coversTax: input.coversTax };
    raise(
      checkConsentScope(event, current, scope),
      event === 'WIDEN' && !input.method
        ? refuse('BAD_USER_INPUT', 'say on which form (method) the wider consent was given')
        : null,
      checkExpiry(expiresAt, ctx.now),
    );
    doc = {
      ...base,
      ...scope,
      change: event,
      givenBy: input.givenBy ?? current?.givenBy ?? 'SELF',
      method: input.method ?? (current?.method as ConsentMethod),
      takenByAgencyId: who.agencyId,
      takenByStaffId: who.staffId,
      takenAt: now,
      expiresAt,
      withdrawnAt: null,
    };
  }
  await insertNew(ctx.repo.consents(), `the consent of ${personId}`, doc);
  forgetPerson(ctx, personId);
  return person as PersonDoc;
}

// ---------------------------------------------------------------- cases

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

interface ReferralArgs {
  input: {
    personIds: string[];
    title: string;
    householdId?: string | null;
    intakeIds: string[];
    note?: string | null;
  };
}

async function referToTakikan(ctx: JusoContext, { input }: ReferralArgs): Promise<CaseDoc> {
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

/** The open meeting the request acts in, with the caller a member; read fresh. */
async function meetingAtHand(ctx: JusoContext): Promise<MeetingDoc> {
  const meetingId = ctx.access.viewer.meetingId;
  const [meeting] = meetingId === null ? [null] : await ctx.repo.meetingsByIds([meetingId]);
  raise(checkAttendance(meetingId, meeting ? { ...meeting, id: meeting._id } : null, agencyOf(ctx).id));
  return meeting as MeetingDoc;
}

interface ShienKaigiCaseArgs {
  input: {
    personIds: string[];
    title: string;
    mainContactAgencyId: string;
    supportAgencyIds: string[];
    note?: string | null;
  };
}

/** 支援会議 (社会福祉法106条の6): support decided without consent, for people on its agenda. */
async function openCaseAtShienKaigi(ctx: JusoContext, { input }: ShienKaigiCaseArgs): Promise<CaseDoc> {
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

interface CaseChangeArgs {
  caseId: string;
  expectedVersion: number;
}

async function recordAssessment(
  ctx: JusoContext,
  args: CaseChangeArgs & {
    input: { summary: string; issues: string[]; strengths: string[]; view?: string | null };
  },
): Promise<CaseDoc> {
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

async function addTeamMember(
  ctx: JusoContext,
  args: CaseChangeArgs & { agencyId: string },
): Promise<CaseDoc> {
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

async function returnCase(ctx: JusoContext, args: CaseChangeArgs & { reason: string }): Promise<CaseDoc> {
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

// ---------------------------------------------------------------- plans

interface ContentInput {
  personIds: string[];
  components: PlanComponent[];
  goals: string[];
  direction?: string | null;
  roles: { agencyId: string; task: string }[];
  monitoringDate?: string | null;
}

async function planContent(
  ctx: JusoContext,
  kind: PlanKind,
  c: CaseDoc,
  input: ContentInput,
): Promise<PlanContent> {
  const roles = input.roles.map((r, i) => ({
    agencyId: r.agencyId,
    task: text(r.task, `roles[${i}].task`) as string,
  }));
  if (roles.length > MAX_ITEMS) throw refuse('BAD_USER_INPUT', `roles: at most ${MAX_ITEMS} entries`);
  await agencies(ctx, distinct(roles.map((r) => r.agencyId)));
  const content: PlanContent = {
    personIds: distinct(input.personIds),
    components: componentsFor(kind, input.components),
    goals: texts(input.goals, 'goals'),
    direction: text(input.direction, 'direction', false) ?? '',
    roles,
    monitoringDate: input.monitoringDate ? calendarDate(input.monitoringDate, 'monitoringDate') : null,
  };
  raise(
    checkPlanContent(
      content,
      c.personIds,
      c.team.map((t) => t.agencyId),
    ),
  );
  return content;
}

function planWritten(ctx: JusoContext, doc: PlanDoc): PlanDoc {
  ctx.loaders.plansByCase.clear(doc.caseId);
  return remember(ctx.loaders.plans, doc);
}

async function draftPlan(
  ctx: JusoContext,
  { input }: { input: { caseId: string; kind: PlanKind; content: ContentInput } },
): Promise<PlanDoc> {
  const c = (await visibleCase(ctx, input.caseId)) as CaseDoc;
  allow(ctx, PLAN_AUTHOR[input.kind]);
  onTeam(ctx, c);
  legal(caseTransition(c.status, 'ADD_PLAN'));
  const content = await planContent(ctx, input.kind, c, input.content);
  const now = ctx.now.toISOString();
  const who = actor(ctx);
  const doc: PlanDoc = {
    _id: newId('PL'),
    caseId: c._id,
    kind: input.kind,
    status: 'DRAFT',
    ...content,
    version: 1,
    createdAt: now,
    createdBy: who.staffId,
    updatedAt: now,
    updatedBy: who.staffId,
    statusSince: now,
    decisions: [],
    contactAttempts: [],
    ending: null,
    history: [historyEntry(ctx, 'DRAFTED', { to: 'DRAFT' })],
  };
  await insertNew(ctx.repo.plans(), 'the plan', doc);
  return planWritten(ctx, doc);
}

interface PlanChangeArgs {
  planId: string;
  expectedVersion: number;
}

/** A plan the caller may see, at the version they read, and where the event takes it. */
async function planForChange(ctx: JusoContext, args: PlanChangeArgs, event: PlanEvent) {
  const { plan, case: c } = await visiblePlan(ctx, args.planId);
  raise(checkVersion(`plan ${plan._id}`, plan, args.expectedVersion));
  const to = legal(planTransition(plan, event));
  return { plan, c, to };
}

const contentOf = (p: PlanDoc): PlanContent => ({
  personIds: p.personIds,
  components: p.components,
  goals: p.goals,
  direction: p.direction,
  roles: p.roles,
  monitoringDate: p.monitoringDate,
});

/** The update that moves a plan: status, the decision or history line, who and when. */
function planUpdate(
  ctx: JusoContext,
  plan: PlanDoc,
  to: PlanStatus,
  entry: HistoryEntry,
  extra: { $set?: Record<string, unknown>; $push?: Record<string, unknown> } = {},
) {
  const now = ctx.now.toISOString();
  return {
    $set: {
      status: to,
      updatedAt: now,
      updatedBy: actor(ctx).staffId,
      ...(to !== plan.status ? { statusSince: now } : {}),
      ...extra.$set,
    },
    $push: { history: { ...entry, from: plan.status, to }, ...extra.$push },
  };
}

async function authorChange(
  ctx: JusoContext,
  args: PlanChangeArgs,
  event: 'UPDATE' | 'SUBMIT' | 'REVISE',
  input?: ContentInput,
  reason?: string,
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, event);
  allow(ctx, PLAN_AUTHOR[plan.kind]);
  onTeam(ctx, c);
  const content = input ? await planContent(ctx, plan.kind, c, input) : contentOf(plan);
  if (event !== 'UPDATE') raise(checkReadyForReview(content));
  const action = event === 'UPDATE' ? 'UPDATED' : event === 'SUBMIT' ? 'SUBMITTED' : 'REVISED';
  const entry = historyEntry(ctx, action, {
    note: reason === undefined ? null : text(reason, 'reason'),
    previous: input ? { ...contentOf(plan) } : null,
  });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $set: input ? { ...content } : {} }),
  );
  return planWritten(ctx, doc);
}

async function recordContactAttempt(
  ctx: JusoContext,
  args: PlanChangeArgs & {
    input: { at?: string | null; method: ContactMethod; reached: boolean; note?: string | null };
  },
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, 'RECORD_CONTACT');
  allow(ctx, 'RECORD_CONTACT_ATTEMPT');
  onTeam(ctx, c);
  const at = args.input.at ? instant(args.input.at, 'at') : ctx.now.toISOString();
  if (Date.parse(at) > ctx.now.getTime())
    throw refuse('BAD_USER_INPUT', 'a contact attempt cannot be in the future');
  const attempt: ContactAttempt = {
    at,
    method: args.input.method,
    reached: args.input.reached,
    note: text(args.input.note, 'note', false),
    ...actor(ctx),
  };
  const entry = historyEntry(ctx, 'CONTACT_ATTEMPTED', { note: attempt.reached ? 'reached' : 'not reached' });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $push: { contactAttempts: attempt } }),
  );
  return planWritten(ctx, doc);
}

type MeetingDecisionEvent = 'APPROVE' | 'SEND_BACK' | 'END' | 'SUSPEND';
const DECISION_KIND = {
  APPROVE: 'APPROVED',
  SEND_BACK: 'SENT_BACK',
  END: 'ENDED',
  SUSPEND: 'SUSPENDED',
} as const satisfies Record<MeetingDecisionEvent, PlanDecisionRecord['kind']>;

interface EndingInput {
  evaluation: { goalAttainment: string; outcome: string; followUp: string };
  tsunagari: TsunagariScores;
  mainContactAgencyId: string;
  note?: string | null;
}

/** 重層的支援会議 (or, for an outreach plan without consent, 支援会議) decides about a plan. */
async function meetingDecision(
  ctx: JusoContext,
  args: PlanChangeArgs & { note?: string | null },
  event: MeetingDecisionEvent,
  ending?: EndingInput,
): Promise<PlanDoc> {
  const { plan, c, to } = await planForChange(ctx, args, event);
  const meeting = await meetingAtHand(ctx);
  // Sending back says what to change; 中断 says why.
  const note = text(args.note, 'note', event === 'SEND_BACK' || event === 'SUSPEND');
  allow(ctx, DECIDER[meeting.kind]);
  const persons = await people(ctx, plan.personIds);
  const states = await consentStates(ctx, persons);
  const withoutConsent = states.filter((s) => s.state !== 'ACTIVE').map((s) => s.name);
  raise(
    checkPlanVenue({
      meeting: { ...meeting, id: meeting._id },
      venue: planDecisionVenue(plan.kind, withoutConsent.length === 0),
      plan,
      caseRef: { id: c._id, householdId: c.householdId },
      withoutConsent,
    }),
  );
  const set: Record<string, unknown> = {};
  let reportedTo: string | null = null;
  if (event === 'END') {
    const input = ending as EndingInput;
    const team = await agencies(
      ctx,
      c.team.map((t) => t.agencyId),
    );
    const evaluation = {
      goalAttainment: text(input.evaluation.goalAttainment, 'evaluation.goalAttainment', false),
      outcome: text(input.evaluation.outcome, 'evaluation.outcome', false),
      followUp: text(input.evaluation.followUp, 'evaluation.followUp', false),
    };
    raise(
      checkEnding(
        { evaluation, tsunagari: input.tsunagari, mainContactAgencyId: input.mainContactAgencyId },
        c.team.map((t) => ({
          agencyId: t.agencyId,
          role: (team.find((a) => a._id === t.agencyId)?.role ?? null) as AgencyRole | null,
        })),
      ),
    );
    set.ending = {
      at: ctx.now.toISOString(),
      ...actor(ctx),
      meetingId: meeting._id,
      evaluation,
      tsunagari: input.tsunagari,
      mainContactAgencyId: input.mainContactAgencyId,
    };
  }
  if (event === 'SUSPEND') raise(checkSuspension(plan.contactAttempts ?? []));
  if (event === 'APPROVE' && to === 'CONFIRMED') {
    // 001 6-2)(6): confirmed on approval, and reported to the municipality (a member of every 重層的支援会議).
    const members = await agencies(ctx, meeting.memberAgencyIds);
    reportedTo = members.find((m) => m.role === 'COORDINATOR')?._id ?? null;
  }
  const decision: PlanDecisionRecord = {
    kind: DECISION_KIND[event],
    at: ctx.now.toISOString(),
    ...actor(ctx),
    meetingId: meeting._id,
    meetingKind: meeting.kind,
    to,
    note,
    reportedToAgencyId: reportedTo,
  };
  const entry = historyEntry(ctx, DECISION_KIND[event], { meetingId: meeting._id, note });
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, entry, { $set: set, $push: { decisions: decision } }),
  );
  return planWritten(ctx, doc);
}

/** 支援決定 (or not): an act of the municipality, after the meeting approved. */
async function supportDecision(
  ctx: JusoContext,
  args: PlanChangeArgs & { note?: string | null },
  event: 'DECIDE_SUPPORT' | 'DECLINE_SUPPORT',
): Promise<PlanDoc> {
  const { plan, to } = await planForChange(ctx, args, event);
  allow(ctx, 'DECIDE_SUPPORT');
  // Not deciding support says why.
  const note = text(args.note, event === 'DECLINE_SUPPORT' ? 'reason' : 'note', event === 'DECLINE_SUPPORT');
  const kind = event === 'DECIDE_SUPPORT' ? 'SUPPORT_DECIDED' : 'SUPPORT_DECLINED';
  const decision: PlanDecisionRecord = {
    kind,
    at: ctx.now.toISOString(),
    ...actor(ctx),
    meetingId: null,
    meetingKind: null,
    to,
    note,
    reportedToAgencyId: null,
  };
  const doc = await writeVersioned(
    ctx.repo.plans(),
    `plan ${plan._id}`,
    plan._id,
    args.expectedVersion,
    planUpdate(ctx, plan, to, historyEntry(ctx, kind, { note }), { $push: { decisions: decision } }),
  );
  return planWritten(ctx, doc);
}

// ---------------------------------------------------------------- meetings

interface AgendaItemInput {
  kind: AgendaKind;
  id: string;
}

/** The people an agenda item brings to the meeting, with their consent. */
async function agendaPeople(ctx: JusoContext, item: AgendaItemInput): Promise<PersonDoc[]> {
  switch (item.kind) {
    case 'PERSON':
      return people(ctx, [item.id]);
    case 'HOUSEHOLD': {
      const h = await ctx.loaders.households.load(item.id);
      if (!h) throw refuse('BAD_USER_INPUT', `no household ${item.id}`);
      return people(ctx, h.memberIds);
    }
    case 'CASE': {
      const [c] = await ctx.repo.casesByIds([item.id]);
      if (!c || c.status !== 'OPEN') throw refuse('BAD_USER_INPUT', `no open case ${item.id}`);
      return people(ctx, c.personIds);
    }
  }
}

async function checkAgendaItem(ctx: JusoContext, kind: MeetingKind, item: AgendaItemInput): Promise<Check> {
  // A 支援会議 needs no consent: nothing is read, nothing learnt.
  if (kind === 'SHIEN_KAIGI') return null;
  const persons = await agendaPeople(ctx, item);
  consentUsedByRule(ctx.access, {
    rule: 'AGENDA',
    subjectId: `${item.kind}:${item.id}`,
    personIds: persons.map((p) => p._id),
  });
  return checkAgendaConsent(kind, item, await consentStates(ctx, persons));
}

async function memberAgencies(ctx: JusoContext, kind: MeetingKind, ids: string[]) {
  const members = distinct(ids);
  const found = await agencies(ctx, members);
  raise(
    checkMembers(
      kind,
      found.map((a) => ({ id: a._id, role: a.role })),
      agencyOf(ctx).id,
    ),
  );
  return members;
}

async function scheduleMeeting(
  ctx: JusoContext,
  {
    input,
  }: {
    input: {
      kind: MeetingKind;
      title: string;
      scheduledAt: string;
      memberAgencyIds: string[];
      agenda: AgendaItemInput[];
    };
  },
): Promise<MeetingDoc> {
  allow(ctx, CONVENER[input.kind]);
  const title = text(input.title, 'title') as string;
  const scheduledAt = instant(input.scheduledAt, 'scheduledAt');
  const members = await memberAgencies(ctx, input.kind, input.memberAgencyIds);
  const agenda = input.agenda.filter(
    (item, i) => input.agenda.findIndex((o) => o.kind === item.kind && o.id === item.id) === i,
  );
  for (const item of agenda) raise(await checkAgendaItem(ctx, input.kind, item));
  const doc: MeetingDoc = {
    _id: newId('M'),
    kind: input.kind,
    title,
    status: 'SCHEDULED',
    scheduledAt,
    memberAgencyIds: members,
    agenda: agenda.map((i) => ({ kind: i.kind, id: i.id })),
    decisions: [],
    version: 1,
    convenedByAgencyId: agencyOf(ctx).id,
    openedAt: null,
    closedAt: null,
    history: [historyEntry(ctx, 'SCHEDULED', { to: 'SCHEDULED' })],
  };
  await insertNew(ctx.repo.meetings(), 'the meeting', doc);
  remember(ctx.loaders.meetings, doc);
  // The answer shows members and agenda: read back through the member check, so it is audited.
  return (await visibleMeeting(ctx, doc._id)) as MeetingDoc;
}

interface MeetingChangeArgs {
  meetingId: string;
  expectedVersion: number;
}

/** A change to a meeting: the event's transition, and what else the change sets or appends. */
async function changeMeeting(
  ctx: JusoContext,
  args: MeetingChangeArgs,
  event: MeetingEvent,
  change: (m: MeetingDoc) => Promise<{ $set?: object; $push?: object; entry: HistoryEntry }>,
): Promise<MeetingDoc> {
  const meeting = (await visibleMeeting(ctx, args.meetingId)) as MeetingDoc;
  allow(ctx, event === 'RECORD_DECISION' ? DECIDER[meeting.kind] : CONVENER[meeting.kind]);
  if (event !== 'RECORD_DECISION') raise(checkConvener(meeting.convenedByAgencyId ?? null, agencyOf(ctx)));
  raise(checkVersion(`meeting ${meeting._id}`, meeting, args.expectedVersion));
  const to = legal(meetingTransition(meeting.status, event));
  const { $set, $push, entry } = await change(meeting);
  const doc = await writeVersioned(
    ctx.repo.meetings(),
    `meeting ${meeting._id}`,
    meeting._id,
    args.expectedVersion,
    {
      $set: { status: to, ...$set },
      $push: { history: { ...entry, from: meeting.status, to }, ...$push },
    },
  );
  return remember(ctx.loaders.meetings, doc);
}

const sameItem = (a: AgendaItemInput) => (b: AgendaItemInput) => a.kind === b.kind && a.id === b.id;

// ---------------------------------------------------------------- the resolver map

type Resolver<A, R> = (parent: unknown, args: A, ctx: JusoContext) => Promise<R>;
const r =
  <A, R>(fn: (ctx: JusoContext, args: A) => Promise<R>): Resolver<A, R> =>
  (_parent, args, ctx) =>
    fn(ctx, args);

type ConsentArgs = { personId: string; expectedVersion: number; input: ScopeInput };

export const workflowMutations = {
  recordIntake: r(recordIntake),
  grantConsent: r((ctx, a: ConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'GRANT', a.input),
  ),
  narrowConsent: r((ctx, a: ConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'NARROW', a.input),
  ),
  widenConsent: r((ctx, a: ConsentArgs) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'WIDEN', a.input),
  ),
  withdrawConsent: r((ctx, a: { personId: string; expectedVersion: number; reason?: string | null }) =>
    changeConsent(ctx, a.personId, a.expectedVersion, 'WITHDRAW', {
      fields: [],
      coversTax: false,
      reason: a.reason ?? null,
    }),
  ),
  referToTakikan: r(referToTakikan),
  openCaseAtShienKaigi: r(openCaseAtShienKaigi),
  recordAssessment: r(recordAssessment),
  addTeamMember: r(addTeamMember),
  returnCase: r(returnCase),
  draftPlan: r(draftPlan),
  updatePlan: r((ctx, a: PlanChangeArgs & { content: ContentInput }) =>
    authorChange(ctx, a, 'UPDATE', a.content),
  ),
  submitPlan: r((ctx, a: PlanChangeArgs) => authorChange(ctx, a, 'SUBMIT')),
  revisePlan: r((ctx, a: PlanChangeArgs & { content: ContentInput; reason: string }) =>
    authorChange(ctx, a, 'REVISE', a.content, a.reason),
  ),
  recordContactAttempt: r(recordContactAttempt),
  approvePlan: r((ctx, a: PlanChangeArgs & { note?: string | null }) => meetingDecision(ctx, a, 'APPROVE')),
  sendBackPlan: r((ctx, a: PlanChangeArgs & { note: string }) => meetingDecision(ctx, a, 'SEND_BACK')),
  endPlan: r((ctx, a: PlanChangeArgs & { input: EndingInput }) =>
    meetingDecision(ctx, { ...a, note: a.input.note }, 'END', a.input),
  ),
  suspendPlan: r((ctx, a: PlanChangeArgs & { note: string }) => meetingDecision(ctx, a, 'SUSPEND')),
  decideSupport: r((ctx, a: PlanChangeArgs & { note?: string | null }) =>
    supportDecision(ctx, a, 'DECIDE_SUPPORT'),
  ),
  declineSupport: r((ctx, a: PlanChangeArgs & { reason: string }) =>
    supportDecision(ctx, { ...a, note: a.reason }, 'DECLINE_SUPPORT'),
  ),
  scheduleMeeting: r(scheduleMeeting),
  setMeetingMembers: r((ctx, a: MeetingChangeArgs & { memberAgencyIds: string[] }) =>
    changeMeeting(ctx, a, 'EDIT', async (m) => {
      const members = await memberAgencies(ctx, m.kind, a.memberAgencyIds);
      return {
        $set: { memberAgencyIds: members },
        entry: historyEntry(ctx, 'MEMBERS_SET', { note: members.join(', ') }),
      };
    }),
  ),
  addAgendaItem: r((ctx, a: MeetingChangeArgs & { item: AgendaItemInput }) =>
    changeMeeting(ctx, a, 'EDIT', async (m) => {
      if (m.agenda.some(sameItem(a.item)))
        throw refuse('BAD_USER_INPUT', `${a.item.id} is already on the agenda`);
      raise(await checkAgendaItem(ctx, m.kind, a.item));
      const item = { kind: a.item.kind, id: a.item.id };
      return {
        $push: { agenda: item },
        entry: historyEntry(ctx, 'AGENDA_ITEM_ADDED', { note: `${item.kind} ${item.id}` }),
      };
    }),
  ),
  removeAgendaItem: r((ctx, a: MeetingChangeArgs & { item: AgendaItemInput }) =>
    changeMeeting(ctx, a, 'EDIT', async (m) => {
      if (!m.agenda.some(sameItem(a.item)))
        throw refuse('BAD_USER_INPUT', `${a.item.id} is not on the agenda`);
      return {
        $set: { agenda: m.agenda.filter((i) => !sameItem(a.item)(i)) },
        entry: historyEntry(ctx, 'AGENDA_ITEM_REMOVED', { note: `${a.item.kind} ${a.item.id}` }),
      };
    }),
  ),
  openMeeting: r((ctx, a: MeetingChangeArgs) =>
    changeMeeting(ctx, a, 'OPEN', async () => ({
      $set: { openedAt: ctx.now.toISOString() },
      entry: historyEntry(ctx, 'OPENED'),
    })),
  ),
  closeMeeting: r((ctx, a: MeetingChangeArgs) =>
    changeMeeting(ctx, a, 'CLOSE', async () => ({
      $set: { closedAt: ctx.now.toISOString() },
      entry: historyEntry(ctx, 'CLOSED'),
    })),
  ),
  recordMeetingDecision: r((ctx, a: MeetingChangeArgs & { summary: string }) =>
    changeMeeting(ctx, a, 'RECORD_DECISION', async () => {
      const summary = text(a.summary, 'summary') as string;
      return {
        $push: { decisions: { decidedAt: ctx.now.toISOString(), summary, ...actor(ctx) } },
        entry: historyEntry(ctx, 'DECISION_RECORDED', { note: summary }),
      };
    }),
  ),
} satisfies GraphQLResolverMap<JusoContext>['Mutation'];
