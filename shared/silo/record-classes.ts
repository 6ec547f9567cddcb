/**
 * Sensitivity classes that cover a whole record, depending on what the record holds:
 * a 子ども record of a child registered with the 要対協 (要保護児童・要支援児童・特定妊婦)
 * is child-protection data through and through — its consultations and plans tell the
 * same story as its registration (DOMAIN.md).
 *
 * The gateway cannot know before fetching whether a record is of such a class, so it
 * decides every class listed here for every read of the field and sends the verdicts
 * with the grants; the silo withholds the whole record unless its class was granted
 * (shared/silo/subgraph.ts), and the gateway holds the answer to the same verdicts
 * (gateway/enforcement/enforce.ts). One list, read by both sides, so they cannot drift.
 */
import type { SensitivityClass, WelfareField } from '../domain';
import { SILO_LIST } from '../silos.generated';

/**
 * The built-in silos' classes come from the generated silo list; a silo defined
 * elsewhere (defineSilo, e.g. in a test) registers its own when it is declared, in the
 * process that runs both the gateway and that silo.
 */
const byField = new Map<WelfareField, readonly SensitivityClass[]>(
  SILO_LIST.map((s) => [s.field, s.recordClasses]),
);

export function registerRecordClasses(field: WelfareField, classes: readonly SensitivityClass[]): void {
  const known = byField.get(field);
  if (known && (known.length !== classes.length || known.some((c) => !classes.includes(c))))
    throw new Error(
      `field ${field}: record classes ${classes.join(', ') || 'none'}, not ${known.join(', ') || 'none'}`,
    );
  byField.set(field, [...classes]);
}

/** The classes that cover a whole record of this field. An unknown field throws: fail closed. */
export function recordClassesOf(field: WelfareField): readonly SensitivityClass[] {
  const classes = byField.get(field);
  if (!classes) throw new Error(`unknown welfare field ${field}`);
  return classes;
}

/** How a silo tells, from a record's own data, that a record class covers it. */
export interface RecordClass<G> {
  cls: SensitivityClass;
  covers(record: G): boolean;
}
