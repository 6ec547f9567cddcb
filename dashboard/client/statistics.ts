/// <reference lib="dom" />
/**
 * 事業評価 on the dashboard: the year's statistics for 福祉課 (the gateway refuses anyone
 * else), each table with a chart beside it where a chart helps (bars by month, the four
 * fields' overlap), CSV downloads in UTF-8 and Shift_JIS, and a print layout. Every figure
 * is shown as the graph published it: a suppressed cell reads 「<3」 in the table and has
 * no bar in the chart. Nothing here names a person: the answer holds counts only.
 */
import { DashboardStatisticsDocument } from '../generated/graphql';
import type { Ask } from './api';
import { reasonFor } from '../common/labels';
import { CHARTS, destroyCharts, drawChart, resizeCharts } from './statistics-charts';
import type { CsvEncoding, StatCell, StatisticsResult, StatTable } from './statistics-api';
import { downloadStatisticsCsv } from './statistics-api';
import { byId, h } from './view';

export interface StatisticsDeps {
  /** The signed-in user's token; throws when signed out. */
  token: () => string;
  /** A query as the signed-in user (app.ts: a refused token signs out). */
  ask: Ask;
  announce: (text: string) => void;
  showAlert: (text: string | null) => void;
  /** Runs a user action with the app's error handling. */
  run: (action: () => Promise<void>) => Promise<void>;
  displayName: () => string;
}

/** The first 年度 the server answers for (statistics/resolve.ts FIRST_FISCAL_YEAR). */
const FIRST_YEAR = 2021;

/** This 年度 in Tokyo (UTC+9, no DST): April starts it. */
export function currentFiscalYear(now: Date = new Date()): number {
  const tokyo = new Date(now.getTime() + 9 * 3600_000);
  return tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;
}

function cellTd(c: StatCell | undefined, header: string | null = null): HTMLElement {
  const tag = header === null ? 'td' : 'th';
  if (!c) return h(tag, {}, '');
  return h(
    tag,
    {
      class: c.suppressed ? 'num suppressed' : 'num',
      'data-suppressed': c.suppressed ? 'true' : undefined,
      scope: header === null ? undefined : header,
    },
    c.text,
  );
}

/** The published table: row headers, column headers, totals in the last row and column. */
export function statTable(t: StatTable): HTMLTableElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t.rowHeader),
    t.columns.map((c) => h('th', { scope: 'col', class: 'num' }, c)),
    t.rowTotals ? h('th', { scope: 'col', class: 'num total' }, t.totalLabel) : null,
  );
  const body = t.rows.map((label, r) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      (t.cells[r] ?? []).map((c) => cellTd(c)),
      t.rowTotals ? cellTd(t.rowTotals[r]) : null,
    ),
  );
  const foot = t.columnTotals
    ? h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, t.totalLabel),
          t.columnTotals.map((c) => cellTd(c)),
          t.rowTotals ? cellTd(t.grandTotal ?? undefined) : null,
        ),
      )
    : null;
  return h(
    'table',
    { class: 'stat-table', 'data-table': t.key },
    h('caption', {}, `${t.title}（単位: ${t.unit}）`),
    h('thead', {}, head),
    h('tbody', {}, body),
    foot,
  );
}

function tableBlock(t: StatTable): { block: HTMLElement; canvas: HTMLCanvasElement | null } {
  const spec = CHARTS[t.key];
  const headingId = `stat-${t.key}`;
  const canvas = spec
    ? h('canvas', {
        role: 'img',
        'aria-label': `${t.title}の棒グラフ。数値は隣の表のとおりです。`,
      })
    : null;
  const suppressedAny = [...t.cells.flat()].some((c) => c.suppressed);
  const block = h(
    'section',
    {
      class: spec ? 'stat-block with-chart' : 'stat-block',
      'data-block': t.key,
      'aria-labelledby': headingId,
    },
    h('h3', { id: headingId }, t.title),
    h(
      'div',
      { class: 'stat-figure' },
      canvas ? h('div', { class: 'stat-chart' }, canvas) : null,
      h('div', { class: 'table-wrap' }, statTable(t)),
    ),
    canvas && suppressedAny
      ? h('p', { class: 'hint' }, '「<」の付いた値は秘匿のためグラフに描いていません（表を参照）。')
      : null,
    t.note ? h('p', { class: 'hint stat-note' }, `注: ${t.note}`) : null,
  );
  return { block, canvas };
}

function medianBlock(s: StatisticsResult): HTMLElement {
  const m = s.medianDaysToConfirmedPlan;
  return h(
    'section',
    { class: 'stat-block', 'data-block': 'median', 'aria-labelledby': 'stat-median' },
    h('h3', { id: 'stat-median' }, '受付から支援プラン確定までの日数（中央値）'),
    h(
      'dl',
      { class: 'stat-median' },
      h('div', {}, h('dt', {}, '対象のプラン'), h('dd', { class: 'num' }, `${m.plans.text}件`)),
      h(
        'div',
        {},
        h('dt', {}, '中央値'),
        h('dd', { class: 'num' }, m.days === null ? m.text : `${m.days}日`),
      ),
    ),
    h(
      'p',
      { class: 'hint stat-note' },
      '注: 年度中に初めて確定したプランについて、ケースの相談受付日から確定日（会議の了承、または支援決定）までの日数です。',
    ),
  );
}

export function initStatistics(deps: StatisticsDeps) {
  const section = byId('statistics');
  const select = byId<HTMLSelectElement>('statistics-year');
  let shown: StatisticsResult | null = null;

  function fillYears(): void {
    const current = currentFiscalYear();
    const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
    select.replaceChildren(...years.map((y) => h('option', { value: String(y) }, `${y}年度`)));
    select.value = String(current);
  }

  async function load(year: number): Promise<void> {
    const body = byId('statistics-body');
    section.setAttribute('aria-busy', 'true');
    try {
      const result = await deps.ask(DashboardStatisticsDocument, { fiscalYear: year });
      if (!result) return;
      const s = result.data?.statistics;
      if (!s) {
        destroyCharts();
        shown = null;
        const code = result.errors[0]?.extensions?.code;
        const why =
          code === 'FORBIDDEN'
            ? '事業評価の統計は福祉課（重層担当）の職員だけが見られます。'
            : `統計を表示できませんでした: ${reasonFor(code)}`;
        body.replaceChildren(h('p', { class: 'absent', 'data-state': 'refused' }, why));
        byId('statistics-meta').textContent = '';
        deps.announce(why);
        return;
      }
      deps.showAlert(null);
      destroyCharts();
      shown = s;
      byId('statistics-meta').textContent =
        `${s.fiscalYear}年度（${s.from}から${s.to}まで）、${s.asOf}現在。` +
        `個人を特定できないよう、${s.minCell}未満の値は「<${s.minCell}」と表示し、合計から逆算できる値もあわせて秘匿しています。`;
      byId('statistics-time').textContent =
        `取得日時 ${new Date().toLocaleString('ja-JP')}（${deps.displayName()}）`;
      const blocks = s.tables.map(tableBlock);
      body.replaceChildren(...blocks.map((b) => b.block), medianBlock(s));
      // Drawn once in the document, so each chart takes its box's size.
      blocks.forEach((b, i) => {
        const t = s.tables[i] as StatTable;
        const spec = CHARTS[t.key];
        if (b.canvas && spec) drawChart(b.canvas, t, spec);
      });
      deps.announce(`${s.fiscalYear}年度の事業評価を表示しました（${s.tables.length}表）。`);
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  async function download(encoding: CsvEncoding): Promise<void> {
    const year = shown?.fiscalYear ?? Number(select.value);
    const file = await downloadStatisticsCsv(deps.token(), year, encoding);
    if (!file.ok) {
      deps.showAlert(
        file.status === 403
          ? '事業評価の統計は福祉課（重層担当）の職員だけがダウンロードできます。'
          : `CSVをダウンロードできませんでした（HTTP ${file.status}）。`,
      );
      return;
    }
    const url = URL.createObjectURL(file.blob);
    const link = h('a', { href: url, download: file.fileName, class: 'visually-hidden' }, file.fileName);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    deps.announce(`${file.fileName} をダウンロードしました。`);
  }

  function showTab(which: 'households' | 'statistics'): void {
    const stats = which === 'statistics';
    byId('workspace').hidden = stats;
    section.hidden = !stats;
    byId('tab-households').setAttribute('aria-pressed', String(!stats));
    byId('tab-statistics').setAttribute('aria-pressed', String(stats));
  }

  byId('tab-households').addEventListener('click', () => {
    showTab('households');
    deps.announce('世帯の画面を表示しました。');
  });
  byId('tab-statistics').addEventListener('click', () => {
    showTab('statistics');
    byId('statistics-title').focus();
    if (!shown) void deps.run(() => load(Number(select.value)));
  });
  byId<HTMLFormElement>('statistics-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void deps.run(() => load(Number(select.value)));
  });
  byId('statistics-csv-utf8').addEventListener('click', () => void deps.run(() => download('utf-8')));
  byId('statistics-csv-sjis').addEventListener('click', () => void deps.run(() => download('cp932')));
  byId('statistics-print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', resizeCharts);
  window.addEventListener('afterprint', resizeCharts);

  return {
    signedIn(): void {
      fillYears();
      byId('tabs').hidden = false;
      showTab('households');
    },
    signedOut(): void {
      destroyCharts();
      shown = null;
      byId('statistics-body').replaceChildren();
      byId('statistics-meta').textContent = '';
      byId('tabs').hidden = true;
      section.hidden = true;
    },
  };
}
