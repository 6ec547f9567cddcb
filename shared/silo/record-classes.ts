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

export const RECORD_CLASSES: Readonly<Record<WelfareField, readonly SensitivityClass[]>> = {
  KAIGO: [],
  SHOGAI: [],
  KODOMO: ['CHILD_PROTECTION'],
  KONKYU: [],
};

/** How a silo tells, from a record's own data, that a record class covers it. */
export interface RecordClass<G> {
  cls: SensitivityClass;
  covers(record: G): boolean;
}
