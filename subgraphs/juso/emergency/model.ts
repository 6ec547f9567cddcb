/**
 * 緊急時の閲覧 windows as the 重層 subgraph stores them: who opened one for whom, why, until
 * when, how it ended, and 福祉課's review. One document per window; its history is the
 * window's own event log (opened, closed, reviewed, restriction lifted).
 */
import type { StoredDoc } from '../../../shared/store';

/** 虐待の疑い, DV, 生命・身体の危険, 行方不明, その他. */
export const EMERGENCY_REASONS = ['ABUSE', 'DV', 'DANGER_TO_LIFE', 'MISSING', 'OTHER'] as const;
export type EmergencyReason = (typeof EMERGENCY_REASONS)[number];

/** 適切 / 不適切. */
export type ReviewVerdict = 'APPROPRIATE' | 'INAPPROPRIATE';

export interface EmergencyReview {
  verdict: ReviewVerdict;
  note: string;
  reviewedAt: string;
  reviewerStaffId: string;
  reviewerAgencyId: string;
}

export interface EmergencyEvent {
  action: 'OPENED' | 'CLOSED' | 'REVIEWED' | 'RESTRICTION_LIFTED';
  at: string;
  staffId: string;
  agencyId: string;
  note: string | null;
}

export interface EmergencyWindowDoc extends StoredDoc {
  personId: string;
  staffId: string;
  agencyId: string;
  reasonCategory: EmergencyReason;
  reason: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string | null;
  review: EmergencyReview | null;
  /** Set by 福祉課 on an 不適切 window: the staff member may open windows again. */
  restrictionLiftedAt: string | null;
  version: number;
  history: EmergencyEvent[];
}
