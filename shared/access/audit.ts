/**
 * A decision as the audit log records it. The gateway decides silo fields (decide.ts),
 * the 重層 subgraph its own data (juso-data.ts); both are audited in one shape, and the
 * subgraph's decisions travel to the gateway in it (`extensions.accessDecisions`). Here,
 * once, for both sides: what an audited decision is, and how a decision becomes one.
 */
import type { Decision } from './decide';
import type { JusoDecision } from './juso-data';

export type Outcome = 'DISCLOSED' | 'WITHHELD';

/** One decision, audited. */
export interface AuditedDecision {
  personId: string | null;
  /** KAIGO, SHOGAI, KODOMO, KONKYU, or the 重層 data read (IDENTITY, CASE, PLAN, CONSENT, MEETING, …), or AUDIT. */
  field: string;
  cls: string;
  subjectId: string | null;
  decision: Outcome;
  /** OWN_FIELD, CONSENT, SOCIAL_WELFARE_ACT_106_6, CASE_TEAM, … when disclosed. */
  basis: string | null;
  consentId: string | null;
  /** The withheld code when withheld. */
  code: string | null;
}

export type AuditOutcome = Pick<AuditedDecision, 'decision' | 'basis' | 'consentId' | 'code'>;

/** Withheld: the code says why; no basis, no consent. */
export const withheldOutcome = (code: string): AuditOutcome => ({
  decision: 'WITHHELD',
  basis: null,
  consentId: null,
  code,
});

/** What the audit says of a decision: disclosed on its basis (and consent), or withheld with its code. */
export function auditOutcome(d: Decision | JusoDecision): AuditOutcome {
  if (d.effect !== 'ALLOW') return withheldOutcome(d.code);
  return {
    decision: 'DISCLOSED',
    basis: d.basis,
    consentId: 'consentId' in d ? d.consentId : null,
    code: null,
  };
}

/**
 * A decision as the 重層 subgraph reports it. It carries no consent id: the subgraph
 * decides nothing on consent (juso-data.ts), and the gateway takes none from it.
 */
export type ReportedDecision = Omit<AuditedDecision, 'consentId'>;

/**
 * One reported decision, checked for shape before it enters the audit (the gateway's
 * side of `extensions.accessDecisions`); null for anything that is not one.
 */
export function readReportedDecision(value: unknown): AuditedDecision | null {
  if (!value || typeof value !== 'object') return null;
  const d = value as Record<string, unknown>;
  if (d.decision !== 'DISCLOSED' && d.decision !== 'WITHHELD') return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    personId: str(d.personId),
    field: str(d.field) ?? 'UNKNOWN',
    cls: str(d.cls) ?? 'GENERAL',
    subjectId: str(d.subjectId),
    decision: d.decision,
    basis: str(d.basis),
    consentId: null,
    code: str(d.code),
  };
}
