/**
 * What the dashboard says, in Japanese: why a field is withheld (one plain sentence per
 * `extensions.code` the gateway sends) and the graph's enum values as the documents
 * name them. No DOM and no Node here: the page and the gateway (the disclosure report)
 * both import it.
 */
import { SILO_COLUMNS } from './silos.generated';
import type { WithheldCode } from '../../shared/access/decide';

/**
 * One reason per withheld code. A Record over the gateway's own type: a new code is a
 * compile error here until it has a sentence, never a blank cell.
 */
export const WITHHELD_REASONS: Record<WithheldCode, string> = {
  UNAUTHENTICATED: 'サインインしていないか、サインインの有効期限が切れています',
  // DOMAIN.md rule 2: 住民基本台帳 DV等支援措置
  ADDRESS_WITHHELD: 'DV等支援措置の対象のため、住所は表示できません',
  MEETING_NOT_OPEN: '会議が開催中ではありません',
  NOT_MEETING_MEMBER: '会議の構成員ではありません',
  NOT_ON_AGENDA: 'この会議の議題に含まれていません',
  CONSENT_REQUIRED: '本人の同意がありません',
  // 地方税法22条: tax information only with consent that covers it
  TAX_CONSENT_REQUIRED: '税情報は同意なしに共有できません',
  NOT_ON_TEAM: '所属機関がこの人のケースの支援チームに入っていません',
  // 要保護・要支援児童, 特定妊婦: never disclosed on consent
  FORBIDDEN: 'この記録はこの立場では共有できません',
  ACCESS_CHECK_UNAVAILABLE:
    '共有できるかを確認できなかったため表示していません（時間をおいて再表示してください）',
  // 緊急時の閲覧: an expired, closed or someone else's window gives nothing
  EMERGENCY_ACCESS_NOT_OPEN: '緊急時の閲覧の期間が終わっているか、あなたの閲覧ではありません',
};

/** Codes that are not a withheld field but about the whole request. */
const REQUEST_REASONS: Record<string, string> = {
  AUDIT_UNAVAILABLE: '監査ログを書き込めないため、情報を表示できません',
  BAD_REQUEST: '要求の形式が正しくありません',
  QUERY_LIMIT_EXCEEDED: '一度に要求できる量を超えました',
  INTERNAL_SERVER_ERROR: 'サーバーでエラーが発生しました',
};

// shared/access/errors.ts has its twin, but importing it would bundle graphql-js into the page.
function isWithheldCode(code: unknown): code is WithheldCode {
  return typeof code === 'string' && Object.hasOwn(WITHHELD_REASONS, code);
}

/** The sentence for any code; an unknown one still says that something was not shown. */
export function reasonFor(code: string | undefined): string {
  if (isWithheldCode(code)) return WITHHELD_REASONS[code];
  return (code && REQUEST_REASONS[code]) ?? `取得できませんでした（${code ?? '理由不明'}）`;
}

/** The silos' fields and labels, generated from their declarations (silos.generated.ts). */
export type WelfareField = (typeof SILO_COLUMNS)[number]['field'];
export const FIELD_LABELS = Object.fromEntries(SILO_COLUMNS.map((s) => [s.field, s.label])) as Record<
  WelfareField,
  string
>;

export const MEETING_KIND_LABELS: Record<string, string> = {
  SHIEN_KAIGI: '支援会議（社会福祉法106条の6）',
  JUSO_KAIGI: '重層的支援会議',
};

export const MEETING_STATUS_LABELS: Record<string, string> = {
  SCHEDULED: '開催予定',
  OPEN: '開催中',
  CLOSED: '終了',
};

export const CONSENT_STATUS_LABELS: Record<string, string> = {
  GRANTED: '同意する',
  REFUSED: '同意しない',
  UNKNOWN: '不明',
  WITHDRAWN: '撤回',
};

export const CONSENT_GIVER_LABELS: Record<string, string> = { SELF: '本人', GUARDIAN: '親権者' };

export const CARE_LEVEL_LABELS: Record<string, string> = {
  NOT_APPLICABLE: '非該当',
  SUPPORT_1: '要支援1',
  SUPPORT_2: '要支援2',
  CARE_1: '要介護1',
  CARE_2: '要介護2',
  CARE_3: '要介護3',
  CARE_4: '要介護4',
  CARE_5: '要介護5',
};

export const TAX_STATUS_LABELS: Record<string, string> = { TAXABLE: '課税', NON_TAXABLE: '非課税' };

export const CASE_STATUS_LABELS: Record<string, string> = { OPEN: '支援中', CLOSED: '終結' };

export const TEAM_ROLE_LABELS: Record<string, string> = {
  COORDINATOR: '重層担当',
  PLANNER: 'プラン作成',
  MAIN_CONTACT: '主担当',
  SUPPORT: '支援',
};

export const PLAN_KIND_LABELS: Record<string, string> = {
  TAKIKAN: '多機関協働プラン',
  SANKA: '参加支援プラン',
  OUTREACH: 'アウトリーチ等プラン',
};

export const PLAN_STATUS_LABELS: Record<string, string> = {
  DRAFT: '作成中',
  IN_REVIEW: '重層的支援会議で協議中',
  AWAITING_DECISION: '承認済み・支援決定待ち',
  CONFIRMED: '確定',
  ENDED: '終結',
  SUSPENDED: '中断',
};

export const PLAN_COMPONENT_LABELS: Record<string, string> = { OUTREACH: 'アウトリーチ', SANKA: '参加支援' };

/** An enum value in words; the raw value when the graph has grown a new one. */
export function label(table: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '';
  return table[value] ?? value;
}

/** 2027-01-31 or an ISO timestamp → 2027年1月31日 */
export function formatDate(value: string | null | undefined): string {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!m) return value ?? '';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Age in whole years on `today` for a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, today: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age -= 1;
  return age;
}

/** Kana readings are kept in katakana: さとう finds サトウ. Other text is sent as typed. */
export function searchText(input: string): string {
  const text = input.trim().replace(/\u3000/g, ' ');
  return /^[\u3041-\u3096\u30a1-\u30fc\s]+$/.test(text)
    ? text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    : text;
}

// ---- 緊急時の閲覧 (emergency access windows) ----

export const EMERGENCY_REASON_LABELS: Record<string, string> = {
  ABUSE: '虐待の疑い',
  DV: 'DV',
  DANGER_TO_LIFE: '生命・身体の危険',
  MISSING: '行方不明',
  OTHER: 'その他',
};

export const EMERGENCY_STATUS_LABELS: Record<string, string> = {
  OPEN: '閲覧中',
  AWAITING_REVIEW: '審査待ち',
  REVIEWED: '審査済み',
};

export const REVIEW_VERDICT_LABELS: Record<string, string> = { APPROPRIATE: '適切', INAPPROPRIATE: '不適切' };

/** Why opening a window was refused (the workflow's codes), in words. */
export const EMERGENCY_REFUSALS: Record<string, string> = {
  EMERGENCY_ACCESS_RESTRICTED:
    '緊急時の閲覧を開始できません（不適切と審査された閲覧が未解除か、開始中の閲覧が上限に達しています）',
  FORBIDDEN_ACTION: 'この操作は認められていません',
  BAD_USER_INPUT: '入力内容を確認してください',
  ILLEGAL_TRANSITION: 'この閲覧は既に終了しているか、審査済みです',
  VERSION_CONFLICT: 'ほかの操作で更新されました。一覧を再読み込みしてください',
};

/** Seconds → 「1時間59分」 (「1分未満」 under a minute): the banner's time left. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return '1分未満';
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return hours ? `${hours}時間${minutes}分` : `${minutes}分`;
}

// ---- 本人開示の報告書 (the disclosure report): the audit's words ----

/** What was read, by the audit's `field` (the four fields, or the 重層 data read). */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  KAIGO: '介護の記録',
  SHOGAI: '障害の記録',
  KODOMO: '子どもの記録',
  KONKYU: '困窮の記録',
  IDENTITY: '本人確認情報（氏名・生年月日等）',
  CASE: 'ケース',
  PLAN: '支援プラン',
  CONSENT: '同意の状態',
  INTAKE: '相談受付',
  MEETING: '会議',
  EMERGENCY_ACCESS: '緊急時の閲覧の記録',
  AUDIT: '開示の記録（監査ログ）',
};

/** The sensitivity class beside the field, when it is not GENERAL. */
export const AUDIT_CLASS_LABELS: Record<string, string> = {
  TAX: '税情報',
  CHILD_PROTECTION: '要保護児童等の記録',
  ADDRESS: '住所',
};

/** Bases that need no facts to be put into words (the others name a consent, a meeting or a window). */
export const AUDIT_BASIS_LABELS: Record<string, string> = {
  OWN_FIELD: '自らの分野',
  CASE_TEAM: 'チームの一員（支援チーム）',
  RESIDENT_REGISTRY: '住民基本台帳（本人確認情報）',
  OWN_RECORD: '自機関の記録',
  COORDINATOR: '福祉課による開示記録の閲覧',
  CLI_OPERATOR: '運用担当者による監査記録の閲覧',
  DISCLOSURE_REPORT: '福祉課による本人開示の報告書の作成',
  EMERGENCY_WINDOW_OPENED: '緊急時の閲覧の開始',
  EMERGENCY_WINDOW_CLOSED: '緊急時の閲覧の終了',
  EMERGENCY_WINDOW_REVIEWED: '緊急時の閲覧の審査',
  EMERGENCY_WINDOW_RESTRICTION_LIFTED: '緊急時の閲覧の制限の解除',
  EMERGENCY_WINDOW_READ: '緊急時の閲覧の記録の確認',
  'WORKFLOW_RULE:AGENDA': '手続き上の確認（会議の議題への追加）',
  'WORKFLOW_RULE:REFERRAL': '手続き上の確認（機関への紹介）',
};
