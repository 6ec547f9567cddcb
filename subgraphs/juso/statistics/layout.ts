/**
 * Tables of counts with their totals, as published: each cell has a key, each total
 * states an equation a reader can check, and two tables that print the same quantity
 * (the month's intakes, the plans ended in the year) give it the same key, so that
 * suppression (suppress.ts) sees every way a hidden cell could be recovered.
 */
import type { StatCell, StatTable } from './types';
import { suppress } from './suppress';

export interface TotalsSpec {
  /** Keys of the totals, when they are shared with another table; default: the table's own. */
  keys?: readonly string[];
  /** Values, when a total is not the plain sum of its cells (a household counted once). */
  values?: readonly number[];
}

export interface GrandSpec {
  key?: string;
  value?: number;
  /** Which totals the corner sums: the row totals, the column totals, or both (plain tables). */
  sums: 'rows' | 'columns' | 'both';
}

export interface GridSpec {
  key: string;
  title: string;
  unit: string;
  rowHeader: string;
  rows: readonly string[];
  columns: readonly string[];
  /** rows × columns. */
  counts: readonly (readonly number[])[];
  rowTotals?: TotalsSpec | false;
  columnTotals?: TotalsSpec | false;
  grandTotal?: GrandSpec | false;
  totalLabel?: string;
  note?: string;
}

interface PlacedTable {
  spec: GridSpec;
  cells: string[][];
  rowTotals: string[] | null;
  columnTotals: string[] | null;
  grand: string | null;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export class Layout {
  readonly values = new Map<string, number>();
  readonly equations: string[][] = [];
  private readonly tables: PlacedTable[] = [];

  /** A count under a key; a key used twice must mean the same count. */
  private put(key: string, value: number): string {
    if (!Number.isInteger(value) || value < 0) throw new Error(`statistics: ${key} is not a count: ${value}`);
    const before = this.values.get(key);
    if (before !== undefined && before !== value)
      throw new Error(`statistics: ${key} is published as ${before} and as ${value}`);
    this.values.set(key, value);
    return key;
  }

  grid(spec: GridSpec): void {
    const { key, rows, columns, counts } = spec;
    if (counts.length !== rows.length || counts.some((r) => r.length !== columns.length))
      throw new Error(`statistics: ${key} has ${rows.length}×${columns.length} labels but other counts`);
    const cells = counts.map((row, r) => row.map((v, c) => this.put(`${key}[${r}][${c}]`, v)));
    const rowSums = counts.map((row) => sum(row));
    const colSums = columns.map((_, c) => sum(counts.map((row) => row[c] as number)));

    const totals = (t: TotalsSpec | false | undefined, n: number, sums: number[], tag: string) => {
      if (!t) return null;
      return Array.from({ length: n }, (_, i) =>
        this.put(t.keys?.[i] ?? `${key}.${tag}[${i}]`, t.values?.[i] ?? (sums[i] as number)),
      );
    };
    const rowTotals = totals(spec.rowTotals, rows.length, rowSums, 'row');
    const columnTotals = totals(spec.columnTotals, columns.length, colSums, 'column');
    if (rowTotals)
      rows.forEach((_, r) => this.equations.push([...(cells[r] as string[]), rowTotals[r] as string]));
    if (columnTotals)
      columns.forEach((_, c) =>
        this.equations.push([...cells.map((row) => row[c] as string), columnTotals[c] as string]),
      );

    let grand: string | null = null;
    const g = spec.grandTotal;
    if (g) {
      const of =
        g.sums === 'rows' ? rowTotals : g.sums === 'columns' ? columnTotals : (rowTotals ?? columnTotals);
      if (!of) throw new Error(`statistics: ${key} has a grand total without the totals it sums`);
      grand = this.put(g.key ?? `${key}.total`, g.value ?? sum(of.map((k) => this.values.get(k) as number)));
      if (g.sums !== 'columns' && rowTotals) this.equations.push([...rowTotals, grand]);
      if (g.sums !== 'rows' && columnTotals) this.equations.push([...columnTotals, grand]);
    }
    this.tables.push({ spec, cells, rowTotals, columnTotals, grand });
  }

  /** The tables as published, after suppression at this threshold. */
  render(minCell: number): StatTable[] {
    const hidden = suppress({ values: this.values, equations: this.equations }, minCell);
    const cell = (k: string): StatCell => {
      const v = this.values.get(k) as number;
      return hidden.has(k)
        ? { value: null, suppressed: true, text: `<${minCell}` }
        : { value: v, suppressed: false, text: String(v) };
    };
    return this.tables.map(({ spec, cells, rowTotals, columnTotals, grand }) => ({
      key: spec.key,
      title: spec.title,
      unit: spec.unit,
      rowHeader: spec.rowHeader,
      rows: [...spec.rows],
      columns: [...spec.columns],
      cells: cells.map((row) => row.map(cell)),
      rowTotals: rowTotals?.map(cell) ?? null,
      columnTotals: columnTotals?.map(cell) ?? null,
      grandTotal: grand === null ? null : cell(grand),
      totalLabel: spec.totalLabel ?? '計',
      note: spec.note ?? null,
    }));
  }
}
