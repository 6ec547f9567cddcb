/**
 * The errors a workflow mutation answers with. Each has a stable `extensions.code`,
 * and its message depends on the code alone (DOMAIN.md: "a refusal never tells the
 * caller a person's consent state"): a refusal built from stored state — whose consent
 * is missing, which case exists, who is on which team — would disclose that state to a
 * caller who may not read it, unaudited. The reason a rule refused is kept in the source
 * beside each `refuse` as documentation, not sent. A refused mutation has written nothing.
 *
 * One exception, `invalidArgument`: a malformed argument (a blank title, a date that is
 * not a date) is refused with the argument's name, which depends on the caller's own input
 * and nothing stored.
 */
import { GraphQLError } from 'graphql';
import { WORKFLOW_CODES } from '../../../shared/workflow-codes';

export { WORKFLOW_CODES };
export type WorkflowCode = (typeof WORKFLOW_CODES)[number];

/** The one message each code answers with, whatever the stored state behind it. */
export const REFUSAL_MESSAGES: Readonly<Record<WorkflowCode, string>> = {
  BAD_USER_INPUT: 'The request was refused: an argument is malformed, inconsistent or names nothing usable.',
  FORBIDDEN_ACTION: 'The request was refused: your agency may not perform this action here.',
  ILLEGAL_TRANSITION: 'The request was refused: this step is not possible in the current state.',
  VERSION_CONFLICT:
    'The request was refused: the record has changed since you read it. Reload and try again.',
  CONSENT_REQUIRED_USE_SHIEN_KAIGI:
    'The request was refused: this needs the consent of the people concerned. Without it, 福祉課 can bring the case to a 支援会議 (社会福祉法106条の6).',
  CONSENT_REQUIRED: 'The request was refused: this needs the consent of the people concerned.',
  MEETING_REQUIRED:
    'The request was refused: this is decided at a meeting. Act in an open meeting (X-Meeting-Id).',
  MEETING_NOT_OPEN: 'The request was refused: the meeting is not open.',
  NOT_MEETING_MEMBER: 'The request was refused: your agency is not a member of this meeting.',
  NOT_ON_AGENDA: 'The request was refused: this is not on the meeting’s agenda.',
  WRONG_MEETING_KIND: 'The request was refused: this is decided at the other kind of meeting.',
  EMERGENCY_ACCESS_RESTRICTED:
    'The request was refused: you cannot open another emergency access window now. Ask 福祉課.',
};

/** A refusal: the error a mutation answers with. Pure rules return them; resolvers throw them. */
export class WorkflowRefusal extends GraphQLError {
  constructor(
    readonly code: WorkflowCode,
    /** Why, for the source and for unit tests of the pure rules; never sent. */
    readonly reason: string,
    argument?: string,
  ) {
    super(REFUSAL_MESSAGES[code], { extensions: argument ? { code, argument } : { code } });
    this.name = 'WorkflowRefusal';
  }
}

/** What a pure rule answers: fine (null), or a refusal to raise. */
export type Check = WorkflowRefusal | null;

/** A refusal whose message is its code's: `reason` stays on the server side. */
export const refuse = (code: WorkflowCode, reason: string) => new WorkflowRefusal(code, reason);

/** A malformed argument: BAD_USER_INPUT naming the argument (the caller's own input only). */
export const invalidArgument = (argument: string, reason: string) =>
  new WorkflowRefusal('BAD_USER_INPUT', reason, argument);

/** Raises the first refusal among these checks, if any. */
export function raise(...checks: Check[]): void {
  for (const c of checks) if (c) throw c;
}
