/**
 * 緊急時の閲覧 in the 重層 subgraph: opening, closing and reviewing windows, the review
 * queue for 福祉課 and a staff member's own windows. The gateway reads a window's facts
 * through `_accessFacts(emergencyId)` and decides the four fields itself
 * (shared/access/decide.ts); this module keeps the windows and their history, and reports
 * every event to the audit (opened, closed, reviewed, restriction lifted, each read).
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { newId } from '../workflow/writes';
import { checkVersion, insertNew, writeVersioned } from '../workflow/writes';
import { emergencyEvent } from '../access';
import type { JusoContext } from '../context';
import { invalidArgument, raise, refuse } from '../workflow/errors';
import { text } from '../workflow/inputs';
import type { EmergencyEvent, EmergencyReason, EmergencyWindowDoc, ReviewVerdict } from './model';
import type { EmergencyPolicy, WindowStatus } from './rules';
import {
  checkMayOpen,
  checkReasonCategory,
  emergencyPolicy,
  endedAt,
  isOverdue,
  windowHours,
  windowReason,
  windowStatus,
} from './rules';

const NOTE_MAX = 2000;

function principal(ctx: JusoContext) {
  return ctx.access.viewer.principal;
}

function event(ctx: JusoContext, action: EmergencyEvent['action'], note: string | null): EmergencyEvent {
  const p = principal(ctx);
  return { action, at: ctx.now.toISOString(), staffId: p.staffId, agencyId: p.agency.id, note };
}

/** A note on a window: the workflow's text rule, at most NOTE_MAX characters. */
const note = (value: string | null | undefined, argument: string, required: boolean) =>
  text(value, argument, required, NOTE_MAX);

const isCoordinator = (ctx: JusoContext) => principal(ctx).agency.role === 'COORDINATOR';
const isHolder = (ctx: JusoContext, w: EmergencyWindowDoc) =>
  w.staffId === principal(ctx).staffId && w.agencyId === principal(ctx).agency.id;

/**
 * The window if the caller holds it or is 福祉課; a window of someone else is refused
 * exactly like one that does not exist. The read is audited: a window's reason tells
 * something about the person.
 */
async function visibleWindow(ctx: JusoContext, id: string): Promise<EmergencyWindowDoc> {
  const w = await ctx.repo.emergencyWindows().findOne({ _id: id });
  if (!w || !(isHolder(ctx, w) || isCoordinator(ctx)))
    throw refuse('FORBIDDEN_ACTION', 'no emergency access window of yours with this id');
  emergencyEvent(ctx.access, { event: 'READ', windowId: w._id, personId: w.personId });
  return w;
}

interface OpenArgs {
  input: { personId: string; reasonCategory: EmergencyReason; reason: string; hours?: number | null };
}

async function openEmergencyAccess(ctx: JusoContext, policy: EmergencyPolicy, { input }: OpenArgs) {
  const p = principal(ctx);
  raise(checkReasonCategory(input.reasonCategory));
  const reason = windowReason(input.reason);
  const hours = windowHours(input.hours, policy);
  const [person] = await ctx.repo.peopleByIds([input.personId]);
  if (!person) throw refuse('BAD_USER_INPUT', `no resident ${input.personId}`);
  const own = await ctx.repo.emergencyWindows().find({ staffId: p.staffId });
  raise(
    checkMayOpen(
      p.agency.role,
      own.filter((w) => w.agencyId === p.agency.id),
      ctx.now,
      policy,
    ),
  );
  const openedAt = ctx.now.toISOString();
  const doc: EmergencyWindowDoc = {
    _id: newId('EA'),
    personId: person._id,
    staffId: p.staffId,
    agencyId: p.agency.id,
    reasonCategory: input.reasonCategory,
    reason,
    openedAt,
    expiresAt: new Date(ctx.now.getTime() + hours * 3600 * 1000).toISOString(),
    closedAt: null,
    review: null,
    restrictionLiftedAt: null,
    version: 1,
    history: [event(ctx, 'OPENED', `${hours}h`)],
  };
  await insertNew(ctx.repo.emergencyWindows(), 'the emergency access window', doc);
  // The audit of this request carries the opening, and with it the window's expiry.
  emergencyEvent(ctx.access, { event: 'OPENED', windowId: doc._id, personId: doc.personId });
  return doc;
}

interface ChangeArgs {
  windowId: string;
  expectedVersion: number;
}

async function closeEmergencyAccess(ctx: JusoContext, args: ChangeArgs & { note?: string | null }) {
  const w = await visibleWindow(ctx, args.windowId);
  raise(checkVersion(`window ${w._id}`, w, args.expectedVersion));
  if (endedAt(w, ctx.now) !== null) throw refuse('ILLEGAL_TRANSITION', 'the window has already ended');
  const written = await writeVersioned(
    ctx.repo.emergencyWindows(),
    `window ${w._id}`,
    w._id,
    args.expectedVersion,
    {
      $set: { closedAt: ctx.now.toISOString() },
      $push: { history: event(ctx, 'CLOSED', note(args.note, 'note', false)) },
    },
  );
  emergencyEvent(ctx.access, { event: 'CLOSED', windowId: w._id, personId: w.personId });
  return written;
}

async function reviewEmergencyAccess(
  ctx: JusoContext,
  args: ChangeArgs & { verdict: ReviewVerdict; note: string },
) {
  if (!isCoordinator(ctx)) throw refuse('FORBIDDEN_ACTION', 'emergency access is reviewed by 福祉課');
  const w = await visibleWindow(ctx, args.windowId);
  raise(checkVersion(`window ${w._id}`, w, args.expectedVersion));
  const noteText = note(args.note, 'note', true) as string;
  if (args.verdict !== 'APPROPRIATE' && args.verdict !== 'INAPPROPRIATE')
    throw invalidArgument('verdict', 'the verdict is 適切 (APPROPRIATE) or 不適切 (INAPPROPRIATE)');
  if (w.review) throw refuse('ILLEGAL_TRANSITION', 'the window has been reviewed');
  // A window is reviewed once it has ended: what was read is then complete.
  if (endedAt(w, ctx.now) === null) throw refuse('ILLEGAL_TRANSITION', 'the window is still open');
  const p = principal(ctx);
  const written = await writeVersioned(
    ctx.repo.emergencyWindows(),
    `window ${w._id}`,
    w._id,
    args.expectedVersion,
    {
      $set: {
        review: {
          verdict: args.verdict,
          note: noteText,
          reviewedAt: ctx.now.toISOString(),
          reviewerStaffId: p.staffId,
          reviewerAgencyId: p.agency.id,
        },
      },
      $push: { history: event(ctx, 'REVIEWED', `${args.verdict}: ${noteText}`) },
    },
  );
  emergencyEvent(ctx.access, { event: 'REVIEWED', windowId: w._id, personId: w.personId });
  return written;
}

/** 福祉課, having spoken with the staff member, lets them open windows again. */
async function liftEmergencyRestriction(ctx: JusoContext, args: ChangeArgs & { note: string }) {
  if (!isCoordinator(ctx)) throw refuse('FORBIDDEN_ACTION', 'restrictions are lifted by 福祉課');
  const w = await visibleWindow(ctx, args.windowId);
  raise(checkVersion(`window ${w._id}`, w, args.expectedVersion));
  const noteText = note(args.note, 'note', true) as string;
  if (w.review?.verdict !== 'INAPPROPRIATE' || w.restrictionLiftedAt)
    throw refuse('ILLEGAL_TRANSITION', 'only a window judged 不適切, once');
  const written = await writeVersioned(
    ctx.repo.emergencyWindows(),
    `window ${w._id}`,
    w._id,
    args.expectedVersion,
    {
      $set: { restrictionLiftedAt: ctx.now.toISOString() },
      $push: { history: event(ctx, 'RESTRICTION_LIFTED', noteText) },
    },
  );
  emergencyEvent(ctx.access, { event: 'RESTRICTION_LIFTED', windowId: w._id, personId: w.personId });
  return written;
}

const REVIEW_QUEUE_LIMIT = 500;

/** 福祉課's queue: every window, newest first, optionally of one status. */
async function emergencyReviews(ctx: JusoContext, status: WindowStatus | null | undefined) {
  if (!isCoordinator(ctx)) throw refuse('FORBIDDEN_ACTION', 'the review queue is 福祉課’s');
  const all = await ctx.repo
    .emergencyWindows()
    .find(status === 'REVIEWED' ? { review: { $ne: null } } : status ? { review: null } : {}, {
      sort: { openedAt: -1 },
      limit: REVIEW_QUEUE_LIMIT,
    });
  const shown = status ? all.filter((w) => windowStatus(w, ctx.now) === status) : all;
  for (const w of shown) emergencyEvent(ctx.access, { event: 'READ', windowId: w._id, personId: w.personId });
  return shown;
}

/** The caller's own windows: open ones and those of the last 30 days (for the banner). */
async function myEmergencyWindows(ctx: JusoContext) {
  const p = principal(ctx);
  const since = new Date(ctx.now.getTime() - 30 * 24 * 3600 * 1000).toISOString();
  const own = await ctx.repo
    .emergencyWindows()
    .find({ staffId: p.staffId, openedAt: { $gte: since } }, { sort: { openedAt: -1 } });
  const mine = own.filter((w) => w.agencyId === p.agency.id);
  for (const w of mine) emergencyEvent(ctx.access, { event: 'READ', windowId: w._id, personId: w.personId });
  return mine;
}

export function emergencyResolvers(policy: EmergencyPolicy = emergencyPolicy()) {
  type Args<T> = (parent: unknown, args: T, ctx: JusoContext) => Promise<EmergencyWindowDoc>;
  const m =
    <T>(fn: (ctx: JusoContext, args: T) => Promise<EmergencyWindowDoc>): Args<T> =>
    (_p, args, ctx) =>
      fn(ctx, args);
  const query = {
    emergencyReviews: (_: unknown, { status }: { status?: WindowStatus | null }, ctx: JusoContext) =>
      emergencyReviews(ctx, status),
    myEmergencyWindows: (_: unknown, __: unknown, ctx: JusoContext) => myEmergencyWindows(ctx),
  } satisfies GraphQLResolverMap<JusoContext>['Query'];
  const mutation = {
    openEmergencyAccess: m((ctx, a: OpenArgs) => openEmergencyAccess(ctx, policy, a)),
    closeEmergencyAccess: m(closeEmergencyAccess),
    reviewEmergencyAccess: m(reviewEmergencyAccess),
    liftEmergencyRestriction: m(liftEmergencyRestriction),
  } satisfies GraphQLResolverMap<JusoContext>['Mutation'];
  const type = {
    EmergencyAccessWindow: {
      id: (w: EmergencyWindowDoc) => w._id,
      person: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) => ctx.loaders.people.load(w.personId),
      agency: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) => ctx.loaders.agencies.load(w.agencyId),
      status: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) => windowStatus(w, ctx.now),
      endedAt: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) => endedAt(w, ctx.now),
      overdue: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) => isOverdue(w, ctx.now, policy),
      secondsLeft: (w: EmergencyWindowDoc, _: unknown, ctx: JusoContext) =>
        endedAt(w, ctx.now) === null
          ? Math.max(0, Math.floor((Date.parse(w.expiresAt) - ctx.now.getTime()) / 1000))
          : 0,
      history: (w: EmergencyWindowDoc) => w.history,
    },
  } satisfies GraphQLResolverMap<JusoContext>;
  return { query, mutation, type };
}
