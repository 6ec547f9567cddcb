/**
 * The rules of 緊急時の閲覧, pure: how long a window may run, what its reason must hold,
 * who may open one and when they are refused, and where a window stands (open, awaiting
 * 福祉課's review, reviewed; overdue when a review is late).
 */
import type { AgencyRole } from '../../../shared/domain';
import type { Check } from '../workflow/errors';
import { invalidArgument, refuse } from '../workflow/errors';
import { text } from '../workflow/inputs';
import type { EmergencyReason, EmergencyWindowDoc } from './model';
import { EMERGENCY_REASONS } from './model';

/** Per town (environment), within the hard limits below. */
export interface EmergencyPolicy {
  /** A window's length when none is asked for (hours). */
  defaultHours: number;
  /** The longest window the town allows (hours, at most HARD_MAX_HOURS). */
  maxHours: number;
  /** Days 福祉課 has to review an ended window before it shows as overdue. */
  reviewDays: number;
  /** Open windows one staff member may hold at once. */
  maxOpenPerStaff: number;
}

/** The limit: an emergency is hours, never days. */
export const HARD_MAX_HOURS = 24;
export const REASON_MAX_LENGTH = 500;

/**
 * M = 2: a window is for one person, and the emergencies staff meet at a door often
 * concern two people at once (a mother and her child under DV, a carer and the person
 * cared for); a third open window at the same time is no longer an emergency but a
 * way of working, which belongs to a 支援会議.
 */
export const DEFAULT_POLICY: EmergencyPolicy = {
  defaultHours: 2,
  maxHours: 24,
  reviewDays: 7,
  maxOpenPerStaff: 2,
};

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return n;
}

/** The town's policy from EMERGENCY_DEFAULT_HOURS, EMERGENCY_MAX_HOURS, EMERGENCY_REVIEW_DAYS, EMERGENCY_MAX_OPEN. */
export function emergencyPolicy(env: NodeJS.ProcessEnv = process.env): EmergencyPolicy {
  const maxHours = Math.min(
    positive(env.EMERGENCY_MAX_HOURS, DEFAULT_POLICY.maxHours, 'EMERGENCY_MAX_HOURS'),
    HARD_MAX_HOURS,
  );
  const defaultHours = Math.min(
    positive(env.EMERGENCY_DEFAULT_HOURS, DEFAULT_POLICY.defaultHours, 'EMERGENCY_DEFAULT_HOURS'),
    maxHours,
  );
  return {
    defaultHours,
    maxHours,
    reviewDays: positive(env.EMERGENCY_REVIEW_DAYS, DEFAULT_POLICY.reviewDays, 'EMERGENCY_REVIEW_DAYS'),
    maxOpenPerStaff: Math.floor(
      positive(env.EMERGENCY_MAX_OPEN, DEFAULT_POLICY.maxOpenPerStaff, 'EMERGENCY_MAX_OPEN'),
    ),
  };
}

/** The roles whose staff meet emergencies in person: not OTHER (e.g. ハローワーク), not SANKA. */
export const MAY_OPEN_EMERGENCY: readonly AgencyRole[] = ['FIELD', 'TAKIKAN', 'OUTREACH', 'COORDINATOR'];

export type WindowStatus = 'OPEN' | 'AWAITING_REVIEW' | 'REVIEWED';

/** When the window stopped giving access: closed, or expired; null while open. */
export function endedAt(w: Pick<EmergencyWindowDoc, 'closedAt' | 'expiresAt'>, now: Date): string | null {
  if (w.closedAt !== null) return w.closedAt;
  return Date.parse(w.expiresAt) <= now.getTime() ? w.expiresAt : null;
}

export function windowStatus(w: EmergencyWindowDoc, now: Date): WindowStatus {
  if (w.review) return 'REVIEWED';
  return endedAt(w, now) === null ? 'OPEN' : 'AWAITING_REVIEW';
}

/** Awaiting review for longer than the town allows. */
export function isOverdue(w: EmergencyWindowDoc, now: Date, policy: EmergencyPolicy): boolean {
  const ended = endedAt(w, now);
  if (w.review || ended === null) return false;
  return now.getTime() - Date.parse(ended) > policy.reviewDays * 24 * 3600 * 1000;
}

export interface OpenRequest {
  role: AgencyRole;
  reasonCategory: EmergencyReason;
  reason: string | null | undefined;
  hours: number | null | undefined;
}

/** The window's length in hours, or a refusal naming the argument. */
export function windowHours(hours: number | null | undefined, policy: EmergencyPolicy): number {
  if (hours === null || hours === undefined) return policy.defaultHours;
  if (!Number.isFinite(hours) || hours <= 0 || hours > policy.maxHours)
    throw invalidArgument(
      'input.hours',
      `an emergency window lasts more than 0 and at most ${policy.maxHours} hours`,
    );
  return hours;
}

export function windowReason(reason: string | null | undefined): string {
  return text(reason, 'input.reason', true, REASON_MAX_LENGTH) as string;
}

export function checkReasonCategory(category: string): Check {
  return (EMERGENCY_REASONS as readonly string[]).includes(category)
    ? null
    : invalidArgument('input.reasonCategory', `not a reason category: ${category}`);
}

/**
 * Who is refused a new window: an agency whose role does not meet emergencies in person;
 * a staff member whose window 福祉課 judged 不適切 (until 福祉課 lifts the restriction,
 * having spoken with them); a staff member already holding `maxOpenPerStaff` open windows.
 */
export function checkMayOpen(
  role: AgencyRole,
  ownWindows: readonly EmergencyWindowDoc[],
  now: Date,
  policy: EmergencyPolicy,
): Check {
  if (!MAY_OPEN_EMERGENCY.includes(role))
    return refuse(
      'FORBIDDEN_ACTION',
      `emergency access is for ${MAY_OPEN_EMERGENCY.join(', ')}; the role is ${role}`,
    );
  if (ownWindows.some((w) => w.review?.verdict === 'INAPPROPRIATE' && !w.restrictionLiftedAt))
    return refuse(
      'EMERGENCY_ACCESS_RESTRICTED',
      'a window of this staff member was judged 不適切 and not yet cleared',
    );
  const open = ownWindows.filter((w) => windowStatus(w, now) === 'OPEN').length;
  if (open >= policy.maxOpenPerStaff)
    return refuse(
      'EMERGENCY_ACCESS_RESTRICTED',
      `already ${open} open windows (at most ${policy.maxOpenPerStaff})`,
    );
  return null;
}
