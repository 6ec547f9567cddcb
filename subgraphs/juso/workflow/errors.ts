/**
 * The errors a workflow mutation answers with. Each has a stable `extensions.code`;
 * the message says in plain words what was refused and, where there is one, what to
 * do instead. A refused mutation has written nothing.
 */
import { GraphQLError } from 'graphql';

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
] as const;
export type WorkflowCode = (typeof WORKFLOW_CODES)[number];

/** A refusal: the error a mutation answers with. Pure rules return them; resolvers throw them. */
export class WorkflowRefusal extends GraphQLError {
  constructor(
    readonly code: WorkflowCode,
    message: string,
  ) {
    super(message, { extensions: { code } });
    this.name = 'WorkflowRefusal';
  }
}

/** What a pure rule answers: fine (null), or a refusal to raise. */
export type Check = WorkflowRefusal | null;

export const refuse = (code: WorkflowCode, message: string) => new WorkflowRefusal(code, message);

/** Raises the first refusal among these checks, if any. */
export function raise(...checks: Check[]): void {
  for (const c of checks) if (c) throw c;
}
