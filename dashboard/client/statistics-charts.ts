/// <reference lib="dom" />
/**
 * 事業評価's charts, drawn by Chart.js on canvas: bars by month, and the four-field overlap.
 * Only the parts used are registered (bars on a category and a linear axis, legend,
 * tooltip), so esbuild leaves the rest of the library out. Chart.js sets canvas sizes
 * through the CSSOM, which the page's CSP allows (no style attribute, no <style>, no HTML).
 *
 * A chart repeats a table that stands beside it: the table is what a screen reader and
 * paper read; the canvas is described by a label and hidden from the accessibility tree.
 * A suppressed cell has no value and draws no bar: the table says 「<3」.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { StatTable } from './statistics-api';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Okabe–Ito: told apart with colour-vision differences, and in grey on paper. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface ChartSpec {
  /** Stacked bars add up to the row's total (one count split by kind); grouped ones do not. */
  stacked: boolean;
  /** Bars along the rows (months, fields); one series per column. */
  axisTitle: string;
}

/** Which tables get a chart, and how. */
export const CHARTS: Readonly<Record<string, ChartSpec>> = {
  intakesByField: { stacked: true, axisTitle: '件' },
  intakesByRoute: { stacked: true, axisTitle: '件' },
  consentAtIntake: { stacked: true, axisTitle: '件' },
  cases: { stacked: false, axisTitle: '件' },
  supportDecisions: { stacked: true, axisTitle: '件' },
  meetingsHeld: { stacked: false, axisTitle: '回' },
  householdFields: { stacked: true, axisTitle: '世帯' },
};

const charts = new Set<Chart>();

/** Removes every chart (before a new year is drawn, and on sign-out). */
export function destroyCharts(): void {
  for (const c of charts) c.destroy();
  charts.clear();
}

export function drawChart(canvas: HTMLCanvasElement, table: StatTable, spec: ChartSpec): void {
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: table.rows,
      datasets: table.columns.map((column, c) => ({
        label: column,
        data: table.cells.map((row) => row[c]?.value ?? null),
        backgroundColor: COLOURS[c % COLOURS.length],
        borderWidth: 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: nothing moves for someone who asked for less motion, or on paper.
      animation: false,
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { enabled: true },
      },
      scales: {
        x: { stacked: spec.stacked },
        y: {
          stacked: spec.stacked,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: spec.axisTitle },
        },
      },
    },
  });
  charts.add(chart);
}

/** Paper is narrower than the screen: charts redraw to the printed width and back. */
export function resizeCharts(): void {
  for (const c of charts) c.resize();
}
