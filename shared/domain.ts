/**
 * The vocabulary every service shares: the four siloed fields of 社会福祉法106条の4
 * 第2項第1号 イ〜ニ, the sensitivity classes fields carry, and agency roles.
 */

/** 介護 / 障害 / 子ども / 困窮. */
export const WELFARE_FIELDS = ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'] as const;
export type WelfareField = (typeof WELFARE_FIELDS)[number];

export function isWelfareField(value: unknown): value is WelfareField {
  return typeof value === 'string' && (WELFARE_FIELDS as readonly string[]).includes(value);
}

/**
 * What a field holds, as marked with `@sensitive(class: …)` in the subgraph schemas.
 * GENERAL is the default for unmarked fields.
 */
export const SENSITIVITY_CLASSES = ['GENERAL', 'TAX', 'CHILD_PROTECTION', 'ADDRESS'] as const;
export type SensitivityClass = (typeof SENSITIVITY_CLASSES)[number];

export function isSensitivityClass(value: unknown): value is SensitivityClass {
  return typeof value === 'string' && (SENSITIVITY_CLASSES as readonly string[]).includes(value);
}

/**
 * What an agency does in the town's system. A silo agency runs one field; the others
 * are the 重層 functions (福祉課, 多機関協働事業者, アウトリーチ等事業者) or none (e.g. ハローワーク).
 */
export const AGENCY_ROLES = ['FIELD', 'COORDINATOR', 'TAKIKAN', 'OUTREACH', 'SANKA', 'OTHER'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export interface Agency {
  id: string;
  name: string;
  role: AgencyRole;
  /** The field the agency runs itself; set only when role is FIELD. */
  field: WelfareField | null;
}

/** The silo subgraphs, each wrapping one field's record system. */
export const SILOS = [
  { service: 'kaigo', field: 'KAIGO' },
  { service: 'shogai', field: 'SHOGAI' },
  { service: 'kodomo', field: 'KODOMO' },
  { service: 'konkyu', field: 'KONKYU' },
] as const satisfies readonly { service: string; field: WelfareField }[];
export type SiloService = (typeof SILOS)[number]['service'];

export const SERVICES = ['juso', 'kaigo', 'shogai', 'kodomo', 'konkyu'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function fieldOfSilo(service: string): WelfareField | null {
  return SILOS.find((s) => s.service === service)?.field ?? null;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
