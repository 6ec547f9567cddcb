/**
 * The contract between a silo subgraph and the agency's record system. An adapter
 * reads the agency's records in their own shape and numbering and hands the graph
 * its record type, keyed by the town's resident number (団体内統合宛名番号).
 */
import type { IndexSpec, StoredDoc } from '../store';

/** How a native record is linked to a resident (see the import tooling). */
export interface ResidentLink {
  residentId: string;
  method: 'NUMBER' | 'CONFIRMED_CANDIDATE';
  linkedAt: string;
  linkedBy: string;
}

/** Every native document we keep carries, beside its own fields, the link we added. */
export interface LinkedNativeDoc extends StoredDoc {
  /** Absent until the record is linked to a resident; unlinked records stay out of the graph. */
  link?: ResidentLink;
}

/** A graph record always knows whose it is, so nested resolvers can check grants. */
export interface GraphRecord {
  personId: string;
}

/**
 * A silo's adapter: where its records live and how they map to the graph. The
 * default implementation (`StoreRecordSource`) reads the silo's own store; an agency
 * may put its own behind the subgraph (its database, a REST API).
 */
export interface RecordSource<G extends GraphRecord> {
  /**
   * Records for these residents, in one round trip to the record system. Residents
   * without a record are absent from the map.
   */
  findByResidentIds(residentIds: readonly string[]): Promise<Map<string, G>>;
}

export interface StoredSiloConfig<N extends LinkedNativeDoc, G extends GraphRecord> {
  /** The collection the agency's records are kept in. */
  collection: string;
  /** Indexes beyond the link index (native numbers, used by import and lookups). */
  indexes: IndexSpec[];
  toGraph(native: N, residentId: string): G;
}

export const LINK_INDEX: IndexSpec = { keys: ['link.residentId'], unique: true, sparse: true };
