/**
 * The error that replaces a withheld field. Its message depends only on the code, so
 * a withheld field reads the same whether or not a record exists behind it.
 */
import { GraphQLError } from 'graphql';
import type { WithheldCode } from './decide';

export const WITHHELD_MESSAGES: Record<WithheldCode, string> = {
  UNAUTHENTICATED: 'Withheld: not signed in',
  ADDRESS_WITHHELD: 'Withheld: this address is protected (DV等支援措置)',
  MEETING_NOT_OPEN: 'Withheld: the meeting is not open',
  NOT_MEETING_MEMBER: 'Withheld: your agency is not a member of this meeting',
  NOT_ON_AGENDA: 'Withheld: the person is not on this meeting’s agenda',
  CONSENT_REQUIRED: 'Withheld: the person has not consented to sharing this field',
  TAX_CONSENT_REQUIRED: 'Withheld: tax information needs consent that covers it',
  NOT_ON_TEAM: 'Withheld: your agency has no role on this person’s case',
  FORBIDDEN: 'Withheld: this record is not shared on this basis',
  ACCESS_CHECK_UNAVAILABLE: 'Withheld: access could not be checked',
  EMERGENCY_ACCESS_NOT_OPEN: 'Withheld: the emergency access window is not open',
};

export const WITHHELD_CODES = Object.keys(WITHHELD_MESSAGES) as WithheldCode[];

export function isWithheldCode(value: unknown): value is WithheldCode {
  return typeof value === 'string' && value in WITHHELD_MESSAGES;
}

export function withheldError(code: WithheldCode): GraphQLError {
  return new GraphQLError(WITHHELD_MESSAGES[code], { extensions: { code } });
}

export function unauthenticatedRequest(): GraphQLError {
  return new GraphQLError('Unauthenticated', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
