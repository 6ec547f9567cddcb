/**
 * The year's statistics as a CSV a municipal report can paste: one block per table (its
 * title and unit, a header row in Japanese, the rows, the totals row, its note), blank
 * lines between blocks, CRLF line ends, every cell exactly as published (「<3」 where
 * suppressed). UTF-8 with a BOM (what Excel needs to read UTF-8) or CP932 (Shift_JIS as
 * Windows writes it, for older office software). Pure: it formats what the graph answered.
 */
import iconv from 'iconv-lite';
import type { StatisticsResult, StatTable } from './types';

export type CsvEncoding = 'utf-8' | 'cp932';

/** RFC 4180 quoting; and a leading = + - @ is neutralised so no spreadsheet runs a cell as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: readonly string[]) => fields.map(csvField).join(',');

function tableLines(t: StatTable): string[] {
  const header = [t.rowHeader, ...t.columns, ...(t.rowTotals ? [t.totalLabel] : [])];
  const rows = t.rows.map((label, r) => [
    label,
    ...(t.cells[r] ?? []).map((c) => c.text),
    ...(t.rowTotals ? [t.rowTotals[r]?.text ?? ''] : []),
  ]);
  const totals = t.columnTotals
    ? [
        [
          t.totalLabel,
          ...t.columnTotals.map((c) => c.text),
          ...(t.rowTotals ? [t.grandTotal?.text ?? ''] : []),
        ],
      ]
    : [];
  return [
    line([`${t.title}（単位: ${t.unit}）`]),
    line(header),
    ...rows.map(line),
    ...totals.map(line),
    ...(t.note ? [line([`注: ${t.note}`])] : []),
  ];
}

export function statisticsCsv(s: StatisticsResult): string {
  const m = s.medianDaysToConfirmedPlan;
  const blocks: string[][] = [
    [
      line([
        `重層的支援体制整備事業 事業評価 ${s.fiscalYear}年度（${s.from}から${s.to}まで、${s.asOf}現在）`,
      ]),
      line([
        `秘匿処理: ${s.minCell}未満のセルは「<${s.minCell}」と表示し、合計から逆算できるセルもあわせて秘匿しています。`,
      ]),
    ],
    ...s.tables.map(tableLines),
    [
      line(['受付から支援プラン確定までの日数（中央値）']),
      line(['対象のプラン（件）', '中央値（日）']),
      line([m.plans.text, m.days === null ? m.text : String(m.days)]),
    ],
  ];
  return blocks.map((b) => b.join('\r\n')).join('\r\n\r\n') + '\r\n';
}

export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(`\uFEFF${text}`, 'utf8');
}
