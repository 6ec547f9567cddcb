/**
 * The year's counts, pure: documents in (as load.ts reads them), tables out (layout.ts),
 * before suppression. What each table counts, and from which part of the record, is said
 * in its note and in docs/DASHBOARD.md; in short:
 *
 * - 相談受付: intakes (consent versions carrying a consultation, model.ts Consultation) by
 *   the day received, by the field of the receiving agency, by route, by the consent answer.
 * - ケース: a case opened (referral, or at a 支援会議), given back to the referrer, and its
 *   support ended (終結) or suspended (中断): when its last live plan was, from plan histories.
 * - プラン: state at the end of the year (or today) of every plan live at some time in it.
 * - 支援決定, 会議: decisions on plans (PlanDecisionRecord) and meetings held (opened).
 * - つながり評価: the scores on the 終結 sheets of the year.
 * - 世帯: households the year's intakes and cases concern, by the fields they touch.
 * - 受付から確定まで: days from the case's intake to its plan's first confirmation.
 */
import type { WelfareField } from '../../../shared/domain';
import { WELFARE_FIELDS } from '../../../shared/domain';
import { SILO_LIST } from '../../../shared/silos.generated';
import type {
  AgencyDoc,
  CaseDoc,
  ConsentDoc,
  Consultation,
  MeetingDoc,
  MeetingKind,
  PlanDoc,
  PlanKind,
  PlanStatus,
} from '../model';
import type { FiscalYear } from './fiscal';
import { daysBetween, median, monthOf } from './fiscal';
import { Layout } from './layout';
import type { StatisticsResult, StatMedian } from './types';

/** What the counting reads; load.ts fills it from the store with bounded queries. */
export interface StatisticsInput {
  fy: FiscalYear;
  agencies: readonly AgencyDoc[];
  /** Intakes received from `lookbackFrom` to the end of the year (the earlier ones only tell routes). */
  intakes: readonly ConsentDoc[];
  /** Household of each person of the year's intakes. */
  householdOf: ReadonlyMap<string, string>;
  /** Cases opened or returned in the year, and the cases of plans live in it. */
  cases: readonly CaseDoc[];
  /** Every plan changed since the year began or live now (load.ts): all the counts need. */
  plans: readonly PlanDoc[];
  /** Meetings scheduled or opened around the year (those held in it are counted). */
  meetings: readonly MeetingDoc[];
  /** Intakes behind the plans confirmed in the year (for the days to confirmation). */
  caseIntakes: readonly ConsentDoc[];
}

/** An intake at another agency this shortly before counts the later one as a referral (紹介). */
export const REFERRAL_WINDOW_DAYS = 90;

/** The silos' own labels (subgraphs/<silo>/silo.ts); a field without a silo here counts as its code. */
const FIELD_LABELS: ReadonlyMap<WelfareField, string> = new Map(SILO_LIST.map((s) => [s.field, s.label]));
const fieldLabel = (f: WelfareField): string => FIELD_LABELS.get(f) ?? f;
/** A field's row or column, or -1 for a field the report's layout has none for. */
const fieldIndex = (f: WelfareField): number => (WELFARE_FIELDS as readonly string[]).indexOf(f);
const RECEIVER_COLUMNS = ['介護', '障害', '子ども', '困窮', '福祉課・重層事業', 'その他'] as const;
const ROUTES = ['窓口', '紹介', 'アウトリーチ'] as const;
type Route = (typeof ROUTES)[number];
const ANSWERS = ['GRANTED', 'REFUSED', 'UNKNOWN'] as const;
const ANSWER_LABELS = ['同意する', '同意しない', '不明'];
const CASE_EVENTS = ['開始（多機関協働へのつなぎ）', '開始（支援会議）', '紹介元へ戻した', '終結', '中断'];
const PLAN_KINDS: readonly PlanKind[] = ['TAKIKAN', 'SANKA', 'OUTREACH'];
const PLAN_KIND_LABELS = ['多機関協働プラン', '参加支援プラン', 'アウトリーチ等プラン'];
const PLAN_STATUSES: readonly PlanStatus[] = [
  'DRAFT',
  'IN_REVIEW',
  'AWAITING_DECISION',
  'CONFIRMED',
  'ENDED',
  'SUSPENDED',
];
const PLAN_STATUS_LABELS = ['作成中', '会議で審議中', '支援決定待ち', '確定（支援中）', '終結', '中断'];
const LIVE: readonly PlanStatus[] = ['DRAFT', 'IN_REVIEW', 'AWAITING_DECISION', 'CONFIRMED'];
const MEETING_KINDS: readonly MeetingKind[] = ['SHIEN_KAIGI', 'JUSO_KAIGI'];
const MEETING_KIND_LABELS = ['支援会議', '重層的支援会議'];
const MEETING_DECISIONS = ['APPROVED', 'SENT_BACK', 'ENDED', 'SUSPENDED'] as const;
const MEETING_DECISION_LABELS = ['了承', '差戻し', '終結', '中断'];
const TSUNAGARI = [
  'motivation',
  'selfEsteem',
  'relationships',
  'socialParticipation',
  'consultation',
] as const;
const TSUNAGARI_LABELS = ['意欲', '自己肯定感', '対人関係', '社会参加', '相談'];

const consultationOf = (c: ConsentDoc): Consultation | null => c.consultation ?? null;
const receiverOf = (c: ConsentDoc): string => c.recordedByAgencyId ?? c.takenByAgencyId;
const zeros = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0));
function bump(grid: number[][], row: number, col: number): void {
  const r = grid[row];
  if (r === undefined || r[col] === undefined) throw new Error(`statistics: no cell [${row}][${col}]`);
  r[col] = (r[col] as number) + 1;
}
const inYear = (fy: FiscalYear, at: string | null | undefined): boolean => monthOf(fy, at) !== null;

function receiverColumn(agency: AgencyDoc | undefined): number {
  if (!agency) return 5;
  if (agency.role === 'FIELD' && agency.field && fieldIndex(agency.field) >= 0)
    return fieldIndex(agency.field);
  return agency.role === 'OTHER' ? 5 : 4;
}

/**
 * The route, from what the record holds: an intake taken by the アウトリーチ等事業者 is
 * アウトリーチ; one taken by 多機関協働 or 参加支援 (which receive what other agencies
 * connect to them, 001 5)(1)), or within REFERRAL_WINDOW_DAYS of the person's intake at
 * another agency, is 紹介; anything else came to the agency's own window (窓口).
 */
export function routeOf(
  intake: ConsentDoc,
  agency: AgencyDoc | undefined,
  earlier: readonly ConsentDoc[],
): Route {
  if (agency?.role === 'OUTREACH') return 'アウトリーチ';
  if (agency?.role === 'TAKIKAN' || agency?.role === 'SANKA') return '紹介';
  const at = (consultationOf(intake) as Consultation).receivedAt;
  const atMs = Date.parse(at);
  // Within the window to the hour is close enough for a route; no calendar arithmetic per pair.
  const referred = earlier.some((e) => {
    const eAt = (consultationOf(e) as Consultation).receivedAt;
    return (
      e._id !== intake._id &&
      receiverOf(e) !== receiverOf(intake) &&
      eAt <= at &&
      atMs - Date.parse(eAt) <= REFERRAL_WINDOW_DAYS * 86_400_000
    );
  });
  return referred ? '紹介' : '窓口';
}

/** A plan's status changes, oldest first; a plan written before the workflow has one, at its creation. */
function statusChanges(plan: PlanDoc): { at: string; to: PlanStatus }[] {
  const changes = (plan.history ?? [])
    .filter((h) => h.to !== null && h.to !== h.from && PLAN_STATUSES.includes(h.to as PlanStatus))
    .map((h) => ({ at: h.at, to: h.to as PlanStatus }));
  return changes.length ? changes : [{ at: plan.createdAt, to: plan.status }];
}

/** The plan's status just before `at` (null: it did not exist yet). */
export function statusAt(plan: PlanDoc, at: string): PlanStatus | null {
  let status: PlanStatus | null = null;
  for (const change of statusChanges(plan)) if (change.at < at) status = change.to;
  return status;
}

/** Live at some time in the year: existing by its end, and not settled all along. */
function liveInYear(plan: PlanDoc, fy: FiscalYear): boolean {
  if (plan.createdAt >= fy.endAt) return false;
  const before = statusAt(plan, fy.startAt);
  if (before === null || LIVE.includes(before)) return true;
  return statusChanges(plan).some((c) => c.at >= fy.startAt && c.at < fy.endAt && LIVE.includes(c.to));
}

/**
 * When a case's support ended or was suspended: each time its last live plan settled
 * (終結 or 中断, as that plan did), counted in the month it happened.
 */
export function caseClosures(plans: readonly PlanDoc[]): { at: string; kind: 'ENDED' | 'SUSPENDED' }[] {
  const events = plans
    .flatMap((p) => statusChanges(p).map((c) => ({ ...c, planId: p._id })))
    .sort((a, b) => a.at.localeCompare(b.at) || a.planId.localeCompare(b.planId));
  const status = new Map<string, PlanStatus>();
  const out: { at: string; kind: 'ENDED' | 'SUSPENDED' }[] = [];
  let settled = false;
  for (const e of events) {
    status.set(e.planId, e.to);
    const now = [...status.values()].every((s) => !LIVE.includes(s));
    if (now && !settled && (e.to === 'ENDED' || e.to === 'SUSPENDED')) out.push({ at: e.at, kind: e.to });
    settled = now;
  }
  return out;
}

/** The first time a plan became CONFIRMED, if its history says. */
function firstConfirmed(plan: PlanDoc): string | null {
  if (!plan.history?.length) return null;
  return plan.history.find((h) => h.to === 'CONFIRMED' && h.from !== 'CONFIRMED')?.at ?? null;
}

function medianDays(input: StatisticsInput, minCell: number): StatMedian {
  const { fy } = input;
  const byId = new Map(input.caseIntakes.map((c) => [c._id, c]));
  const byPerson = new Map<string, string[]>();
  for (const i of input.caseIntakes) {
    const at = consultationOf(i)?.receivedAt;
    if (at) byPerson.set(i.personId, [...(byPerson.get(i.personId) ?? []), at]);
  }
  const cases = new Map(input.cases.map((c) => [c._id, c]));
  const days: number[] = [];
  for (const plan of input.plans) {
    const confirmedAt = firstConfirmed(plan);
    if (!inYear(fy, confirmedAt)) continue;
    const c = cases.get(plan.caseId);
    if (!c) continue;
    const own = (c.intakeIds ?? []).flatMap((id) => {
      const at = byId.get(id)?.consultation?.receivedAt;
      return at ? [at] : [];
    });
    // A case opened at a 支援会議 names no intake: its people's last intake before it opened.
    const received = own.length
      ? own.sort()[0]
      : c.personIds
          .flatMap((p) => byPerson.get(p) ?? [])
          .filter((at) => at <= c.openedAt)
          .sort()
          .at(-1);
    if (received && received <= (confirmedAt as string))
      days.push(daysBetween(received, confirmedAt as string));
  }
  const n = days.length;
  const m = median(days);
  if (n < minCell)
    return {
      plans: { value: null, suppressed: true, text: `<${minCell}` },
      days: null,
      text: `対象のプランが${minCell}件未満のため表示しません`,
    };
  const rounded = Math.round((m as number) * 2) / 2;
  return { plans: { value: n, suppressed: false, text: String(n) }, days: rounded, text: `${rounded}日` };
}

export function countStatistics(input: StatisticsInput, minCell: number): StatisticsResult {
  const { fy } = input;
  const months = fy.months.map((m) => m.label);
  const nMonths = months.length;
  const agencies = new Map(input.agencies.map((a) => [a._id, a]));
  const layout = new Layout();

  // ---- 相談受付 ----
  const byField = zeros(nMonths, RECEIVER_COLUMNS.length);
  const byRoute = zeros(nMonths, ROUTES.length);
  const byAnswer = zeros(nMonths, ANSWERS.length);
  const intakesByPerson = new Map<string, ConsentDoc[]>();
  for (const i of input.intakes) {
    if (!consultationOf(i)) continue;
    const list = intakesByPerson.get(i.personId) ?? [];
    list.push(i);
    intakesByPerson.set(i.personId, list);
  }
  const yearIntakes: ConsentDoc[] = [];
  for (const i of input.intakes) {
    const consultation = consultationOf(i);
    const month = monthOf(fy, consultation?.receivedAt);
    if (!consultation || month === null) continue;
    yearIntakes.push(i);
    const agency = agencies.get(receiverOf(i));
    bump(byField, month, receiverColumn(agency));
    bump(byRoute, month, ROUTES.indexOf(routeOf(i, agency, intakesByPerson.get(i.personId) ?? [])));
    bump(byAnswer, month, ANSWERS.indexOf(consultation.answer));
  }
  // The three tables print the same monthly and yearly totals: one key each, so a total
  // hidden in one is hidden in all.
  const intakeRowKeys = months.map((_, m) => `intakes.month[${m}]`);
  const intakeGrid = {
    unit: '件',
    rowHeader: '月',
    rows: months,
    rowTotals: { keys: intakeRowKeys },
    columnTotals: {},
    grandTotal: { key: 'intakes.total', sums: 'both' as const },
  };
  layout.grid({
    ...intakeGrid,
    key: 'intakesByField',
    title: '相談受付件数（受付機関の分野別）',
    columns: [...RECEIVER_COLUMNS],
    counts: byField,
    note: '包括的相談支援の受付（受付シート・申込票）を受付日の月で数えています。分野は受け付けた機関の分野です（福祉課・多機関協働・アウトリーチ等・参加支援は「福祉課・重層事業」）。',
  });
  layout.grid({
    ...intakeGrid,
    key: 'intakesByRoute',
    title: '相談受付件数（経路別）',
    columns: [...ROUTES],
    counts: byRoute,
    note: `アウトリーチ等事業者が受け付けたものはアウトリーチ、多機関協働・参加支援の事業者が受け付けたもの、または${REFERRAL_WINDOW_DAYS}日以内にほかの機関で受付のある人のものは紹介、それ以外は窓口としています。`,
  });
  layout.grid({
    ...intakeGrid,
    key: 'consentAtIntake',
    title: '受付時の同意の確認',
    columns: ANSWER_LABELS,
    counts: byAnswer,
    note: '受付時に本人（または親権者）が答えた内容です（その後の撤回・変更は含みません）。',
  });

  // ---- ケース ----
  const caseCounts = zeros(nMonths, CASE_EVENTS.length);
  const plansByCase = new Map<string, PlanDoc[]>();
  for (const p of input.plans) plansByCase.set(p.caseId, [...(plansByCase.get(p.caseId) ?? []), p]);
  for (const c of input.cases) {
    const opened = monthOf(fy, c.openedAt);
    if (opened !== null) bump(caseCounts, opened, c.openedAtMeetingId ? 1 : 0);
    const returnedAt = c.history?.filter((h) => h.action === 'RETURNED').map((h) => h.at) ?? [];
    for (const at of returnedAt.length ? returnedAt : c.returnedAt ? [c.returnedAt] : []) {
      const m = monthOf(fy, at);
      if (m !== null) bump(caseCounts, m, 2);
    }
    for (const closure of caseClosures(plansByCase.get(c._id) ?? [])) {
      const m = monthOf(fy, closure.at);
      if (m !== null) bump(caseCounts, m, closure.kind === 'ENDED' ? 3 : 4);
    }
  }
  layout.grid({
    key: 'cases',
    title: 'ケースの開始・終結',
    unit: '件',
    rowHeader: '月',
    rows: months,
    columns: CASE_EVENTS,
    counts: caseCounts,
    columnTotals: {},
    note: '開始は多機関協働へのつなぎ（本人同意あり）と支援会議での開始（同意なし）。終結・中断は、ケースの最後の進行中のプランが終結・中断した月に数えています。',
  });

  // ---- プラン ----
  const live = input.plans.filter((p) => liveInYear(p, fy));
  const stateCounts = zeros(PLAN_KINDS.length, PLAN_STATUSES.length);
  for (const p of live) {
    const status = statusAt(p, fy.endAt);
    if (status === null) continue;
    bump(stateCounts, PLAN_KINDS.indexOf(p.kind), PLAN_STATUSES.indexOf(status));
  }
  const endings = input.plans.filter((p) => p.ending && inYear(fy, p.ending.at));
  const ended = endings.length;
  const endedInState = stateCounts.reduce((a, row) => a + (row[4] as number), 0);
  const decisions = input.plans.flatMap((p) => p.decisions ?? []).filter((d) => inYear(fy, d.at));
  const endedDecisions = decisions.filter((d) => d.kind === 'ENDED' && d.meetingKind).length;
  // Plans ended in the year are one number wherever it is printed (state table, decisions, つながり評価).
  const ENDED_KEY = 'plans.ended';
  layout.grid({
    key: 'plansByKindState',
    title: fy.asOf === fy.to ? 'プランの種類と状態（年度末時点）' : `プランの種類と状態（${fy.asOf}時点）`,
    unit: '件',
    rowHeader: 'プランの種類',
    rows: PLAN_KIND_LABELS,
    columns: PLAN_STATUS_LABELS,
    counts: stateCounts,
    rowTotals: {},
    columnTotals:
      endedInState === ended
        ? { keys: PLAN_STATUS_LABELS.map((_, i) => (i === 4 ? ENDED_KEY : `plansByKindState.column[${i}]`)) }
        : {},
    grandTotal: { sums: 'both' },
    note: '年度中に進行中だったことのあるプラン（作成から確定、終結・中断まで）の、年度末（今年度は本日）時点の状態です。',
  });

  // ---- 支援決定 ----
  const support = zeros(nMonths, 2);
  for (const d of decisions) {
    if (d.kind !== 'SUPPORT_DECIDED' && d.kind !== 'SUPPORT_DECLINED') continue;
    bump(support, monthOf(fy, d.at) as number, d.kind === 'SUPPORT_DECIDED' ? 0 : 1);
  }
  layout.grid({
    key: 'supportDecisions',
    title: '支援決定（アウトリーチ等・参加支援を含むプラン）',
    unit: '件',
    rowHeader: '月',
    rows: months,
    columns: ['支援決定', '支援決定せず'],
    counts: support,
    rowTotals: {},
    columnTotals: {},
    grandTotal: { sums: 'both' },
    note: '町（福祉課）がプランについて行った支援決定の件数です。',
  });

  // ---- 会議 ----
  const held = zeros(nMonths, MEETING_KINDS.length);
  for (const m of input.meetings) {
    if (m.status === 'SCHEDULED') continue;
    const month = monthOf(fy, m.openedAt ?? m.scheduledAt);
    if (month !== null) bump(held, month, MEETING_KINDS.indexOf(m.kind));
  }
  layout.grid({
    key: 'meetingsHeld',
    title: '会議の開催',
    unit: '回',
    rowHeader: '月',
    rows: months,
    columns: MEETING_KIND_LABELS,
    counts: held,
    rowTotals: {},
    columnTotals: {},
    grandTotal: { sums: 'both' },
    note: '開催した（開会した）日の月で数えています。',
  });
  const atMeetings = zeros(MEETING_DECISIONS.length, MEETING_KINDS.length);
  for (const d of decisions) {
    const row = (MEETING_DECISIONS as readonly string[]).indexOf(d.kind);
    if (row < 0 || !d.meetingKind) continue;
    bump(atMeetings, row, MEETING_KINDS.indexOf(d.meetingKind));
  }
  layout.grid({
    key: 'meetingDecisions',
    title: '会議で決定したプラン',
    unit: '件',
    rowHeader: '決定',
    rows: MEETING_DECISION_LABELS,
    columns: MEETING_KIND_LABELS,
    counts: atMeetings,
    rowTotals:
      endedDecisions === ended
        ? {
            keys: MEETING_DECISION_LABELS.map((_, i) => (i === 2 ? ENDED_KEY : `meetingDecisions.row[${i}]`)),
          }
        : {},
    columnTotals: {},
    grandTotal: { sums: 'both' },
    note: '会議でプランについて決定した件数です（同じプランを複数回決定したときはそれぞれ数えます）。',
  });

  // ---- つながり評価 ----
  const tsunagari = zeros(TSUNAGARI.length, 4);
  for (const p of endings) {
    TSUNAGARI.forEach((item, r) => {
      const score = p.ending?.tsunagari[item];
      if (score !== undefined && Number.isInteger(score) && score >= 1 && score <= 4)
        bump(tsunagari, r, score - 1);
    });
  }
  const complete = endings.every((p) =>
    TSUNAGARI.every((item) => [1, 2, 3, 4].includes(p.ending?.tsunagari[item] ?? 0)),
  );
  layout.grid({
    key: 'tsunagari',
    title: 'つながり評価（終結時）',
    unit: '件',
    rowHeader: '項目',
    rows: TSUNAGARI_LABELS,
    columns: ['1', '2', '3', '4'],
    counts: tsunagari,
    rowTotals: complete ? { keys: TSUNAGARI.map(() => ENDED_KEY) } : {},
    totalLabel: '終結したプラン',
    note: '年度中に終結したプランのつながり評価シート（別紙2-7）の各項目の点数（1〜4）ごとの件数です。',
  });

  // ---- 世帯と4分野 ----
  const fieldsOf = new Map<string, Set<WelfareField>>();
  const touch = (household: string | null | undefined, fields: Iterable<WelfareField>) => {
    if (!household) return;
    const set = fieldsOf.get(household) ?? new Set<WelfareField>();
    for (const f of fields) set.add(f);
    fieldsOf.set(household, set);
  };
  for (const i of yearIntakes) {
    const consultation = consultationOf(i) as Consultation;
    const own = agencies.get(receiverOf(i))?.field;
    touch(input.householdOf.get(i.personId), [...consultation.fieldsInvolved, ...(own ? [own] : [])]);
  }
  const liveCases = new Set(live.map((p) => p.caseId));
  for (const c of input.cases) {
    if (!liveCases.has(c._id) && !inYear(fy, c.openedAt)) continue;
    const fields = c.team.flatMap((t) => {
      const f = agencies.get(t.agencyId)?.field;
      return f ? [f] : [];
    });
    touch(c.householdId ?? input.householdOf.get(c.personIds[0] ?? ''), fields);
  }
  const overlap = zeros(WELFARE_FIELDS.length, 4);
  const byCount = [0, 0, 0, 0];
  for (const fields of fieldsOf.values()) {
    if (!fields.size) continue;
    byCount[fields.size - 1] = (byCount[fields.size - 1] as number) + 1;
    for (const f of fields) if (fieldIndex(f) >= 0) bump(overlap, fieldIndex(f), fields.size - 1);
  }
  layout.grid({
    key: 'householdFields',
    title: '世帯が関わる分野の数（4分野の重なり）',
    unit: '世帯',
    rowHeader: '分野',
    rows: WELFARE_FIELDS.map(fieldLabel),
    columns: ['1分野', '2分野', '3分野', '4分野'],
    counts: overlap,
    rowTotals: {},
    // A household of two fields is in two rows: the bottom line counts households once.
    columnTotals: { values: byCount },
    grandTotal: { sums: 'columns' },
    totalLabel: '世帯数（実数）',
    note: '年度中の相談受付とケースの世帯を、関わる分野（相談の分野、受け付けた機関と支援チームの機関の分野）の数で数えています。各分野の行はその分野に関わる世帯、最下行は世帯の実数です。',
  });

  return {
    fiscalYear: fy.year,
    from: fy.from,
    to: fy.to,
    asOf: fy.asOf,
    minCell,
    tables: layout.render(minCell),
    medianDaysToConfirmedPlan: medianDays(input, minCell),
  };
}
