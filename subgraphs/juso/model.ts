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

export type CaseStatus = 'OPEN' | 'CLOSED';
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
}

/** 多機関協働プラン / 参加支援プラン / アウトリーチ等プラン. */
export type PlanKind = 'TAKIKAN' | 'SANKA' | 'OUTREACH';
export type PlanStatus = 'DRAFT' | 'IN_REVIEW' | 'AWAITING_DECISION' | 'CONFIRMED' | 'ENDED' | 'SUSPENDED';
/** Parts of a plan that need the municipality's 支援決定 before confirmation. */
export type PlanComponent = 'OUTREACH' | 'SANKA';

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
  decisions: { decidedAt: string; summary: string }[];
}

/** 同意する / 同意しない / 不明, and 撤回 (withdrawn). */
export type ConsentStatus = 'GRANTED' | 'REFUSED' | 'UNKNOWN' | 'WITHDRAWN';
/** 包括的相談支援受付シート / 相談受付・申込票. */
export type ConsentMethod = 'INTAKE_SHEET' | 'APPLICATION_FORM';

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
}

export const COLLECTIONS = {
  people: 'people',
  households: 'households',
  agencies: 'agencies',
  cases: 'cases',
  plans: 'plans',
  meetings: 'meetings',
  consents: 'consents',
} as const;

/** Every lookup path the repository uses has an index (created on MongoDB too). */
export const INDEXES: Record<keyof typeof COLLECTIONS, IndexSpec[]> = {
  people: [{ keys: ['householdId'] }, { keys: ['nameKana'] }],
  households: [{ keys: ['memberIds'] }],
  agencies: [],
  cases: [{ keys: ['personIds'] }, { keys: ['householdId'] }, { keys: ['team.agencyId'] }],
  plans: [{ keys: ['caseId'] }, { keys: ['status'] }, { keys: ['monitoringDate'] }],
  meetings: [{ keys: ['status'] }, { keys: ['memberAgencyIds'] }],
  consents: [{ keys: ['personId'] }, { keys: ['personId', 'version'], unique: true }],
};

/** Consent is active only when given, not expired and not withdrawn. */
export function isConsentActive(consent: ConsentDoc | null | undefined, now: Date): boolean {
  if (!consent || consent.status !== 'GRANTED' || consent.withdrawnAt) return false;
  return consent.expiresAt === null || new Date(consent.expiresAt).getTime() > now.getTime();
}
