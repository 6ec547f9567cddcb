/**
 * The vocabulary every service shares: the siloed fields (社会福祉法106条の4 第2項第1号
 * イ〜ニ: 介護, 障害, 子ども, 困窮, and any silo a town adds), the sensitivity classes
 * fields carry, and agency roles. The silos' lists come from their declarations
 * (subgraphs/<silo>/silo.ts) through the generated silos.generated.ts.
 */
import { SILO_LIST } from './silos.generated';

/** The built-in silos' fields, in the silo list's order: 介護 / 障害 / 子ども / 困窮. */
export const WELFARE_FIELDS = SILO_LIST.map((s) => s.field);
export type BuiltInField = (typeof SILO_LIST)[number]['field'];
/**
 * A silo's field: one of the built-in ones, or the field of a silo declared elsewhere
 * with defineSilo (a town's own, a test's). The access rules compare fields; they do
 * not enumerate them, so nothing but the silo list needs to know a new one.
 */
export type WelfareField = BuiltInField | (string & {});

export function isWelfareField(value: unknown): value is BuiltInField {
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

/** The built-in silo subgraphs, each wrapping one field's record system. */
export type SiloService = (typeof SILO_LIST)[number]['service'];
export const SILOS: readonly { service: SiloService; field: BuiltInField }[] = SILO_LIST.map((s) => ({
  service: s.service,
  field: s.field,
}));

/** The 重層 subgraph and the silos: every process but the gateway. */
export type ServiceName = 'juso' | SiloService;
export const SERVICES: readonly ServiceName[] = ['juso', ...SILO_LIST.map((s) => s.service)];

/** A silo's service name and field, as the gateway routes by them. */
export interface SiloEntry {
  service: string;
  field: WelfareField;
}

export function fieldOfSilo(service: string, silos: readonly SiloEntry[] = SILOS): WelfareField | null {
  return silos.find((s) => s.service === service)?.field ?? null;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
