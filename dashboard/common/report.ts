/**
 * 本人開示の報告書 (the person's disclosure report) as a tree of plain nodes: built once,
 * from the model the gateway computes (gateway/audit/report.ts), and turned into HTML by
 * the gateway (GET /audit/report?format=html) or into DOM by the dashboard, so the
 * printed page and the screen read the same. No DOM and no Node here: both sides import it.
 */

export interface ReportRow {
  /** The audit record's seq: where the decision is in the chain. */
  seq: number;
  /** ISO 8601 (UTC), as recorded. */
  at: string;
  /** Asia/Tokyo: 2026年5月3日 and 14:05:09. */
  date: string;
  time: string;
  agency: string;
  staff: string;
  /** What was read, in words (介護の記録, 困窮の記録（税情報）, …). */
  item: string;
  outcome: 'DISCLOSED' | 'WITHHELD';
  /** The basis in words when disclosed; the reason when withheld. */
  basis: string;
  /** The category the totals count it under (自らの分野, 本人の同意, …, or the withheld reason). */
  category: string;
  /** The same decision made several times in one request. */
  count: number;
  meetingId: string | null;
  emergencyId: string | null;
  consentId: string | null;
  code: string | null;
}

export interface ReportMonth {
  /** YYYY-MM (Asia/Tokyo). */
  month: string;
  label: string;
  rows: ReportRow[];
  disclosed: number;
  withheld: number;
}

export interface ReportTotal {
  label: string;
  count: number;
}

export interface ReportModel {
  person: { id: string; name: string | null };
  /** YYYY-MM-DD, Asia/Tokyo calendar days, both included. */
  from: string;
  to: string;
  periodText: string;
  generatedAt: string;
  generatedAtText: string;
  generatedBy: string;
  town: string;
  chain: { ok: boolean; text: string };
  months: ReportMonth[];
  totals: {
    decisions: number;
    disclosed: number;
    withheld: number;
    byBasis: ReportTotal[];
    byReason: ReportTotal[];
  };
}

export type ReportTag =
  | 'section'
  | 'header'
  | 'footer'
  | 'h1'
  | 'h2'
  | 'p'
  | 'dl'
  | 'dt'
  | 'dd'
  | 'div'
  | 'span'
  | 'strong'
  | 'table'
  | 'caption'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td';

/** An element: a tag from a short list, a few attributes (class, scope, data-*), children. */
export interface ReportNode {
  tag: ReportTag;
  attrs?: Record<string, string>;
  children?: (ReportNode | string)[];
}

const el = (
  tag: ReportTag,
  attrs: Record<string, string>,
  ...children: (ReportNode | string)[]
): ReportNode => ({
  tag,
  attrs,
  children,
});

function totalsTable(caption: string, head: string, rows: ReportTotal[]): ReportNode {
  return el(
    'table',
    { class: 'report-totals-table' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, head), el('th', { scope: 'col' }, '件数'))),
    el(
      'tbody',
      {},
      ...(rows.length
        ? rows.map((r) =>
            el('tr', {}, el('th', { scope: 'row' }, r.label), el('td', { class: 'num' }, `${r.count}件`)),
          )
        : [el('tr', {}, el('td', { colspan: '2' }, 'なし'))]),
    ),
  );
}

function monthSection(m: ReportMonth): ReportNode {
  return el(
    'section',
    { class: 'report-month', 'data-month': m.month },
    el('h2', {}, `${m.label}（${m.rows.length}件：開示 ${m.disclosed}件・非開示 ${m.withheld}件）`),
    el(
      'table',
      { class: 'report-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['日時', '機関・職員', '項目', '開示・非開示', '根拠・理由'].map((t) =>
            el('th', { scope: 'col' }, t),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...m.rows.map((r) =>
          el(
            'tr',
            { 'data-outcome': r.outcome, 'data-seq': String(r.seq) },
            el('td', { class: 'report-when' }, el('span', {}, r.date), ' ', el('span', {}, r.time)),
            el(
              'td',
              {},
              el('span', { class: 'report-agency' }, r.agency),
              ' ',
              el('span', { class: 'report-staff' }, r.staff),
            ),
            el('td', {}, r.item, r.count > 1 ? `（${r.count}回）` : ''),
            el(
              'td',
              { class: 'report-outcome' },
              r.outcome === 'DISCLOSED'
                ? el('strong', { class: 'report-disclosed' }, '開示')
                : el('strong', { class: 'report-withheld' }, '非開示'),
            ),
            el('td', {}, r.basis),
          ),
        ),
      ),
    ),
  );
}

export function reportTree(model: ReportModel): ReportNode {
  const t = model.totals;
  return el(
    'section',
    { class: 'report', 'data-person': model.person.id },
    el(
      'header',
      { class: 'report-head' },
      el('p', { class: 'report-town' }, model.town),
      el('h1', {}, '個人情報の開示・非開示の記録（本人開示）'),
      el(
        'dl',
        { class: 'report-meta' },
        el(
          'div',
          {},
          el('dt', {}, '対象者'),
          el('dd', {}, `${model.person.name ?? '（氏名不明）'}（宛名番号 ${model.person.id}）`),
        ),
        el('div', {}, el('dt', {}, '期間'), el('dd', {}, model.periodText)),
        el('div', {}, el('dt', {}, '作成'), el('dd', {}, `${model.generatedAtText}　${model.generatedBy}`)),
      ),
      el('p', { class: 'report-chain', 'data-ok': String(model.chain.ok) }, model.chain.text),
    ),
    el(
      'section',
      { class: 'report-totals' },
      el('h2', {}, `期間の合計：${t.decisions}件（開示 ${t.disclosed}件・非開示 ${t.withheld}件）`),
      el(
        'div',
        { class: 'report-totals-tables' },
        totalsTable('開示の根拠別', '根拠', t.byBasis),
        totalsTable('非開示の理由別', '理由', t.byReason),
      ),
    ),
    ...(model.months.length
      ? model.months.map(monthSection)
      : [el('p', { class: 'report-empty' }, 'この期間に、この方についての開示・非開示の記録はありません。')]),
    el(
      'footer',
      { class: 'report-foot' },
      el(
        'p',
        {},
        'この記録は、重層的支援体制の情報連携基盤が、情報を表示する前に書き込む監査ログから作成しました。' +
          '「非開示」は、共有の根拠がなかったため表示されなかったことを示します（記録の有無は示しません）。' +
          '日時は日本時間です。',
      ),
    ),
  );
}
