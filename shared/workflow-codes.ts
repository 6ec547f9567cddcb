/**
 * The codes the 重層 workflow refuses a mutation with (subgraphs/juso/workflow/errors.ts).
 * Shared so the gateway knows them as the caller's own mistakes, safe to show as they
 * are in production, without importing the subgraph.
 */
export const WORKFLOW_CODES = [
  /** The input is malformed or inconsistent (dates, scores, unknown ids, missing sheets). */
  'BAD_USER_INPUT',
  /** The caller's agency may not perform this action (roles.ts). */
  'FORBIDDEN_ACTION',
  /** The state machine does not allow this from the current status (machine.ts). */
  'ILLEGAL_TRANSITION',
  /** Someone changed the document since the caller read it: reload and try again. */
  'VERSION_CONFLICT',
  /** No active consent: 多機関協働 and 重層的支援会議 need it; 支援会議 does not. */
  'CONSENT_REQUIRED_USE_SHIEN_KAIGI',
  /** A plan other than an outreach plan needs the person's consent to be decided at all. */
  'CONSENT_REQUIRED',
  /** The decision is taken at a meeting: act in one (X-Meeting-Id). */
  'MEETING_REQUIRED',
  'MEETING_NOT_OPEN',
  'NOT_MEETING_MEMBER',
  'NOT_ON_AGENDA',
  /** 支援会議 where a 重層的支援会議 is needed, or the other way round. */
  'WRONG_MEETING_KIND',
  /** 緊急時の閲覧 refused to this staff member: a window judged 不適切, or too many open. */
  'EMERGENCY_ACCESS_RESTRICTED',
] as const;
