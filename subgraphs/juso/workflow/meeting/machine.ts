/**
 * The meeting machine, pure. Who may fire an event is roles.ts; what else must hold
 * (members, agenda, the convener) is rules.ts. Nothing here reads or writes the store.
 */
import { assertNever } from '../../../../shared/domain';
import type { MeetingStatus } from '../../model';
import type { Transition } from '../transition';
import { illegal } from '../transition';

export const MEETING_STATUSES = ['SCHEDULED', 'OPEN', 'CLOSED'] as const satisfies readonly MeetingStatus[];

export type MeetingEvent = 'EDIT' | 'OPEN' | 'CLOSE' | 'RECORD_DECISION';

export const MEETING_TRANSITIONS: Readonly<Record<MeetingEvent, readonly MeetingStatus[]>> = {
  /** Members and agenda: before and during the meeting, never after. */
  EDIT: ['SCHEDULED', 'OPEN'],
  OPEN: ['SCHEDULED'],
  CLOSE: ['OPEN'],
  RECORD_DECISION: ['OPEN'],
};

export const MEETING_EVENTS = Object.keys(MEETING_TRANSITIONS) as MeetingEvent[];

export function meetingTransition(status: MeetingStatus, event: MeetingEvent): Transition<MeetingStatus> {
  const allowed = MEETING_TRANSITIONS[event];
  if (!allowed.includes(status)) return illegal(event, status, allowed);
  switch (event) {
    case 'EDIT':
    case 'RECORD_DECISION':
      return { ok: true, to: status };
    case 'OPEN':
      return { ok: true, to: 'OPEN' };
    case 'CLOSE':
      return { ok: true, to: 'CLOSED' };
    default:
      return assertNever(event);
  }
}
