/**
 * 事業評価 as CSV (subgraphs/juso/statistics/csv.ts): one block per table with Japanese
 * headers, totals and notes, CRLF, UTF-8 with a BOM or CP932, cells as published.
 */
import iconv from 'iconv-lite';
import { csvField, encodeCsv, statisticsCsv } from '../../subgraphs/juso/statistics/csv';
import { Layout } from '../../subgraphs/juso/statistics/layout';
import type { StatisticsResult } from '../../subgraphs/juso/statistics/types';

function result(): StatisticsResult {
  const layout = new Layout();
  layout.grid({
    key: 'intakesByRoute',
    title: '相談受付件数（経路別）',
    unit: '件',
    rowHeader: '月',
    rows: ['2025年4月', '2025年5月'],
    columns: ['窓口', '紹介', 'アウトリーチ'],
    counts: [
      [12, 4, 1],
      [10, 6, 5],
    ],
    rowTotals: {},
    columnTotals: {},
    grandTotal: { sums: 'both' },
    note: '経路は受付の記録から判断しています。',
  });
  return {
    fiscalYear: 2025,
    from: '2025-04-01',
    to: '2026-03-31',
    asOf: '2026-03-31',
    minCell: 3,
    tables: layout.render(3),
    medianDaysToConfirmedPlan: {
      plans: { value: 12, suppressed: false, text: '12' },
      days: 41.5,
      text: '41.5日',
    },
  };
}

describe('statistics CSV', () => {
  const text = statisticsCsv(result());
  const lines = text.split('\r\n');

  it('one block per table: title with unit, Japanese header, rows, totals, note; CRLF', () => {
    expect(text).not.toMatch(/[^\r]\n/);
    expect(lines[0]).toBe(
      '重層的支援体制整備事業 事業評価 2025年度（2025-04-01から2026-03-31まで、2026-03-31現在）',
    );
    const at = lines.indexOf('相談受付件数（経路別）（単位: 件）');
    expect(lines.slice(at, at + 6)).toEqual([
      '相談受付件数（経路別）（単位: 件）',
      '月,窓口,紹介,アウトリーチ,計',
      // 4月's アウトリーチ (1) is below 3; 紹介 (4) is the smallest other in the row, and so on.
      ...result().tables[0]!.rows.map((label, r) =>
        [
          label,
          ...result().tables[0]!.cells[r]!.map((c) => c.text),
          result().tables[0]!.rowTotals![r]!.text,
        ].join(','),
      ),
      [
        '計',
        ...result().tables[0]!.columnTotals!.map((c) => c.text),
        result().tables[0]!.grandTotal!.text,
      ].join(','),
      '注: 経路は受付の記録から判断しています。',
    ]);
    expect(text).toContain('<3');
    expect(lines.slice(-4)).toEqual([
      '受付から支援プラン確定までの日数（中央値）',
      '対象のプラン（件）,中央値（日）',
      '12,41.5',
      '',
    ]);
  });

  it('UTF-8 with a BOM, and CP932 that round-trips every character', () => {
    const utf8 = encodeCsv(text, 'utf-8');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.subarray(3).toString('utf8')).toBe(text);
    const sjis = encodeCsv(text, 'cp932');
    expect(sjis.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(iconv.decode(sjis, 'cp932')).toBe(text);
    expect(sjis.includes(Buffer.from('?'))).toBe(false);
  });

  it('quotes what needs quoting, and never lets a cell start a formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('-1')).toBe('-1');
    expect(csvField('<3')).toBe('<3');
  });
});
