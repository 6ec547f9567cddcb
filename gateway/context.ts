/** What the gateway knows about one request. */
import type { Principal } from '../shared/access/facts';
import type { CredentialSubject } from '../shared/auth/gateway-credential';
import type { AuditDraft } from './audit/audit-log';
import type { RequestFacts } from './policy/facts-client';

export interface GatewayContext {
  requestId: string;
  principal: Principal;
  /** `X-Meeting-Id`, or null outside meetings. */
  meetingId: string | null;
  now: Date;
  facts: RequestFacts;
  /** Decisions made for this request, keyed so each is audited once. */
  decisions: Map<string, AuditDraft>;
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

type DecisionFields = Pick<
  AuditDraft,
  'personId' | 'field' | 'cls' | 'subjectId' | 'decision' | 'basis' | 'consentId' | 'code'
>;

export function recordDecision(ctx: GatewayContext, d: DecisionFields): void {
  const key = JSON.stringify([d.personId, d.field, d.cls, d.subjectId]);
  if (ctx.decisions.has(key)) return;
  ctx.decisions.set(key, {
    at: ctx.now.toISOString(),
    requestId: ctx.requestId,
    staffId: ctx.principal.staffId,
    agencyId: ctx.principal.agency.id,
    meetingId: ctx.meetingId,
    ...d,
  });
}
