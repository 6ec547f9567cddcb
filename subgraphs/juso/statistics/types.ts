/**
 * The shape of the year's statistics as the graph returns them (schema.graphql
 * `Statistics`), shared by the resolver, the CSV export and the dashboard page. Counts
 * only: no id, no name, no date finer than a month.
 */

/**
 * One published count. `value` is null exactly when the cell is suppressed; `text` is
 * what a report prints: the count, or 「<3」 (the threshold in force).
 */
export interface StatCell {
  value: number | null;
  suppressed: boolean;
  text: string;
}

export interface StatTable {
  /** Stable name of the table (intakesByField, …), for clients and tests. */
  key: string;
  /** 見出し, as a report's table title. */
  title: string;
  /** What each cell counts (件, 世帯, 回). */
  unit: string;
  /** Header of the label column (月, 種類, …). */
  rowHeader: string;
  rows: string[];
  columns: string[];
  /** rows × columns. */
  cells: StatCell[][];
  /** One per row, when the table shows row totals. */
  rowTotals: StatCell[] | null;
  /** One per column, when the table shows column totals. */
  columnTotals: StatCell[] | null;
  /** The corner cell, when there is one. */
  grandTotal: StatCell | null;
  /** Label of the totals row and column (計, 世帯数（実数）). */
  totalLabel: string;
  /** How the table is counted, in a sentence. */
  note: string | null;
}

export interface StatMedian {
  /** How many plans the median is taken over. */
  plans: StatCell;
  /** Days, to the half day; null when suppressed (fewer plans than the threshold) or none. */
  days: number | null;
  text: string;
}

export interface StatisticsResult {
  fiscalYear: number;
  /** 年度の初日・末日 (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The last day counted (today, in the current year). */
  asOf: string;
  /** Cells below this are shown as 「<minCell」. */
  minCell: number;
  tables: StatTable[];
  medianDaysToConfirmedPlan: StatMedian;
}
