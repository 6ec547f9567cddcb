/**
 * The errors a workflow mutation answers with. Each has a stable `extensions.code`;
 * the message says in plain words what was refused and, where there is one, what to
 * do instead. A refused mutation has written nothing.
 */
import { GraphQLError } from 'graphql';
import { WORKFLOW_CODES } from '../../../shared/workflow-codes';

export { WORKFLOW_CODES };
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
