/**
 * Who may do what in the 重層 workflow, as data: one row per action, each with the
 * agency roles (shared/domain.ts AgencyRole) that may perform it and the passage of
 * the source documents (/work/shared/seeds) it comes from. 001 = 長泉町, 003 = 熱海市,
 * 004 = 上田市. Being allowed an action is necessary, not sufficient: the case or
 * meeting must also be the caller's (team, membership), and the state machine and
 * rules must agree.
 */
import type { AgencyRole } from '../../../shared/domain';
import { AGENCY_ROLES } from '../../../shared/domain';
import type { MeetingKind, PlanKind } from '../model';

const ANY = AGENCY_ROLES;

export const ROLE_TABLE = {
  // 001 5-1)(4)①, 004 4(1): 相談者の属性や世代、相談内容に関わらず相談を受け止める (断らない).
  RECORD_INTAKE: ANY,
  // 001 5-1)(4)① 受付シートで同意の確認 (FIELD); 5)(4)①ア 相談受付・申込票 (TAKIKAN);
  // 4)(5)② 本人同意を得た後 (OUTREACH); 2)(4)② 利用申込 (SANKA); 5-1)(2)② 町の相談窓口 (COORDINATOR).
  GRANT_CONSENT: ['FIELD', 'TAKIKAN', 'OUTREACH', 'SANKA', 'COORDINATOR'],
  // Same forms as GRANT_CONSENT: widening is giving consent for more.
  WIDEN_CONSENT: ['FIELD', 'TAKIKAN', 'OUTREACH', 'SANKA', 'COORDINATOR'],
  // DOMAIN.md 同意: consent "can be withdrawn"; whoever hears it records it, so sharing stops at once.
  NARROW_CONSENT: ANY,
  WITHDRAW_CONSENT: ANY,
  // 001 5)(1) 支援関係機関等からつながれた事例; 5-1)(4)②ア 包括的相談支援事業から多機関協働事業へのつなぎ.
  REFER_TO_TAKIKAN: ANY,
  // 001 6-1)(2) 支援会議は長泉町が個別の事例に応じて招集し、主宰; 004 5(1) 支援方針の決定.
  OPEN_CASE_AT_SHIEN_KAIGI: ['COORDINATOR'],
  // 001 5)(4)② インテーク・アセスメントシート (TAKIKAN); 4)(5)① 本人の状況をアセスメント (OUTREACH);
  // 2)(4)② アセスメントを行い (SANKA).
  RECORD_ASSESSMENT: ['TAKIKAN', 'OUTREACH', 'SANKA'],
  // 001 5)(4)③ 多機関協働事業者が支援関係機関を招集して役割分担; the municipality for 支援会議 cases.
  ADD_TEAM_MEMBER: ['TAKIKAN', 'COORDINATOR'],
  // 001 5)(4)①ア 紹介元の支援関係機関等と協議した上で、紹介元の支援関係機関に事例を戻す.
  RETURN_CASE: ['TAKIKAN'],
  // 001 5)(4)③ 多機関協働事業のプラン兼事業等利用申込書 (別紙2-4); 003 多機関協働 プランの作成.
  AUTHOR_TAKIKAN_PLAN: ['TAKIKAN'],
  // 001 2)(4)② 参加支援事業のプランシート (別紙2-5①).
  AUTHOR_SANKA_PLAN: ['SANKA'],
  // 001 4)(5)① アウトリーチ等を通じた継続的支援事業のプランシート (別紙2-5②).
  AUTHOR_OUTREACH_PLAN: ['OUTREACH'],
  // 001 6-2)(4)※ 関係者や地域住民から情報収集、自宅訪問など、できる限り本人とコンタクトを.
  RECORD_CONTACT_ATTEMPT: ANY,
  // 004 5(1) 重層的支援会議: 主催者 市、会議結果の整理等は多機関協働事業者; 001 6-2)(3).
  DECIDE_AT_JUSO_KAIGI: ['TAKIKAN', 'COORDINATOR'],
  // 001 6-1)(2) 支援会議は長泉町が主宰; 004 5(1) 主催者 市.
  DECIDE_AT_SHIEN_KAIGI: ['COORDINATOR'],
  // 001 6-2)(2)(6) 参加支援事業又はアウトリーチ等事業は長泉町が支援決定を行う.
  DECIDE_SUPPORT: ['COORDINATOR'],
  // 001 6-2)(3) 多機関協働事業者が構成員を招集; 004 5(1) 主催者 市 (調整は多機関協働事業者);
  // 003 重層的支援会議 社会福祉協議会 (主催).
  CONVENE_JUSO_KAIGI: ['TAKIKAN', 'COORDINATOR'],
  // 001 6-1)(2) 長泉町が招集し、主宰; 004 5(1) 主催者 市; 003 支援会議 長寿介護課 (主催).
  CONVENE_SHIEN_KAIGI: ['COORDINATOR'],
} as const satisfies Record<string, readonly AgencyRole[]>;

export type WorkflowAction = keyof typeof ROLE_TABLE;

export function mayPerform(role: AgencyRole, action: WorkflowAction): boolean {
  return (ROLE_TABLE[action] as readonly AgencyRole[]).includes(role);
}

/** Each plan kind is written by its own 事業者. */
export const PLAN_AUTHOR: Readonly<Record<PlanKind, WorkflowAction>> = {
  TAKIKAN: 'AUTHOR_TAKIKAN_PLAN',
  SANKA: 'AUTHOR_SANKA_PLAN',
  OUTREACH: 'AUTHOR_OUTREACH_PLAN',
};

export const CONVENER: Readonly<Record<MeetingKind, WorkflowAction>> = {
  JUSO_KAIGI: 'CONVENE_JUSO_KAIGI',
  SHIEN_KAIGI: 'CONVENE_SHIEN_KAIGI',
};

export const DECIDER: Readonly<Record<MeetingKind, WorkflowAction>> = {
  JUSO_KAIGI: 'DECIDE_AT_JUSO_KAIGI',
  SHIEN_KAIGI: 'DECIDE_AT_SHIEN_KAIGI',
};
