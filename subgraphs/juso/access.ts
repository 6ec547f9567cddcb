/**
 * This subgraph's own access checks, on the caller the gateway vouches for. Each
 * decision is kept for the response's `extensions.accessDecisions`, which the gateway
 * writes to the audit log before anything leaves.
 */
import type { GraphQLError } from 'graphql';
import type { ReportedDecision } from '../../shared/access/audit';
import { auditOutcome } from '../../shared/access/audit';
import type { MeetingFacts, PersonFacts, Principal } from '../../shared/access/facts';
import { withheldError } from '../../shared/access/errors';
import type { JusoDecision, JusoSubject } from '../../shared/access/juso-data';
import { decideJusoData } from '../../shared/access/juso-data';
import type { SensitivityClass } from '../../shared/domain';
import type DataLoader from 'dataloader';

/** One decision as reported to the gateway's audit log; `field` is what was read (IDENTITY, CASE, …). */
export type { ReportedDecision } from '../../shared/access/audit';

export interface Viewer {
  principal: Principal;
  meetingId: string | null;
  requestId: string;
}

export interface AccessState {
  viewer: Viewer;
  personFacts: DataLoader<string, PersonFacts>;
  /** The meeting the request acts in, read once. */
  meeting: () => Promise<MeetingFacts | null>;
  /** Keyed by the whole decision: identical ones fold, a withheld and a disclosed one both stay. */
  decisions: Map<string, ReportedDecision>;
}

function record(state: AccessState, entry: ReportedDecision): void {
  const key = JSON.stringify([
    entry.personId,
    entry.field,
    entry.cls,
    entry.subjectId,
    entry.decision,
    entry.basis,
    entry.code,
  ]);
  if (!state.decisions.has(key)) state.decisions.set(key, entry);
}

/** Decides, records one audit entry per person concerned, and returns the decision. */
export async function check(
  state: AccessState,
  subject: JusoSubject,
  audit: {
    field: string;
    cls?: SensitivityClass;
    subjectId: string | null;
    personIds: readonly (string | null)[];
  },
): Promise<JusoDecision> {
  const meeting = state.viewer.meetingId === null ? null : await state.meeting();
  const decision = decideJusoData({
    principal: state.viewer.principal,
    meetingId: state.viewer.meetingId,
    meeting,
    subject,
  });
  // The subgraph reports no consent id (ReportedDecision): it decides nothing on consent.
  const { decision: outcome, basis, code } = auditOutcome(decision);
  for (const personId of audit.personIds.length ? audit.personIds : [null]) {
    record(state, {
      personId,
      field: audit.field,
      cls: audit.cls ?? 'GENERAL',
      subjectId: audit.subjectId,
      decision: outcome,
      basis,
      code,
    });
  }
  return decision;
}

/**
 * A record the caller's own agency wrote (its intake): disclosed to it as its own
 * record, outside decideJusoData, and audited like any other disclosure.
 */
export function ownRecord(
  state: AccessState,
  audit: { field: string; subjectId: string; personIds: readonly string[] },
): void {
  for (const personId of audit.personIds) {
    record(state, {
      personId,
      field: audit.field,
      cls: 'GENERAL',
      subjectId: audit.subjectId,
      decision: 'DISCLOSED',
      basis: 'OWN_RECORD',
      code: null,
    });
  }
}

/**
 * A workflow rule read these people's consent state to accept or refuse a mutation
 * (a referral, an agenda item): the caller learns whether it is in force, so the read is
 * audited as a disclosure of the consent state, on the rule's basis.
 */
export function consentUsedByRule(
  state: AccessState,
  audit: { rule: string; subjectId: string | null; personIds: readonly string[] },
): void {
  for (const personId of audit.personIds) {
    record(state, {
      personId,
      field: 'CONSENT',
      cls: 'GENERAL',
      subjectId: audit.subjectId,
      decision: 'DISCLOSED',
      basis: `WORKFLOW_RULE:${audit.rule}`,
      code: null,
    });
  }
}

/**
 * An event of a 緊急時の閲覧 window (opened, closed, reviewed, restriction lifted) or a read
 * of one: audited about the person, with the window as subject. The window's expiry is
 * fixed when it opens, so the opening record carries it; the disclosures made in the window
 * are audited by the gateway with basis EMERGENCY and the window id.
 */
export function emergencyEvent(
  state: AccessState,
  audit: {
    event: 'OPENED' | 'CLOSED' | 'REVIEWED' | 'RESTRICTION_LIFTED' | 'READ';
    windowId: string;
    personId: string;
  },
): void {
  record(state, {
    personId: audit.personId,
    field: 'EMERGENCY_ACCESS',
    cls: 'GENERAL',
    subjectId: audit.windowId,
    decision: 'DISCLOSED',
    basis: `EMERGENCY_WINDOW_${audit.event}`,
    code: null,
  });
}

/**
 * A read of counts about no one in particular (事業評価: statistics): one audit entry
 * without a person, saying who read which aggregate and whether it was refused.
 */
export function aggregateRead(
  state: AccessState,
  audit: { field: string; subjectId: string; allowed: boolean; basis: string; code: string },
): void {
  record(state, {
    personId: null,
    field: audit.field,
    cls: 'GENERAL',
    subjectId: audit.subjectId,
    decision: audit.allowed ? 'DISCLOSED' : 'WITHHELD',
    basis: audit.allowed ? audit.basis : null,
    code: audit.allowed ? null : audit.code,
  });
}

/** The error a withheld object or field resolves to. */
export function refusal(decision: JusoDecision): GraphQLError | null {
  return decision.effect === 'ALLOW' ? null : withheldError(decision.code);
}
