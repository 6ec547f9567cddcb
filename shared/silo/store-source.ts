import type { Store } from '../store';
import type { GraphRecord, LinkedNativeDoc, RecordSource, StoredSiloConfig } from './types';
import { LINK_INDEX } from './types';

/** The default adapter: the agency's records imported into the silo's own store. */
export class StoreRecordSource<N extends LinkedNativeDoc, G extends GraphRecord> implements RecordSource<G> {
  constructor(
    private readonly store: Store,
    private readonly config: StoredSiloConfig<N, G>,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.store
      .collection<N>(this.config.collection)
      .createIndexes([LINK_INDEX, ...this.config.indexes]);
  }

  async findByResidentIds(residentIds: readonly string[]): Promise<Map<string, G>> {
    const found = new Map<string, G>();
    if (residentIds.length === 0) return found;
    // One query however many residents: the link index answers `$in`.
    const docs = await this.store
      .collection<N>(this.config.collection)
      .find({ 'link.residentId': { $in: [...residentIds] } });
    for (const doc of docs) {
      const residentId = doc.link?.residentId;
      if (residentId) found.set(residentId, this.config.toGraph(doc, residentId));
    }
    return found;
  }
}
