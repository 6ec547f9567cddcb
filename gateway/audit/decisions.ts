/**
 * The decisions of one request, gathered for its audit record (one record per request,
 * record.ts). Takes only the request's map of decisions, not the whole gateway context,
 * so the audit does not depend on what else a request carries.
 */
import type { AuditedDecision } from '../../shared/access/audit';
import { readReportedDecision } from '../../shared/access/audit';
import type { AuditDecision } from './record';
import { decisionKey } from './record';

/** Where a request's decisions are kept, keyed by the whole decision (see GatewayContext). */
export interface DecisionLog {
  decisions: Map<string, AuditDecision>;
}

export function recordDecision(log: DecisionLog, d: AuditedDecision): void {
  const key = decisionKey(d);
  const seen = log.decisions.get(key);
  if (seen) seen.count += 1;
  else log.decisions.set(key, { ...d, count: 1 });
}

/** The 重層 subgraph's own decisions; anything not of the reported shape is dropped. */
export function collectReported(log: DecisionLog, reported: unknown[]): void {
  for (const r of reported) {
    const d = readReportedDecision(r);
    if (d) recordDecision(log, d);
  }
}
