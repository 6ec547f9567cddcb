/** The decisions of one request, gathered for its audit record. */
import type { GatewayContext } from '../context';
import type { AuditDecision } from './record';
import { decisionKey } from './record';

type DecisionFields = Omit<AuditDecision, 'count'>;

export function recordDecision(ctx: GatewayContext, d: DecisionFields): void {
  const key = decisionKey(d);
  const seen = ctx.decisions.get(key);
  if (seen) seen.count += 1;
  else ctx.decisions.set(key, { ...d, count: 1 });
}

/** The 重層 subgraph's own decisions, checked for shape before they enter the audit. */
export function collectReported(context: GatewayContext, reported: unknown[]): void {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  for (const r of reported) {
    if (!r || typeof r !== 'object') continue;
    const d = r as Record<string, unknown>;
    if (d.decision !== 'DISCLOSED' && d.decision !== 'WITHHELD') continue;
    recordDecision(context, {
      personId: str(d.personId),
      field: str(d.field) ?? 'UNKNOWN',
      cls: str(d.cls) ?? 'GENERAL',
      subjectId: str(d.subjectId),
      decision: d.decision,
      basis: str(d.basis),
      consentId: null,
      code: str(d.code),
    });
  }
}
