/**
 * Meetings: scheduling, members, agenda, opening, closing, general decisions. Checks in
 * a fixed order (visibility, role, convener, version, machine, rules), then exactly one
 * write of the meeting, carrying its own history entry.
 */
import { consentUsedByRule } from '../../access';
import type { JusoContext } from '../../context';
import type {
  AgendaItemInput,
  MutationAddAgendaItemArgs,
  MutationCloseMeetingArgs,
  MutationOpenMeetingArgs,
  MutationRecordMeetingDecisionArgs,
  MutationRemoveAgendaItemArgs,
  MutationResolvers,
  MutationScheduleMeetingArgs,
  MutationSetMeetingMembersArgs,
} from '../../generated/graphql';
import type { HistoryEntry, MeetingDoc, MeetingKind, PersonDoc } from '../../model';
import { visibleMeeting } from '../../visibility';
import type { Check } from '../errors';
import { raise, refuse } from '../errors';
import { agencies, agencyOf, allow, legal, people, r, remember } from '../common';
import { consentStates } from '../consent/mutations';
import { distinct, instant, text } from '../inputs';
import { CONVENER, DECIDER } from '../roles';
import { actor, checkVersion, historyEntry, insertNew, newId, writeVersioned } from '../writes';
import type { MeetingEvent } from './machine';
import { meetingTransition } from './machine';
import { checkAgendaConsent, checkAttendance, checkConvener, checkMembers } from './rules';

/** The open meeting the request acts in, with the caller a member; read fresh. */
export async function meetingAtHand(ctx: JusoContext): Promise<MeetingDoc> {
  const meetingId = ctx.access.viewer.meetingId;
  const [meeting] = meetingId === null ? [null] : await ctx.repo.meetingsByIds([meetingId]);
  raise(checkAttendance(meetingId, meeting ? { ...meeting, id: meeting._id } : null, agencyOf(ctx).id));
  return meeting as MeetingDoc;
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
  { input }: MutationScheduleMeetingArgs,
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

/** What every change to a meeting names: the meeting and the version the caller read. */
type MeetingChangeArgs = MutationOpenMeetingArgs;

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

export const meetingMutations = {
  scheduleMeeting: r(scheduleMeeting),
  setMeetingMembers: r((ctx, a: MutationSetMeetingMembersArgs) =>
    changeMeeting(ctx, a, 'EDIT', async (m) => {
      const members = await memberAgencies(ctx, m.kind, a.memberAgencyIds);
      return {
        $set: { memberAgencyIds: members },
        entry: historyEntry(ctx, 'MEMBERS_SET', { note: members.join(', ') }),
      };
    }),
  ),
  addAgendaItem: r((ctx, a: MutationAddAgendaItemArgs) =>
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
  removeAgendaItem: r((ctx, a: MutationRemoveAgendaItemArgs) =>
    changeMeeting(ctx, a, 'EDIT', async (m) => {
      if (!m.agenda.some(sameItem(a.item)))
        throw refuse('BAD_USER_INPUT', `${a.item.id} is not on the agenda`);
      return {
        $set: { agenda: m.agenda.filter((i) => !sameItem(a.item)(i)) },
        entry: historyEntry(ctx, 'AGENDA_ITEM_REMOVED', { note: `${a.item.kind} ${a.item.id}` }),
      };
    }),
  ),
  openMeeting: r((ctx, a: MutationOpenMeetingArgs) =>
    changeMeeting(ctx, a, 'OPEN', async () => ({
      $set: { openedAt: ctx.now.toISOString() },
      entry: historyEntry(ctx, 'OPENED'),
    })),
  ),
  closeMeeting: r((ctx, a: MutationCloseMeetingArgs) =>
    changeMeeting(ctx, a, 'CLOSE', async () => ({
      $set: { closedAt: ctx.now.toISOString() },
      entry: historyEntry(ctx, 'CLOSED'),
    })),
  ),
  recordMeetingDecision: r((ctx, a: MutationRecordMeetingDecisionArgs) =>
    changeMeeting(ctx, a, 'RECORD_DECISION', async () => {
      const summary = text(a.summary, 'summary') as string;
      return {
        $push: { decisions: { decidedAt: ctx.now.toISOString(), summary, ...actor(ctx) } },
        entry: historyEntry(ctx, 'DECISION_RECORDED', { note: summary }),
      };
    }),
  ),
} satisfies MutationResolvers<JusoContext>;
