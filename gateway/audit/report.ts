/**
 * 本人開示の報告書: every decision about one person in a period, in words, grouped by
 * month (Asia/Tokyo), with totals and the state of the audit chain — as a model the
 * dashboard renders, an HTML document to print, and CSV for Excel (UTF-8 with a BOM, or
 * CP932). Pure: the route (report-route.ts) reads the audit, the facts and the chain.
 */
import iconv from 'iconv-lite';
import type {
  ReportModel,
  ReportMonth,
  ReportNode,
  ReportRow,
  ReportTotal,
} from '../../dashboard/common/report';
import { reportTree } from '../../dashboard/common/report';
import {
  AUDIT_BASIS_LABELS,
  AUDIT_CLASS_LABELS,
  AUDIT_FIELD_LABELS,
  EMERGENCY_REASON_LABELS,
  formatDate,
  reasonFor,
} from '../../dashboard/common/labels';
import { tokyoDay } from '../../shared/calendar';
import type { AuditRow } from './record';
import type { VerifyResult } from './verify';

/** What the 重層 subgraph tells the report about the things the audit names (juso `_disclosureReportFacts`). */
export interface ReportFacts {
  personId: string;
  name: string | null;
  consents: { id: string; version: number; takenAt: string }[];
  meetings: { id: string; kind: string; title: string }[];
  emergencyWindows: {
    id: string;
    reasonCategory: string;
    reason: string;
    openedAt: string;
    expiresAt: string;
    closedAt: string | null;
  }[];
}

export interface ReportInput {
  personId: string;
  from: string;
  to: string;
  /** The person's decisions, oldest first (AuditLog.byPerson); the period is cut here. */
  rows: readonly AuditRow[];
  facts: ReportFacts;
  chain: VerifyResult;
  now: Date;
  /** Who made the report, in words. */
  generatedBy: string;
  agencyName: (id: string) => string;
  staffName: (id: string) => string;
  town?: string;
}

const TOKYO_OFFSET_MS = 9 * 3600 * 1000;

/** The instant a Tokyo calendar day begins (YYYY-MM-DD 00:00 JST). */
export function tokyoDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS);
}

function tokyoParts(at: string): { day: string; month: string; time: string } {
  const shifted = new Date(Date.parse(at) + TOKYO_OFFSET_MS).toISOString();
  return { day: shifted.slice(0, 10), month: shifted.slice(0, 7), time: shifted.slice(11, 19) };
}

/** The decisions whose time falls in [from 00:00, to+1 00:00) Asia/Tokyo. */
export function inPeriod(rows: readonly AuditRow[], from: string, to: string): AuditRow[] {
  return rows.filter((r) => {
    const day = tokyoDay(r.at);
    return day !== null && day >= from && day <= to;
  });
}

interface Words {
  basis: string;
  category: string;
}

function consentWords(facts: ReportFacts, consentId: string | null): string {
  if (!consentId) return '本人の同意';
  const c = facts.consents.find((x) => x.id === consentId);
  return c
    ? `本人の同意（同意ID ${consentId}、${formatDate(tokyoDay(c.takenAt) ?? c.takenAt)}）`
    : `本人の同意（同意ID ${consentId}）`;
}

function meetingTitle(facts: ReportFacts, id: string | null): string {
  if (!id) return '';
  const m = facts.meetings.find((x) => x.id === id);
  return m ? `${m.title}、${id}` : id;
}

function windowWords(facts: ReportFacts, id: string | null): string {
  const w = facts.emergencyWindows.find((x) => x.id === id);
  if (!w) return id ?? '';
  return `${EMERGENCY_REASON_LABELS[w.reasonCategory] ?? w.reasonCategory}：${w.reason}、${id}`;
}

/** The basis of one decision in words, and the category the totals count it under. */
export function basisWords(row: AuditRow, facts: ReportFacts): Words {
  if (row.decision === 'WITHHELD') {
    const reason = reasonFor(row.code ?? undefined);
    return { basis: `非開示の理由：${reason}`, category: reason };
  }
  const basis = row.basis ?? '';
  const meetingKind = facts.meetings.find((m) => m.id === row.meetingId)?.kind;
  switch (basis) {
    case 'CONSENT':
      // Rule 4: at a 重層的支援会議 information is shared on the person's consent.
      if (row.meetingId && meetingKind === 'JUSO_KAIGI')
        return {
          basis: `重層的支援会議（${meetingTitle(facts, row.meetingId)}）・${consentWords(facts, row.consentId)}`,
          category: '重層的支援会議（本人の同意）',
        };
      return { basis: consentWords(facts, row.consentId), category: '本人の同意' };
    case 'SOCIAL_WELFARE_ACT_106_6':
      return {
        basis: `支援会議（社会福祉法106条の6、${meetingTitle(facts, row.meetingId)}）`,
        category: '支援会議（法106条の6）',
      };
    case 'EMERGENCY':
      return {
        basis: `緊急時の閲覧（${windowWords(facts, row.emergencyId)}）`,
        category: '緊急時の閲覧',
      };
    case 'MEETING_AGENDA':
    case 'MEETING_MEMBER':
      return {
        basis: `${basis === 'MEETING_AGENDA' ? '会議の議題' : '会議の構成員'}（${meetingTitle(facts, row.meetingId)}）`,
        category: '会議の構成員・議題',
      };
    case 'EMERGENCY_WINDOW_OPENED': {
      const w = facts.emergencyWindows.find((x) => x.id === row.subjectId);
      const until = w ? `、${tokyoParts(w.expiresAt).time.slice(0, 5)}まで` : '';
      return {
        basis: `緊急時の閲覧の開始（${windowWords(facts, row.subjectId)}${until}）`,
        category: '緊急時の閲覧の記録',
      };
    }
  }
  const label = AUDIT_BASIS_LABELS[basis];
  if (basis.startsWith('EMERGENCY_WINDOW_'))
    return { basis: `${label ?? basis}（${row.subjectId ?? ''}）`, category: '緊急時の閲覧の記録' };
  if (row.field === 'AUDIT') return { basis: label ?? basis, category: '開示の記録の閲覧' };
  return { basis: label ?? basis, category: label ?? basis };
}

function itemWords(row: AuditRow): string {
  const field = AUDIT_FIELD_LABELS[row.field] ?? row.field;
  if (row.field === 'IDENTITY' && row.cls === 'ADDRESS') return '住所';
  const cls = row.cls !== 'GENERAL' ? (AUDIT_CLASS_LABELS[row.cls] ?? row.cls) : null;
  return cls ? `${field}（${cls}）` : field;
}

function dateTimeText(at: Date): string {
  const p = tokyoParts(at.toISOString());
  return `${formatDate(p.day)} ${p.time.slice(0, 5)}`;
}

function chainText(chain: VerifyResult): { ok: boolean; text: string } {
  if (chain.ok)
    return {
      ok: true,
      text:
        `監査ログの連鎖を検証しました：改ざん・欠落は見つかりませんでした` +
        `（最初の記録から最新の記録まで ${chain.entries + chain.archived}件、この期間の記録を含む。` +
        (chain.checkpoints
          ? `署名付きチェックポイント ${chain.checkpoints}件と照合）。`
          : '署名付きチェックポイントの設定なし）。'),
    };
  return {
    ok: false,
    text:
      `監査ログの連鎖を検証できませんでした：記録番号 ${chain.brokenAt} で不整合が見つかりました（${chain.reason}）。` +
      'この報告書の記録が完全であることは保証できません。',
  };
}

function tally(rows: readonly ReportRow[], outcome: ReportRow['outcome']): ReportTotal[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.outcome === outcome) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

export function buildReport(input: ReportInput): ReportModel {
  const rows: ReportRow[] = inPeriod(input.rows, input.from, input.to).map((r) => {
    const p = tokyoParts(r.at);
    const words = basisWords(r, input.facts);
    return {
      seq: r.seq,
      at: r.at,
      date: formatDate(p.day),
      time: p.time,
      agency: input.agencyName(r.agencyId),
      staff: input.staffName(r.staffId),
      item: itemWords(r),
      outcome: r.decision,
      basis: words.basis,
      category: words.category,
      count: r.count,
      meetingId: r.meetingId,
      emergencyId: r.emergencyId,
      consentId: r.consentId,
      code: r.code,
    };
  });
  const months = new Map<string, ReportMonth>();
  for (const r of rows) {
    const key = tokyoParts(r.at).month;
    let m = months.get(key);
    if (!m) {
      m = {
        month: key,
        label: `${key.slice(0, 4)}年${Number(key.slice(5))}月`,
        rows: [],
        disclosed: 0,
        withheld: 0,
      };
      months.set(key, m);
    }
    m.rows.push(r);
    if (r.outcome === 'DISCLOSED') m.disclosed += 1;
    else m.withheld += 1;
  }
  const disclosed = rows.filter((r) => r.outcome === 'DISCLOSED').length;
  return {
    person: { id: input.personId, name: input.facts.name },
    from: input.from,
    to: input.to,
    periodText: `${formatDate(input.from)}から${formatDate(input.to)}まで（日本時間）`,
    generatedAt: input.now.toISOString(),
    generatedAtText: dateTimeText(input.now),
    generatedBy: input.generatedBy,
    town: input.town ?? 'さくら町 福祉課 重層担当',
    chain: chainText(input.chain),
    months: [...months.values()],
    totals: {
      decisions: rows.length,
      disclosed,
      withheld: rows.length - disclosed,
      byBasis: tally(rows, 'DISCLOSED'),
      byReason: tally(rows, 'WITHHELD'),
    },
  };
}

// ---- HTML ----

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
const ATTR = /^(class|scope|colspan|data-[a-z-]+)$/;

export function nodeHtml(node: ReportNode | string): string {
  if (typeof node === 'string') return escape(node);
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([name]) => ATTR.test(name))
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('');
  return `<${node.tag}${attrs}>${(node.children ?? []).map(nodeHtml).join('')}</${node.tag}>`;
}

/**
 * A whole document to print or keep: no script, and its look from the dashboard's own
 * stylesheet (no inline style), so the same strict CSP holds for it.
 */
export function reportHtml(model: ReportModel): string {
  const title = `本人開示の記録 ${model.person.id} ${model.from}〜${model.to}`;
  return (
    '<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8" />\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1" />\n' +
    '<meta name="referrer" content="no-referrer" />\n' +
    `<title>${escape(title)}</title>\n` +
    '<link rel="stylesheet" href="/dashboard/dashboard.css" />\n</head>\n' +
    `<body class="report-document">\n<main>${nodeHtml(reportTree(model))}</main>\n</body>\n</html>\n`
  );
}

// ---- CSV ----

export const CSV_HEADER = [
  '日付',
  '時刻',
  '機関',
  '職員',
  '項目',
  '開示・非開示',
  '根拠・理由',
  '回数',
  '会議ID',
  '緊急時の閲覧ID',
  '同意ID',
  'コード',
  '記録番号',
] as const;

/**
 * One cell: quoted when it must be, and a leading = + - @ (or tab, CR) made text with an
 * apostrophe, since a reason typed by staff would otherwise run as a formula in Excel.
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsvText(model: ReportModel): string {
  const lines = [CSV_HEADER.join(',')];
  for (const m of model.months)
    for (const r of m.rows)
      lines.push(
        [
          r.date,
          r.time,
          r.agency,
          r.staff,
          r.item,
          r.outcome === 'DISCLOSED' ? '開示' : '非開示',
          r.basis,
          r.count,
          r.meetingId,
          r.emergencyId,
          r.consentId,
          r.code,
          r.seq,
        ]
          .map(csvCell)
          .join(','),
      );
  // CRLF: what Excel and the town's other systems expect of a CSV file.
  return lines.join('\r\n') + '\r\n';
}

export type CsvEncoding = 'utf8' | 'cp932';

/** UTF-8 with a BOM (so Excel reads it as UTF-8), or CP932 (Shift_JIS as Windows has it) on request. */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(`\uFEFF${text}`, 'utf8');
}
