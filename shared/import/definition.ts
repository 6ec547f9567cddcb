/**
 * What a silo tells the import engine: the fields it accepts, its native key, and how
 * one row becomes its native document. Each silo writes one in
 * `subgraphs/<silo>/import/definition.ts`; the engine knows nothing of any silo's shape.
 */
import type { SiloService } from '../domain';
import type { IndexSpec } from '../store';
import type { LinkedNativeDoc } from '../silo/types';
import type { FieldSpecs, RowValues } from './fields';

/** Who a record is about, as far as the agency knows: what candidate search compares. */
export interface Identity {
  name?: string;
  kana: string;
  /** ISO 8601. */
  birthDate: string;
  address?: string;
}

/**
 * The town's resident number (宛名番号 / 団体内統合宛名番号) is not a silo field: any
 * mapping may feed it from a column, and the engine links the row by it.
 */
export const RESIDENT_ID_FIELD = 'residentId';

/** A native document's own fields: no index signature, no `_id`, no `link`. */
export type NativeBody<N> = {
  [K in keyof N as string extends K ? never : K extends '_id' | 'link' ? never : K]: N[K];
};

export interface TypedSiloImport<N extends LinkedNativeDoc, F extends FieldSpecs> {
  silo: SiloService;
  /** What the agency calls one record, e.g. 被保険者; for messages. */
  recordLabel: string;
  collection: string;
  /** The silo store's indexes beyond the link index (its StoredSiloConfig's). */
  indexes: IndexSpec[];
  /** The field whose value is the native key and becomes `_id` (e.g. 被保険者番号). */
  keyField: keyof F & string;
  fields: F;
  /**
   * The native document for one row, without `_id` and `link` (the engine adds them).
   * `existing` is the stored document on re-import and `mapped` the fields this
   * mapping feeds: a re-import replaces what the export carries and keeps what it
   * does not (history it does not repeat, groups it has no columns for). May throw
   * FieldError for rules across fields.
   */
  toNative(values: RowValues<F>, existing: N | null, mapped: ReadonlySet<keyof F & string>): NativeBody<N>;
  identity(values: RowValues<F>): Identity;
  /** Who a stored record is about, for a record unlinked after the import. */
  docIdentity(doc: N): Identity;
}

/** The same definition with its row type erased, as the engine and the commands hold it. */
export interface SiloImport {
  silo: SiloService;
  recordLabel: string;
  collection: string;
  indexes: IndexSpec[];
  keyField: string;
  fields: FieldSpecs;
  toNative(
    values: Record<string, unknown>,
    existing: LinkedNativeDoc | null,
    mapped: ReadonlySet<string>,
  ): Record<string, unknown>;
  identity(values: Record<string, unknown>): Identity;
  docIdentity(doc: LinkedNativeDoc): Identity;
}

export function defineSiloImport<N extends LinkedNativeDoc, F extends FieldSpecs>(
  definition: TypedSiloImport<N, F>,
): SiloImport {
  return {
    ...definition,
    // The engine only calls these with values parsed by `definition.fields`.
    toNative: (values, existing, mapped) =>
      definition.toNative(values as RowValues<F>, existing as N | null, mapped) as Record<string, unknown>,
    identity: (values) => definition.identity(values as RowValues<F>),
    docIdentity: (doc) => definition.docIdentity(doc as N),
  };
}
