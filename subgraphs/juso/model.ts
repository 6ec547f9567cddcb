/**
 * The 重層 subgraph's own documents: resident identity (from the 住民基本台帳),
 * households, agencies, cases with their teams, plans, meetings and consent versions.
 */
import type { AgencyRole, WelfareField } from '../../shared/domain';
import type { IndexSpec, StoredDoc } from '../../shared/store';

export interface PersonDoc extends StoredDoc {
  name: string;
  nameKana: string;
  birthDate: string;
  address: string;
  householdId: string;
  /** 住民基本台帳事務における DV等支援措置: the address is withheld from everyone. */
  dvSupport: boolean;
}

export interface HouseholdDoc extends StoredDoc {
  /** 世帯名, e.g. 山田世帯. */
  name: string;
  memberIds: string[];
}

export interface AgencyDoc extends StoredDoc {
  name: string;
  role: AgencyRole;
  field: WelfareField | null;
}

/** RETURNED: 多機関協働事業者 gave the case back to the referring agency (紹介元に事例を戻す). */
export type CaseStatus = 'OPEN' | 'CLOSED' | 'RETURNED';
/**
 * One line of a document's history: who did what, when, and in which meeting. Every
 * workflow write appends one in the same update as the change it describes.
 */
export interface HistoryEntry {
  at: string;
  staffId: string;
  agencyId: string;
  action: HistoryAction;
  /** Status before and after, where the action changed it. */
  from: string | null;
  to: string | null;
  meetingId: string | null;
  note: string | null;
  /** What the action replaced (a plan's previous content on UPDATED / REVISED). */
  previous?: Record<string, unknown> | null;
}

export const HISTORY_ACTIONS = [
  // cases
  'REFERRED',
  'OPENED_AT_SHIEN_KAIGI',
  'ASSESSED',
  'TEAM_MEMBER_ADDED',
  'RETURNED',
  // plans
  'DRAFTED',
  'UPDATED',
  'SUBMITTED',
  'APPROVED',
  'SENT_BACK',
  'SUPPORT_DECIDED',
  'SUPPORT_DECLINED',
  'REVISED',
  'ENDED',
  'SUSPENDED',
  'CONTACT_ATTEMPTED',
  // meetings
  'SCHEDULED',
  'MEMBERS_SET',
  'AGENDA_ITEM_ADDED',
  'AGENDA_ITEM_REMOVED',
  'OPENED',
  'CLOSED',
  'DECISION_RECORDED',
  // consent versions
  'INTAKE',
  'CONSENT_GRANTED',
  'CONSENT_NARROWED',
  'CONSENT_WIDENED',
  'CONSENT_WITHDRAWN',
  'CONSENT_RECORDED',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** インテーク・アセスメントシート (別紙2-3): one version per assessment, the last is current. */
export interface AssessmentRecord {
  at: string;
  staffId: string;
  agencyId: string;
  /** 主訴と相談の概要 */
  summary: string;
  /** 課題 */
  issues: string[];
  /** 本人・世帯の強み */
  strengths: string[];
  /** 見立て */
  view: string | null;
}

/** What an agency does on a case's team. */
export type TeamRole = 'COORDINATOR' | 'PLANNER' | 'MAIN_CONTACT' | 'SUPPORT';

export interface CaseDoc extends StoredDoc {
  title: string;
  status: CaseStatus;
  householdId: string | null;
  personIds: string[];
  team: { agencyId: string; role: TeamRole }[];
  referredBy: string;
  openedAt: string;
  version: number;
  /** The intakes (consent versions with a consultation) the referral came from. */
  intakeIds?: string[];
  /** 支援会議 (no consent) that opened the case, when it was not a referral. */
  openedAtMeetingId?: string | null;
  assessments?: AssessmentRecord[];
  returnedAt?: string | null;
  history?: HistoryEntry[];
}

/** 多機関協働プラン / 参加支援プラン / アウトリーチ等プラン. */
export type PlanKind = 'TAKIKAN' | 'SANKA' | 'OUTREACH';
export type PlanStatus = 'DRAFT' | 'IN_REVIEW' | 'AWAITING_DECISION' | 'CONFIRMED' | 'ENDED' | 'SUSPENDED';
/** Parts of a plan that need the municipality's 支援決定 before confirmation. */
export type PlanComponent = 'OUTREACH' | 'SANKA';

/** What a meeting (or the municipality, for 支援決定) decided about a plan. */
export type PlanDecisionKind =
  'APPROVED' | 'SENT_BACK' | 'ENDED' | 'SUSPENDED' | 'SUPPORT_DECIDED' | 'SUPPORT_DECLINED';

export interface PlanDecisionRecord {
  kind: PlanDecisionKind;
  at: string;
  staffId: string;
  agencyId: string;
  /** The meeting it was taken at; null for 支援決定, an act of the municipality. */
  meetingId: string | null;
  meetingKind: MeetingKind | null;
  /** The status the decision moved the plan to. */
  to: PlanStatus;
  note: string | null;
  /** A plan without OUTREACH or SANKA is confirmed on approval and reported to the municipality. */
  reportedToAgencyId: string | null;
}

export type ContactMethod = 'VISIT' | 'PHONE' | 'LETTER' | 'MESSAGE' | 'VIA_OTHERS';

/** An attempt to reach the person; 中断 needs failed ones on record. */
export interface ContactAttempt {
  at: string;
  method: ContactMethod;
  reached: boolean;
  note: string | null;
  staffId: string;
  agencyId: string;
}

/** つながり評価シート (別紙2-7): five items, each scored 1–4. */
export interface TsunagariScores {
  /** 意欲 */
  motivation: number;
  /** 自己肯定感 */
  selfEsteem: number;
  /** 対人関係 */
  relationships: number;
  /** 社会参加 */
  socialParticipation: number;
  /** 相談 (相談できる相手・場) */
  consultation: number;
}

/** 終結: 評価シート (別紙2-6), つながり評価シート (別紙2-7) and the agency that stays 主担当. */
export interface PlanEnding {
  at: string;
  staffId: string;
  agencyId: string;
  meetingId: string;
  evaluation: {
    /** 目標の達成状況 */
    goalAttainment: string;
    /** 支援の経過と成果 */
    outcome: string;
    /** フォローアップの必要性と方法 */
    followUp: string;
  };
  tsunagari: TsunagariScores;
  mainContactAgencyId: string;
}

export interface PlanDoc extends StoredDoc {
  caseId: string;
  kind: PlanKind;
  personIds: string[];
  status: PlanStatus;
  components: PlanComponent[];
  goals: string[];
  direction: string;
  roles: { agencyId: string; task: string }[];
  monitoringDate: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** When the plan entered its current status (absent on seeded plans: updatedAt). */
  statusSince?: string;
  decisions?: PlanDecisionRecord[];
  contactAttempts?: ContactAttempt[];
  ending?: PlanEnding | null;
  history?: HistoryEntry[];
}

/** 支援会議 (社会福祉法106条の6) / 重層的支援会議. */
export type MeetingKind = 'SHIEN_KAIGI' | 'JUSO_KAIGI';
export type MeetingStatus = 'SCHEDULED' | 'OPEN' | 'CLOSED';
export type AgendaKind = 'CASE' | 'HOUSEHOLD' | 'PERSON';

export interface MeetingDoc extends StoredDoc {
  kind: MeetingKind;
  title: string;
  status: MeetingStatus;
  scheduledAt: string;
  memberAgencyIds: string[];
  agenda: { kind: AgendaKind; id: string }[];
  /** Decisions recorded on the meeting itself; plan decisions live on their plans. */
  decisions: { decidedAt: string; summary: string; staffId?: string; agencyId?: string }[];
  /** Absent on meetings written before the workflow existed: read as 0. */
  version?: number;
  convenedByAgencyId?: string;
  openedAt?: string | null;
  closedAt?: string | null;
  history?: HistoryEntry[];
}

/** 同意する / 同意しない / 不明, and 撤回 (withdrawn). */
export type ConsentStatus = 'GRANTED' | 'REFUSED' | 'UNKNOWN' | 'WITHDRAWN';
/** 包括的相談支援受付シート / 相談受付・申込票. */
export type ConsentMethod = 'INTAKE_SHEET' | 'APPLICATION_FORM';

/** The consent question's three answers at intake: 同意する / 同意しない / 不明. */
export type ConsentAnswer = 'GRANTED' | 'REFUSED' | 'UNKNOWN';

/** How a consent version came about; absent on seeded versions. */
export type ConsentChange = 'INTAKE' | 'GRANT' | 'NARROW' | 'WIDEN' | 'WITHDRAW';

/**
 * 相談受付: the consultation written on the same sheet as the consent question
 * (包括的相談支援受付シート / 相談受付・申込票), so an intake is one consent version.
 */
export interface Consultation {
  receivedAt: string;
  /** What the person answered, as given (the version's status is the consent in force after it). */
  answer: ConsentAnswer;
  /** The scope given with a 同意する answer; empty otherwise. */
  fields: WelfareField[];
  coversTax: boolean;
  topics: string[];
  /** The fields the consultation touches (not the fields consent covers). */
  fieldsInvolved: WelfareField[];
  summary: string | null;
}

/** One version of a person's consent; versions are never overwritten. */
export interface ConsentDoc extends StoredDoc {
  personId: string;
  version: number;
  status: ConsentStatus;
  fields: WelfareField[];
  coversTax: boolean;
  /** The person, or a guardian (親権者) for a child. */
  givenBy: 'SELF' | 'GUARDIAN';
  method: ConsentMethod;
  takenByAgencyId: string;
  takenByStaffId: string;
  takenAt: string;
  expiresAt: string | null;
  withdrawnAt: string | null;
  change?: ConsentChange;
  /** When and by whom this version was written (takenAt/takenBy say when consent was given). */
  recordedAt?: string;
  recordedByAgencyId?: string;
  recordedByStaffId?: string;
  reason?: string | null;
  /** Set on the version an intake wrote. */
  consultation?: Consultation | null;
}

export const COLLECTIONS = {
  people: 'people',
  households: 'households',
  agencies: 'agencies',
  cases: 'cases',
  plans: 'plans',
  meetings: 'meetings',
  consents: 'consents',
  emergencyWindows: 'emergency_windows',
} as const;

/** Every lookup path the repository uses has an index (created on MongoDB too). */
export const INDEXES: Record<keyof typeof COLLECTIONS, IndexSpec[]> = {
  people: [{ keys: ['householdId'] }, { keys: ['nameKana'] }],
  households: [{ keys: ['memberIds'] }],
  agencies: [],
  cases: [
    { keys: ['personIds'] },
    { keys: ['householdId'] },
    { keys: ['team.agencyId'] },
    { keys: ['openedAtMeetingId'] },
    // 事業評価 (statistics/load.ts): cases opened or returned in a year, by range.
    { keys: ['openedAt'] },
    { keys: ['returnedAt'] },
  ],
  plans: [
    { keys: ['caseId'] },
    { keys: ['personIds'] },
    { keys: ['status'] },
    { keys: ['monitoringDate'] },
    // Serves MongoDB. Query it as {decisions: {$elemMatch: {meetingId}}}: the embedded
    // store's hash index cannot answer a path through an array of objects.
    { keys: ['decisions.meetingId'] },
    // 事業評価: plans changed since a year began (a plan's updatedAt only moves forward).
    { keys: ['updatedAt'] },
  ],
  // scheduledAt: 事業評価 reads the meetings around a year by range.
  meetings: [{ keys: ['status'] }, { keys: ['memberAgencyIds'] }, { keys: ['scheduledAt'] }],
  consents: [
    { keys: ['personId'] },
    { keys: ['personId', 'version'], unique: true },
    // 事業評価: intakes by the day received; sparse, as most versions carry no consultation.
    { keys: ['consultation.receivedAt'], sparse: true },
  ],
  emergencyWindows: [{ keys: ['staffId'] }, { keys: ['personId'] }, { keys: ['openedAt'] }],
};
