/**
 * A few thousand rows in CP932 against a registry of the same size: every row
 * accounted for, and a re-import of the same export changes nothing. The 150,000-row
 * run is bench/import-150k.ts (BENCHMARKS.md), not part of the suite.
 */
import type { ImportProgress } from '../../import';
import { StoreRecordSource } from '../../shared/silo/store-source';
import { KAIGO_COLLECTION } from '../../subgraphs/kaigo/adapter/native';
import { kaigoImport } from '../../subgraphs/kaigo/import/definition';
import { kaigoStoreConfig } from '../../subgraphs/kaigo/silo';
import { kaigoExportLines, kaigoExportStats } from '../fixtures/import/kaigo-export';
import { harness, registry, sjis } from './helpers';

const ROWS = 3_000;

describe(`an export of ${ROWS} rows`, () => {
  it('imports, links and re-imports without duplicates', async () => {
    const h = await harness(kaigoImport, await registry(ROWS));
    const bytes = sjis([...kaigoExportLines(ROWS)].join('\r\n') + '\r\n');
    const expected = kaigoExportStats(ROWS);
    const phases = new Set<ImportProgress['phase']>();

    const started = performance.now();
    const s = await h.run('kaigo-3000.csv', bytes, { onProgress: (p) => phases.add(p.phase) });
    const seconds = (performance.now() - started) / 1000;
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({
      encoding: 'cp932',
      rowsRead: ROWS,
      inserted: ROWS,
      linkedByNumber: expected.withNumber,
    });
    // Every near match waits; an exact one links unless the town has a true twin of it.
    expect(s.waiting).toBeGreaterThanOrEqual(expected.nearMatch);
    expect(s.linkedByExactMatch + s.waiting).toBe(ROWS - expected.withNumber);
    expect(s.linkedByExactMatch).toBeGreaterThan((ROWS - expected.withNumber - expected.nearMatch) * 0.95);
    expect([...phases]).toEqual(['read', 'load', 'link', 'compare', 'write']);
    expect(seconds).toBeLessThan(15);

    expect(await h.silo.collection(KAIGO_COLLECTION).countDocuments({})).toBe(ROWS);
    const again = await h.run('kaigo-3000.csv', bytes);
    expect(again).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: ROWS, written: false });
    expect(await h.silo.collection(KAIGO_COLLECTION).countDocuments({})).toBe(ROWS);

    const source = new StoreRecordSource(h.silo, kaigoStoreConfig);
    const found = await source.findByResidentIds(['S-0000001', 'S-0000007']);
    expect(found.get('S-0000001')).toMatchObject({
      insuredNumber: '2000000001',
      consultations: [{ date: '2026-06-02' }],
    });
    expect(found.get('S-0000007')?.insuredNumber).toBe('2000000007'); // linked by exact match
  });
});
