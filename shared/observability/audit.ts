/**
 * The audit write, observed from outside the audit log: a wrapper around an object's
 * `append` (the AuditLog's), timing it into juso_audit_write_duration_seconds,
 * counting failures, and with tracing on an `audit.write` span whose attributes are
 * the number of decisions and the outcome — never who or what they were about.
 */
import { metrics, secondsSince } from './metrics';
import { inSpan } from './tracing';

interface Appending {
  append(draft: never): Promise<unknown>;
}

/** How many decisions a draft carries: a record with `decisions`, or a list of them. */
function decisionCount(draft: unknown): number {
  if (Array.isArray(draft)) return draft.length;
  const decisions = (draft as { decisions?: unknown } | null)?.decisions;
  return Array.isArray(decisions) ? decisions.length : 1;
}

export function observeAuditWrites<T extends Appending>(log: T): T {
  const append = log.append.bind(log) as (draft: unknown) => Promise<unknown>;
  const observed = async (draft: unknown): Promise<unknown> => {
    const start = process.hrtime.bigint();
    try {
      return await inSpan(
        'audit.write',
        { 'juso.decisions': decisionCount(draft) },
        () => append(draft),
        () => ({
          'juso.outcome': 'written',
        }),
      );
    } catch (error) {
      metrics.auditWriteFailures.inc();
      throw error;
    } finally {
      metrics.auditWriteDuration.observe(secondsSince(start));
    }
  };
  log.append = observed as T['append'];
  return log;
}
