/**
 * What of an error reaches the client: its message, locations, path and a stable
 * `extensions.code`. Never a stack trace, a subgraph's name or an internal URL. In
 * production, anything that is not a policy decision or a client mistake is masked.
 */
import type { GraphQLFormattedError } from 'graphql';
import { isWithheldCode } from '../../shared/access/errors';
import { isTokenLimitError, TOO_LONG } from './query-limits';
import { WORKFLOW_CODES } from '../../shared/workflow-codes';

/** Codes that describe the client's own request; safe to show as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // Not in the trusted manifest (plugins/trusted-documents.ts): the client's document.
  'OPERATION_NOT_TRUSTED',
  'UNAUTHENTICATED',
  'AUDIT_UNAVAILABLE',
  'QUERY_LIMIT_EXCEEDED',
  // A silo did not answer: the message names no service and no URL.
  'SUBGRAPH_UNAVAILABLE',
  // The 重層 workflow's refusals (subgraphs/juso/workflow/errors.ts): the caller's own mistake or role.
  ...WORKFLOW_CODES,
]);

/** An argument path as the workflow names it: `title`, `input.topics[2]`. */
const ARGUMENT = /^[A-Za-z0-9_.[\]]{1,80}$/;

export function makeFormatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isTokenLimitError(formatted.message))
      return { message: TOO_LONG, extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    const base = {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (isWithheldCode(code) || (typeof code === 'string' && CLIENT_CODES.has(code))) {
      // A malformed argument is named (workflow/errors.ts invalidArgument): the caller's own input.
      const argument = formatted.extensions?.argument;
      if (code === 'BAD_USER_INPUT' && typeof argument === 'string' && ARGUMENT.test(argument))
        return { ...base, extensions: { code, argument } };
      return { ...base, extensions: { code } };
    }
    if (production) {
      return {
        message: 'Internal server error',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    // Development: the message helps, but names and URLs of services still stay inside.
    const message = formatted.message
      .replace(/https?:\/\/\S+/g, '<url>')
      .replace(/service "[^"]*"/g, 'a data source');
    return {
      ...base,
      message,
      extensions: { code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' },
    };
  };
}
