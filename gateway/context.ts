/** What the gateway knows about one request. */
import type { Principal } from '../shared/access/facts';
import type { CredentialSubject } from '../shared/auth/gateway-credential';
import type { AuditDecision, AuditRecordDraft } from './audit/record';
import type { RequestFacts } from './enforcement/facts-client';

export interface GatewayContext {
  requestId: string;
  principal: Principal;
  /** `X-Meeting-Id`, or null outside meetings. */
  meetingId: string | null;
  /** `X-Emergency-Access`: the 緊急時の閲覧 window the request acts in, or null. Never with a meeting. */
  emergencyId: string | null;
  now: Date;
  facts: RequestFacts;
  /**
   * Every decision made for this request, keyed by the whole decision: the same decision
   * made twice is one entry with a count, a withheld and a disclosed one for the same
   * (person, field, class, subject) are two (a first-wins key hid the later disclosure).
   */
  decisions: Map<string, AuditDecision>;
}

/** Who the gateway vouches for in its subgraph credentials; also used before the context exists. */
export function credentialSubject(
  ctx: Pick<GatewayContext, 'principal' | 'meetingId' | 'requestId'>,
): CredentialSubject {
  return {
    staffId: ctx.principal.staffId,
    agency: {
      id: ctx.principal.agency.id,
      role: ctx.principal.agency.role,
      field: ctx.principal.agency.field,
    },
    meetingId: ctx.meetingId,
    requestId: ctx.requestId,
  };
}

/** The request's audit record, as the audit plugin hands it to the log. */
export function auditDraft(ctx: GatewayContext): AuditRecordDraft {
  return {
    at: ctx.now.toISOString(),
    requestId: ctx.requestId,
    staffId: ctx.principal.staffId,
    agencyId: ctx.principal.agency.id,
    meetingId: ctx.meetingId,
    emergencyId: ctx.emergencyId,
    decisions: [...ctx.decisions.values()],
  };
}
