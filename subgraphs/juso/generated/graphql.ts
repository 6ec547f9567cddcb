import type { GraphQLResolveInfo } from 'graphql';
import type { PersonDoc, HouseholdDoc, AgencyDoc, CaseDoc, PlanDoc, MeetingDoc, ConsentDoc } from '../model';
import type { JusoContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AccessFacts = {
  __typename?: 'AccessFacts';
  /** Null when the window does not exist (or none was asked for) */
  emergency?: Maybe<EmergencyAccessFacts>;
  /** Null when the meeting does not exist (or none was asked for) */
  meeting?: Maybe<MeetingAccessFacts>;
  people: Array<PersonAccessFacts>;
};

export type Agency = {
  __typename?: 'Agency';
  field?: Maybe<WelfareField>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: AgencyRole;
};

export type AgencyRole =
  /** 福祉課 重層担当: 支援決定, convenes 支援会議 */
  | 'COORDINATOR'
  /** runs one of the four fields */
  | 'FIELD'
  | 'OTHER'
  /** アウトリーチ等事業者 */
  | 'OUTREACH'
  /** 参加支援事業者 */
  | 'SANKA'
  /** 多機関協働事業者 */
  | 'TAKIKAN';

export type AgendaEntryFacts = {
  __typename?: 'AgendaEntryFacts';
  id: Scalars['ID']['output'];
  kind: AgendaKind;
};

export type AgendaItem = {
  __typename?: 'AgendaItem';
  case?: Maybe<Case>;
  household?: Maybe<Household>;
  /** The item's id (case, household or person) */
  id: Scalars['ID']['output'];
  kind: AgendaKind;
  person?: Maybe<Person>;
  /** The item's plans the meeting may take up (not ended), that the caller may see */
  plans: Array<Plan>;
};

export type AgendaItemInput = {
  id: Scalars['ID']['input'];
  kind: AgendaKind;
};

export type AgendaKind =
  | 'CASE'
  | 'HOUSEHOLD'
  | 'PERSON';

/** インテーク・アセスメントシート (別紙2-3) */
export type Assessment = {
  __typename?: 'Assessment';
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  /** 課題 */
  issues: Array<Scalars['String']['output']>;
  staffId: Scalars['String']['output'];
  /** 本人・世帯の強み */
  strengths: Array<Scalars['String']['output']>;
  /** 主訴と相談の概要 */
  summary: Scalars['String']['output'];
  /** 見立て */
  view?: Maybe<Scalars['String']['output']>;
};

export type AssessmentInput = {
  issues: Array<Scalars['String']['input']>;
  strengths: Array<Scalars['String']['input']>;
  summary: Scalars['String']['input'];
  view?: InputMaybe<Scalars['String']['input']>;
};

export type Case = {
  __typename?: 'Case';
  /** インテーク・アセスメント, oldest first */
  assessments: Array<Assessment>;
  household?: Maybe<Household>;
  id: Scalars['ID']['output'];
  /** 主担当: the agency named at the latest 終結, else the team's MAIN_CONTACT */
  mainContact?: Maybe<Agency>;
  openedAt: Scalars['String']['output'];
  people: Array<Person>;
  plans: Array<Plan>;
  referredBy?: Maybe<Agency>;
  returnedAt?: Maybe<Scalars['String']['output']>;
  status: CaseStatus;
  team: Array<TeamMember>;
  /** What happened to the case, its plans and its people's consent, oldest first */
  timeline: Array<TimelineEvent>;
  title: Scalars['String']['output'];
  /** Optimistic concurrency: send it back with an edit */
  version: Scalars['Int']['output'];
};

export type CaseAccessFacts = {
  __typename?: 'CaseAccessFacts';
  householdId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  teamAgencyIds: Array<Scalars['ID']['output']>;
};

export type CaseStatus =
  | 'CLOSED'
  | 'OPEN'
  /** 紹介元に戻した: returned to the referring agency */
  | 'RETURNED';

export type Consent = {
  __typename?: 'Consent';
  /** Given, not expired and not withdrawn */
  active: Scalars['Boolean']['output'];
  /** How this version came about (null on versions recorded before the workflow) */
  change?: Maybe<ConsentChange>;
  coversTax: Scalars['Boolean']['output'];
  expiresAt?: Maybe<Scalars['String']['output']>;
  fields: Array<WelfareField>;
  givenBy: ConsentGiver;
  id: Scalars['ID']['output'];
  method: ConsentMethod;
  reason?: Maybe<Scalars['String']['output']>;
  /** When and by whom this version was written */
  recordedAt: Scalars['String']['output'];
  recordedBy?: Maybe<Agency>;
  status: ConsentStatus;
  takenAt: Scalars['String']['output'];
  takenBy?: Maybe<Agency>;
  version: Scalars['Int']['output'];
  withdrawnAt?: Maybe<Scalars['String']['output']>;
};

export type ConsentAccessFacts = {
  __typename?: 'ConsentAccessFacts';
  coversTax: Scalars['Boolean']['output'];
  expiresAt?: Maybe<Scalars['String']['output']>;
  fields: Array<WelfareField>;
  id: Scalars['ID']['output'];
  status: ConsentStatus;
  withdrawnAt?: Maybe<Scalars['String']['output']>;
};

/** The three answers of the consent question at intake */
export type ConsentAnswer =
  /** 同意する */
  | 'GRANTED'
  /** 同意しない */
  | 'REFUSED'
  /** 不明 */
  | 'UNKNOWN';

export type ConsentChange =
  | 'GRANT'
  | 'INTAKE'
  | 'NARROW'
  | 'WIDEN'
  | 'WITHDRAW';

export type ConsentGiver =
  /** 親権者 */
  | 'GUARDIAN'
  | 'SELF';

export type ConsentGrantInput = {
  coversTax: Scalars['Boolean']['input'];
  expiresAt?: InputMaybe<Scalars['String']['input']>;
  fields: Array<WelfareField>;
  givenBy: ConsentGiver;
  method: ConsentMethod;
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type ConsentMethod =
  /** 相談受付・申込票 */
  | 'APPLICATION_FORM'
  /** 包括的相談支援受付シート */
  | 'INTAKE_SHEET';

export type ConsentScopeInput = {
  coversTax: Scalars['Boolean']['input'];
  /** Kept from the current version when omitted */
  expiresAt?: InputMaybe<Scalars['String']['input']>;
  fields: Array<WelfareField>;
  /** The form the change was given on (required to widen; narrowing keeps the current one when omitted) */
  method?: InputMaybe<ConsentMethod>;
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type ConsentStatus =
  /** 同意する */
  | 'GRANTED'
  /** 同意しない */
  | 'REFUSED'
  /** 不明 */
  | 'UNKNOWN'
  /** 撤回 */
  | 'WITHDRAWN';

export type ContactAttempt = {
  __typename?: 'ContactAttempt';
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  method: ContactMethod;
  note?: Maybe<Scalars['String']['output']>;
  reached: Scalars['Boolean']['output'];
  staffId: Scalars['String']['output'];
};

export type ContactAttemptInput = {
  /** Now when omitted */
  at?: InputMaybe<Scalars['String']['input']>;
  method: ContactMethod;
  note?: InputMaybe<Scalars['String']['input']>;
  reached: Scalars['Boolean']['input'];
};

export type ContactMethod =
  | 'LETTER'
  | 'MESSAGE'
  | 'PHONE'
  /** 関係者や地域住民を通じて */
  | 'VIA_OTHERS'
  | 'VISIT';

export type DisclosureReportFacts = {
  __typename?: 'DisclosureReportFacts';
  consents: Array<ReportConsentFacts>;
  emergencyWindows: Array<ReportEmergencyFacts>;
  meetings: Array<ReportMeetingFacts>;
  name?: Maybe<Scalars['String']['output']>;
  personId: Scalars['ID']['output'];
};

export type DraftPlanInput = {
  caseId: Scalars['ID']['input'];
  content: PlanContentInput;
  kind: PlanKind;
};

export type EmergencyAccessFacts = {
  __typename?: 'EmergencyAccessFacts';
  agencyId: Scalars['ID']['output'];
  closedAt?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  openedAt: Scalars['String']['output'];
  personId: Scalars['ID']['output'];
  staffId: Scalars['ID']['output'];
};

export type EmergencyAccessInput = {
  /** Default 2 hours; at most the town's limit (24 at most) */
  hours?: InputMaybe<Scalars['Float']['input']>;
  personId: Scalars['ID']['input'];
  /** Required, at most 500 characters */
  reason: Scalars['String']['input'];
  reasonCategory: EmergencyReason;
};

/**
 * One staff member's window for one person: while OPEN, requests with X-Emergency-Access: <id> read
 * that person's four fields as if on consent — never tax-derived data, a DV-protected address or a
 * child-protection record. Every disclosure is audited with basis EMERGENCY and the window id.
 */
export type EmergencyAccessWindow = {
  __typename?: 'EmergencyAccessWindow';
  agency?: Maybe<Agency>;
  closedAt?: Maybe<Scalars['String']['output']>;
  /** When it stopped giving access (closed or expired); null while open */
  endedAt?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['String']['output'];
  history: Array<EmergencyEvent>;
  id: Scalars['ID']['output'];
  openedAt: Scalars['String']['output'];
  /** Awaiting review for longer than the town allows (default 7 days) */
  overdue: Scalars['Boolean']['output'];
  person?: Maybe<Person>;
  reason: Scalars['String']['output'];
  reasonCategory: EmergencyReason;
  review?: Maybe<EmergencyReview>;
  /** Seconds of access left (0 once ended) */
  secondsLeft: Scalars['Int']['output'];
  staffId: Scalars['String']['output'];
  status: EmergencyWindowStatus;
  version: Scalars['Int']['output'];
};

export type EmergencyEvent = {
  __typename?: 'EmergencyEvent';
  action: Scalars['String']['output'];
  agencyId: Scalars['ID']['output'];
  at: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  staffId: Scalars['String']['output'];
};

/** 虐待の疑い, DV, 生命・身体の危険, 行方不明, その他 */
export type EmergencyReason =
  | 'ABUSE'
  | 'DANGER_TO_LIFE'
  | 'DV'
  | 'MISSING'
  | 'OTHER';

export type EmergencyReview = {
  __typename?: 'EmergencyReview';
  note: Scalars['String']['output'];
  reviewedAt: Scalars['String']['output'];
  reviewerAgencyId: Scalars['ID']['output'];
  reviewerStaffId: Scalars['String']['output'];
  verdict: ReviewVerdict;
};

/** OPEN: gives access now; AWAITING_REVIEW: ended (closed or expired), not yet reviewed by 福祉課 */
export type EmergencyWindowStatus =
  | 'AWAITING_REVIEW'
  | 'OPEN'
  | 'REVIEWED';

export type EndPlanInput = {
  evaluation: EvaluationSheetInput;
  mainContactAgencyId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  tsunagari: TsunagariInput;
};

/** 評価シート (別紙2-6) */
export type EvaluationSheet = {
  __typename?: 'EvaluationSheet';
  /** フォローアップの必要性と方法 */
  followUp: Scalars['String']['output'];
  /** 目標の達成状況 */
  goalAttainment: Scalars['String']['output'];
  /** 支援の経過と成果 */
  outcome: Scalars['String']['output'];
};

export type EvaluationSheetInput = {
  followUp: Scalars['String']['input'];
  goalAttainment: Scalars['String']['input'];
  outcome: Scalars['String']['input'];
};

export type HistoryAction =
  | 'AGENDA_ITEM_ADDED'
  | 'AGENDA_ITEM_REMOVED'
  | 'APPROVED'
  | 'ASSESSED'
  | 'CLOSED'
  | 'CONSENT_GRANTED'
  | 'CONSENT_NARROWED'
  /** A consent version recorded before the workflow kept its own history */
  | 'CONSENT_RECORDED'
  | 'CONSENT_WIDENED'
  | 'CONSENT_WITHDRAWN'
  | 'CONTACT_ATTEMPTED'
  | 'DECISION_RECORDED'
  | 'DRAFTED'
  | 'ENDED'
  | 'INTAKE'
  | 'MEMBERS_SET'
  | 'OPENED'
  | 'OPENED_AT_SHIEN_KAIGI'
  | 'REFERRED'
  | 'RETURNED'
  | 'REVISED'
  | 'SCHEDULED'
  | 'SENT_BACK'
  | 'SUBMITTED'
  | 'SUPPORT_DECIDED'
  | 'SUPPORT_DECLINED'
  | 'SUSPENDED'
  | 'TEAM_MEMBER_ADDED'
  | 'UPDATED';

/** Who did what, when, and in which meeting */
export type HistoryEntry = {
  __typename?: 'HistoryEntry';
  action: HistoryAction;
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  from?: Maybe<Scalars['String']['output']>;
  meetingId?: Maybe<Scalars['ID']['output']>;
  note?: Maybe<Scalars['String']['output']>;
  staffId: Scalars['String']['output'];
  to?: Maybe<Scalars['String']['output']>;
};

export type Household = {
  __typename?: 'Household';
  cases: Array<Case>;
  id: Scalars['ID']['output'];
  members: Array<Person>;
  /** 世帯名 */
  name: Scalars['String']['output'];
};

/** 相談受付: one consultation and the person's answer to the consent question, written on one sheet */
export type Intake = {
  __typename?: 'Intake';
  /** What the person answered to the consent question (同意する / 同意しない / 不明) */
  answer: ConsentAnswer;
  answerCoversTax: Scalars['Boolean']['output'];
  /** The fields given with 同意する */
  answerFields: Array<WelfareField>;
  /**
   * The consent in force after the intake (不明 leaves consent in force as it was). Visible
   * like Person.consent: to the case team and to an open meeting with the person on it
   */
  consent?: Maybe<Consent>;
  /** The fields the consultation touches */
  fieldsInvolved: Array<WelfareField>;
  /** The consent version the intake wrote */
  id: Scalars['ID']['output'];
  person?: Maybe<Person>;
  receivedAt: Scalars['String']['output'];
  receivedBy?: Maybe<Agency>;
  receivedByStaffId: Scalars['String']['output'];
  summary?: Maybe<Scalars['String']['output']>;
  topics: Array<Scalars['String']['output']>;
};

export type IntakeConsentInput = {
  answer: ConsentAnswer;
  coversTax: Scalars['Boolean']['input'];
  expiresAt?: InputMaybe<Scalars['String']['input']>;
  /** The fields consent covers (only with GRANTED) */
  fields: Array<WelfareField>;
  givenBy: ConsentGiver;
  method: ConsentMethod;
};

export type IntakeInput = {
  consent: IntakeConsentInput;
  /** The fields the consultation touches (断らない: any of them, or none) */
  fieldsInvolved: Array<WelfareField>;
  personId: Scalars['ID']['input'];
  /** When the consultation was received (ISO 8601 with zone); now when omitted */
  receivedAt?: InputMaybe<Scalars['String']['input']>;
  summary?: InputMaybe<Scalars['String']['input']>;
  topics: Array<Scalars['String']['input']>;
};

export type Meeting = {
  __typename?: 'Meeting';
  agenda: Array<AgendaItem>;
  closedAt?: Maybe<Scalars['String']['output']>;
  convenedBy?: Maybe<Agency>;
  /** Its own decisions and those on plans and cases taken at it, oldest first */
  decisions: Array<MeetingDecision>;
  history: Array<HistoryEntry>;
  id: Scalars['ID']['output'];
  kind: MeetingKind;
  members: Array<Agency>;
  openedAt?: Maybe<Scalars['String']['output']>;
  scheduledAt: Scalars['String']['output'];
  status: MeetingStatus;
  title: Scalars['String']['output'];
  /** Optimistic concurrency: send it back with an edit */
  version: Scalars['Int']['output'];
};

export type MeetingAccessFacts = {
  __typename?: 'MeetingAccessFacts';
  agenda: Array<AgendaEntryFacts>;
  id: Scalars['ID']['output'];
  kind: MeetingKind;
  memberAgencyIds: Array<Scalars['ID']['output']>;
  status: MeetingStatus;
};

export type MeetingDecision = {
  __typename?: 'MeetingDecision';
  agency?: Maybe<Agency>;
  caseId?: Maybe<Scalars['ID']['output']>;
  decidedAt: Scalars['String']['output'];
  kind: MeetingDecisionKind;
  planId?: Maybe<Scalars['ID']['output']>;
  staffId?: Maybe<Scalars['String']['output']>;
  summary: Scalars['String']['output'];
};

export type MeetingDecisionKind =
  | 'APPROVED'
  /** 支援会議 opened a case */
  | 'CASE_OPENED'
  | 'ENDED'
  /** Recorded on the meeting itself */
  | 'GENERAL'
  | 'SENT_BACK'
  | 'SUPPORT_DECIDED'
  | 'SUPPORT_DECLINED'
  | 'SUSPENDED';

export type MeetingKind =
  /** 重層的支援会議: within the person's consent */
  | 'JUSO_KAIGI'
  /** 支援会議 (社会福祉法106条の6): no consent needed */
  | 'SHIEN_KAIGI';

export type MeetingStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'SCHEDULED';

/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type Mutation = {
  __typename?: 'Mutation';
  addAgendaItem: Meeting;
  /** Adds a 支援関係機関 to the case team (SUPPORT) */
  addTeamMember: Case;
  /** At a meeting: IN_REVIEW → AWAITING_DECISION (with OUTREACH or SANKA) or CONFIRMED (reported to the municipality) */
  approvePlan: Plan;
  /** Ends the window early: its holder or 福祉課 */
  closeEmergencyAccess: EmergencyAccessWindow;
  /** OPEN → CLOSED: members lose the meeting's access on the next request */
  closeMeeting: Meeting;
  /** 支援決定 by the municipality: AWAITING_DECISION → CONFIRMED */
  decideSupport: Plan;
  /** The municipality does not decide support: AWAITING_DECISION → DRAFT */
  declineSupport: Plan;
  /** A new plan, DRAFT, written by the plan kind's own 事業者 */
  draftPlan: Plan;
  /** At a meeting: 終結, with 評価シート, つながり評価 and the agency that stays 主担当 */
  endPlan: Plan;
  /** 同意: consent given (or renewed); expectedVersion is the current consent version (0 when never asked) */
  grantConsent: Person;
  /** 福祉課 lets the holder of a window judged 不適切 open windows again */
  liftEmergencyRestriction: EmergencyAccessWindow;
  /** Consent for fewer fields, or no longer for tax information */
  narrowConsent: Person;
  /** 支援会議 (no consent): the municipality opens a case for people on the meeting's agenda */
  openCaseAtShienKaigi: Case;
  /** 緊急時の閲覧: FIELD, TAKIKAN, OUTREACH or COORDINATOR staff, for one person, with a reason */
  openEmergencyAccess: EmergencyAccessWindow;
  /** SCHEDULED → OPEN */
  openMeeting: Meeting;
  /** インテーク・アセスメントシート */
  recordAssessment: Case;
  /** An attempt to reach the person (中断 needs failed ones on record) */
  recordContactAttempt: Plan;
  /**
   * 相談受付 (断らない): any agency, any person, any field. The answer to the consent question becomes
   * the person's current consent only for an agency that takes the consent forms and may see the
   * consent it replaces (or there is none yet); otherwise the consent in force is carried over
   */
  recordIntake: Intake;
  /** A decision of the meeting that is not about one plan (e.g. information shared, a direction agreed) */
  recordMeetingDecision: Meeting;
  /** 多機関協働へのつなぎ: opens a case; needs every person's active consent (else CONSENT_REQUIRED_USE_SHIEN_KAIGI) */
  referToTakikan: Case;
  removeAgendaItem: Meeting;
  /** 紹介元に事例を戻す: the case goes back to the referring agency */
  returnCase: Case;
  /** 福祉課's review of an ended window */
  reviewEmergencyAccess: EmergencyAccessWindow;
  /** 再プラン: CONFIRMED or SUSPENDED → IN_REVIEW with new content */
  revisePlan: Plan;
  /** Schedules a 支援会議 (the municipality) or 重層的支援会議 (多機関協働事業者 or the municipality) */
  scheduleMeeting: Meeting;
  /** At a meeting: IN_REVIEW → DRAFT, with what to change */
  sendBackPlan: Plan;
  setMeetingMembers: Meeting;
  /** DRAFT → IN_REVIEW: put to a meeting */
  submitPlan: Plan;
  /** At a meeting: 中断, only after failed contact attempts */
  suspendPlan: Plan;
  /** Edits a DRAFT */
  updatePlan: Plan;
  /** Consent for more fields, or for tax information too */
  widenConsent: Person;
  /** 撤回: effective on the next request */
  withdrawConsent: Person;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationAddAgendaItemArgs = {
  expectedVersion: Scalars['Int']['input'];
  item: AgendaItemInput;
  meetingId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationAddTeamMemberArgs = {
  agencyId: Scalars['ID']['input'];
  caseId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationApprovePlanArgs = {
  expectedVersion: Scalars['Int']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationCloseEmergencyAccessArgs = {
  expectedVersion: Scalars['Int']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  windowId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationCloseMeetingArgs = {
  expectedVersion: Scalars['Int']['input'];
  meetingId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationDecideSupportArgs = {
  expectedVersion: Scalars['Int']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationDeclineSupportArgs = {
  expectedVersion: Scalars['Int']['input'];
  planId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationDraftPlanArgs = {
  input: DraftPlanInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationEndPlanArgs = {
  expectedVersion: Scalars['Int']['input'];
  input: EndPlanInput;
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationGrantConsentArgs = {
  expectedVersion: Scalars['Int']['input'];
  input: ConsentGrantInput;
  personId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationLiftEmergencyRestrictionArgs = {
  expectedVersion: Scalars['Int']['input'];
  note: Scalars['String']['input'];
  windowId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationNarrowConsentArgs = {
  expectedVersion: Scalars['Int']['input'];
  input: ConsentScopeInput;
  personId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationOpenCaseAtShienKaigiArgs = {
  input: ShienKaigiCaseInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationOpenEmergencyAccessArgs = {
  input: EmergencyAccessInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationOpenMeetingArgs = {
  expectedVersion: Scalars['Int']['input'];
  meetingId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRecordAssessmentArgs = {
  caseId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  input: AssessmentInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRecordContactAttemptArgs = {
  expectedVersion: Scalars['Int']['input'];
  input: ContactAttemptInput;
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRecordIntakeArgs = {
  input: IntakeInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRecordMeetingDecisionArgs = {
  expectedVersion: Scalars['Int']['input'];
  meetingId: Scalars['ID']['input'];
  summary: Scalars['String']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationReferToTakikanArgs = {
  input: ReferralInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRemoveAgendaItemArgs = {
  expectedVersion: Scalars['Int']['input'];
  item: AgendaItemInput;
  meetingId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationReturnCaseArgs = {
  caseId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  reason: Scalars['String']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationReviewEmergencyAccessArgs = {
  expectedVersion: Scalars['Int']['input'];
  note: Scalars['String']['input'];
  verdict: ReviewVerdict;
  windowId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationRevisePlanArgs = {
  content: PlanContentInput;
  expectedVersion: Scalars['Int']['input'];
  planId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationScheduleMeetingArgs = {
  input: ScheduleMeetingInput;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationSendBackPlanArgs = {
  expectedVersion: Scalars['Int']['input'];
  note: Scalars['String']['input'];
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationSetMeetingMembersArgs = {
  expectedVersion: Scalars['Int']['input'];
  meetingId: Scalars['ID']['input'];
  memberAgencyIds: Array<Scalars['ID']['input']>;
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationSubmitPlanArgs = {
  expectedVersion: Scalars['Int']['input'];
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationSuspendPlanArgs = {
  expectedVersion: Scalars['Int']['input'];
  note: Scalars['String']['input'];
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationUpdatePlanArgs = {
  content: PlanContentInput;
  expectedVersion: Scalars['Int']['input'];
  planId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationWidenConsentArgs = {
  expectedVersion: Scalars['Int']['input'];
  input: ConsentScopeInput;
  personId: Scalars['ID']['input'];
};


/**
 * The 重層 workflow. Every mutation is one document write, checked in this order: the
 * caller may see the document (withheld codes), the caller's agency may perform the action
 * (FORBIDDEN_ACTION), the caller read the current version (VERSION_CONFLICT), the state
 * machine allows it (ILLEGAL_TRANSITION), the input and rules hold (BAD_USER_INPUT and the
 * meeting and consent codes). A refused mutation changes nothing. Decisions taken at a
 * meeting are taken in the meeting the request acts in (X-Meeting-Id).
 */
export type MutationWithdrawConsentArgs = {
  expectedVersion: Scalars['Int']['input'];
  personId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type Person = {
  __typename?: 'Person';
  address?: Maybe<Scalars['String']['output']>;
  birthDate: Scalars['String']['output'];
  /** Cases that include the person */
  cases: Array<Case>;
  /** The current version of the person's consent; null when never asked */
  consent?: Maybe<Consent>;
  /** Every version of the person's consent, oldest first */
  consentHistory: Array<Consent>;
  household?: Maybe<Household>;
  /** 団体内統合宛名番号 */
  id: Scalars['ID']['output'];
  /** 相談受付 of the person: those the caller's agency received, and all of them for whoever may see the person's consent */
  intakes: Array<Intake>;
  name: Scalars['String']['output'];
  nameKana: Scalars['String']['output'];
};

export type PersonAccessFacts = {
  __typename?: 'PersonAccessFacts';
  consent?: Maybe<ConsentAccessFacts>;
  dvSupport: Scalars['Boolean']['output'];
  householdId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  openCases: Array<CaseAccessFacts>;
};

export type Plan = {
  __typename?: 'Plan';
  case: Case;
  components: Array<PlanComponent>;
  contactAttempts: Array<ContactAttempt>;
  createdAt: Scalars['String']['output'];
  createdBy: Scalars['String']['output'];
  /** Decisions of meetings and 支援決定, oldest first */
  decisions: Array<PlanDecision>;
  direction: Scalars['String']['output'];
  /** 終結: set when the plan ended */
  ending?: Maybe<PlanEnding>;
  goals: Array<Scalars['String']['output']>;
  history: Array<HistoryEntry>;
  id: Scalars['ID']['output'];
  kind: PlanKind;
  monitoringDate?: Maybe<Scalars['String']['output']>;
  people: Array<Person>;
  /** 役割分担 */
  roles: Array<PlanRole>;
  status: PlanStatus;
  /** When the plan entered its current status */
  statusSince: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
  updatedBy: Scalars['String']['output'];
  /** Optimistic concurrency: send it back with an edit */
  version: Scalars['Int']['output'];
};

export type PlanComponent =
  | 'OUTREACH'
  | 'SANKA';

export type PlanContentInput = {
  components: Array<PlanComponent>;
  direction?: InputMaybe<Scalars['String']['input']>;
  goals: Array<Scalars['String']['input']>;
  /** YYYY-MM-DD */
  monitoringDate?: InputMaybe<Scalars['String']['input']>;
  personIds: Array<Scalars['ID']['input']>;
  /** 役割分担: agencies on the case team */
  roles: Array<PlanRoleInput>;
};

export type PlanDecision = {
  __typename?: 'PlanDecision';
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  kind: PlanDecisionKind;
  /** The meeting it was taken at; null for 支援決定 */
  meetingId?: Maybe<Scalars['ID']['output']>;
  meetingKind?: Maybe<MeetingKind>;
  note?: Maybe<Scalars['String']['output']>;
  /** Confirmed on approval (no OUTREACH or SANKA): reported to the municipality */
  reportedTo?: Maybe<Agency>;
  staffId: Scalars['String']['output'];
  to: PlanStatus;
};

export type PlanDecisionKind =
  /** 了承 */
  | 'APPROVED'
  /** 終結 */
  | 'ENDED'
  | 'SENT_BACK'
  /** 支援決定 */
  | 'SUPPORT_DECIDED'
  | 'SUPPORT_DECLINED'
  /** 中断 */
  | 'SUSPENDED';

export type PlanEnding = {
  __typename?: 'PlanEnding';
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  evaluation: EvaluationSheet;
  /** The agency that stays the main contact (主担当) */
  mainContact?: Maybe<Agency>;
  meetingId: Scalars['ID']['output'];
  staffId: Scalars['String']['output'];
  tsunagari: TsunagariScores;
};

export type PlanKind =
  /** アウトリーチ等プラン */
  | 'OUTREACH'
  /** 参加支援プラン */
  | 'SANKA'
  /** 多機関協働プラン */
  | 'TAKIKAN';

export type PlanRole = {
  __typename?: 'PlanRole';
  agency: Agency;
  task: Scalars['String']['output'];
};

export type PlanRoleInput = {
  agencyId: Scalars['ID']['input'];
  task: Scalars['String']['input'];
};

export type PlanStatus =
  /** 会議で承認済み、支援決定待ち */
  | 'AWAITING_DECISION'
  | 'CONFIRMED'
  | 'DRAFT'
  /** 終結 */
  | 'ENDED'
  /** 重層的支援会議で協議中 */
  | 'IN_REVIEW'
  /** 中断 */
  | 'SUSPENDED';

export type Query = {
  __typename?: 'Query';
  /** The facts the gateway's access decisions need, read fresh for each request */
  _accessFacts: AccessFacts;
  /**
   * 福祉課's 本人開示 report (GET /audit/report): the person's name and consent versions, the
   * meetings and 緊急時の閲覧 windows the audit names. Gateway only; refused unless the caller is
   * COORDINATOR outside any meeting.
   */
  _disclosureReportFacts: DisclosureReportFacts;
  /** The town's 支援関係機関 */
  agencies: Array<Agency>;
  /** A 重層 case: visible to its team, and to members of an open meeting that has it on the agenda */
  case?: Maybe<Case>;
  /** 福祉課: every window (newest first, at most 500), optionally of one status */
  emergencyReviews: Array<EmergencyAccessWindow>;
  /** A 世帯 and its members */
  household?: Maybe<Household>;
  /** A 支援会議 or 重層的支援会議: visible to its members */
  meeting?: Maybe<Meeting>;
  /** The caller's own windows of the last 30 days, newest first */
  myEmergencyWindows: Array<EmergencyAccessWindow>;
  /** Meetings the caller's agency is a member of, soonest first (open and scheduled unless all: true) */
  myMeetings: Array<Meeting>;
  /**
   * モニタリング: confirmed plans whose monitoring date is before asOf (YYYY-MM-DD, default today),
   * among the caller's cases and, in a meeting, its agenda; oldest date first
   */
  overduePlans: Array<Plan>;
  /**
   * Plans waiting for a decision, among the caller's cases and, in a meeting, its agenda: the
   * municipality's 支援決定 (AWAITING_DECISION) first, then a meeting's review (IN_REVIEW); longest waiting first
   */
  pendingDecisions: Array<Plan>;
  /** A resident by 団体内統合宛名番号. Identity is readable by any authenticated staff member. */
  person?: Maybe<Person>;
  /** Residents whose name, kana or id matches (at most 20) */
  searchPeople: Array<Person>;
  /**
   * 事業評価: the 年度's figures (April to March, Asia/Tokyo days), by month where the table is
   * monthly. 福祉課 (role COORDINATOR) only, else FORBIDDEN. Counts only, never an id or a
   * name; a cell below STATS_MIN_CELL (default 3) is suppressed, and a second one where a total
   * would reveal it. Audited as an aggregate read (field STATISTICS, no person).
   */
  statistics: Statistics;
};


export type Query_AccessFactsArgs = {
  emergencyId?: InputMaybe<Scalars['ID']['input']>;
  meetingId?: InputMaybe<Scalars['ID']['input']>;
  personIds: Array<Scalars['ID']['input']>;
};


export type Query_DisclosureReportFactsArgs = {
  meetingIds: Array<Scalars['ID']['input']>;
  personId: Scalars['ID']['input'];
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEmergencyReviewsArgs = {
  status?: InputMaybe<EmergencyWindowStatus>;
};


export type QueryHouseholdArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMeetingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMyMeetingsArgs = {
  all?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryOverduePlansArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySearchPeopleArgs = {
  text: Scalars['String']['input'];
};


export type QueryStatisticsArgs = {
  fiscalYear: Scalars['Int']['input'];
};

export type ReferralInput = {
  /** Derived from the people when omitted and they share one */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** The intakes the referral comes from */
  intakeIds: Array<Scalars['ID']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  personIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type ReportConsentFacts = {
  __typename?: 'ReportConsentFacts';
  coversTax: Scalars['Boolean']['output'];
  fields: Array<WelfareField>;
  id: Scalars['ID']['output'];
  status: ConsentStatus;
  takenAt: Scalars['String']['output'];
  version: Scalars['Int']['output'];
  withdrawnAt?: Maybe<Scalars['String']['output']>;
};

export type ReportEmergencyFacts = {
  __typename?: 'ReportEmergencyFacts';
  agencyId: Scalars['ID']['output'];
  closedAt?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  openedAt: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  reasonCategory: EmergencyReason;
  staffId: Scalars['String']['output'];
};

export type ReportMeetingFacts = {
  __typename?: 'ReportMeetingFacts';
  id: Scalars['ID']['output'];
  kind: MeetingKind;
  title: Scalars['String']['output'];
};

/** 適切 / 不適切 */
export type ReviewVerdict =
  | 'APPROPRIATE'
  | 'INAPPROPRIATE';

export type ScheduleMeetingInput = {
  agenda: Array<AgendaItemInput>;
  kind: MeetingKind;
  memberAgencyIds: Array<Scalars['ID']['input']>;
  /** ISO 8601 with zone */
  scheduledAt: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

export type SensitivityClass =
  /** 住所 (住民基本台帳 DV等支援措置の対象者では誰にも開示しない) */
  | 'ADDRESS'
  /** 要保護児童・要支援児童・特定妊婦 (要保護児童対策地域協議会) の記録 */
  | 'CHILD_PROTECTION'
  /** 課税状況など地方税法22条の守秘義務がかかる税情報 */
  | 'TAX';

export type ShienKaigiCaseInput = {
  /** 主担当 (typically the アウトリーチ等事業者); a member of the meeting */
  mainContactAgencyId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  personIds: Array<Scalars['ID']['input']>;
  supportAgencyIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

/**
 * One published count: value is null exactly when suppressed; text is what a report prints
 * (the count, or <3)
 */
export type StatCell = {
  __typename?: 'StatCell';
  suppressed: Scalars['Boolean']['output'];
  text: Scalars['String']['output'];
  value?: Maybe<Scalars['Int']['output']>;
};

export type StatMedian = {
  __typename?: 'StatMedian';
  /** Null when suppressed (fewer plans than minCell) */
  days?: Maybe<Scalars['Float']['output']>;
  /** How many plans the median is taken over */
  plans: StatCell;
  text: Scalars['String']['output'];
};

export type StatTable = {
  __typename?: 'StatTable';
  /** rows × columns */
  cells: Array<Array<StatCell>>;
  columnTotals?: Maybe<Array<StatCell>>;
  columns: Array<Scalars['String']['output']>;
  grandTotal?: Maybe<StatCell>;
  /** Stable name: intakesByField, intakesByRoute, consentAtIntake, cases, plansByKindState, supportDecisions, meetingsHeld, meetingDecisions, tsunagari, householdFields */
  key: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
  /** Header of the label column */
  rowHeader: Scalars['String']['output'];
  rowTotals?: Maybe<Array<StatCell>>;
  rows: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  /** Label of the totals row and column */
  totalLabel: Scalars['String']['output'];
  /** 件, 世帯, 回 */
  unit: Scalars['String']['output'];
};

/** The year's statistics: tables of counts (docs/DASHBOARD.md, 事業評価) */
export type Statistics = {
  __typename?: 'Statistics';
  /** The last day counted: the year's last day, or today in the current year */
  asOf: Scalars['String']['output'];
  fiscalYear: Scalars['Int']['output'];
  /** 年度の初日 (YYYY-MM-DD) */
  from: Scalars['String']['output'];
  /** Median days from 受付 to a plan's first confirmation, for plans confirmed in the year */
  medianDaysToConfirmedPlan: StatMedian;
  /** Cells below this are suppressed (shown as <minCell) */
  minCell: Scalars['Int']['output'];
  tables: Array<StatTable>;
  /** 年度の末日 */
  to: Scalars['String']['output'];
};

export type TeamMember = {
  __typename?: 'TeamMember';
  agency: Agency;
  role: TeamRole;
};

export type TeamRole =
  /** 福祉課 重層担当 */
  | 'COORDINATOR'
  /** 主担当 */
  | 'MAIN_CONTACT'
  /** 多機関協働事業者 (プラン作成) */
  | 'PLANNER'
  | 'SUPPORT';

export type TimelineEvent = {
  __typename?: 'TimelineEvent';
  action: HistoryAction;
  agency?: Maybe<Agency>;
  at: Scalars['String']['output'];
  from?: Maybe<Scalars['String']['output']>;
  meetingId?: Maybe<Scalars['ID']['output']>;
  note?: Maybe<Scalars['String']['output']>;
  staffId: Scalars['String']['output'];
  subject: TimelineSubject;
  subjectId: Scalars['ID']['output'];
  to?: Maybe<Scalars['String']['output']>;
};

export type TimelineSubject =
  | 'CASE'
  | 'CONSENT'
  | 'PLAN';

export type TsunagariInput = {
  consultation: Scalars['Int']['input'];
  motivation: Scalars['Int']['input'];
  relationships: Scalars['Int']['input'];
  selfEsteem: Scalars['Int']['input'];
  socialParticipation: Scalars['Int']['input'];
};

/** つながり評価シート (別紙2-7): each item 1–4 */
export type TsunagariScores = {
  __typename?: 'TsunagariScores';
  /** 相談 */
  consultation: Scalars['Int']['output'];
  /** 意欲 */
  motivation: Scalars['Int']['output'];
  /** 対人関係 */
  relationships: Scalars['Int']['output'];
  /** 自己肯定感 */
  selfEsteem: Scalars['Int']['output'];
  /** 社会参加 */
  socialParticipation: Scalars['Int']['output'];
};

export type WelfareField =
  /** 介護 */
  | 'KAIGO'
  /** 子ども */
  | 'KODOMO'
  /** 困窮 */
  | 'KONKYU'
  /** 障害 */
  | 'SHOGAI';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Agency: Agency;
  Case: Case;
  Household: Household;
  Meeting: Meeting;
  Person: Person;
  Plan: Plan;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agency:
    ( { __typename: 'Agency' }
    & GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}> );
  Case:
    ( { __typename: 'Case' }
    & GraphQLRecursivePick<FederationTypes['Case'], {"id":true}> );
  Household:
    ( { __typename: 'Household' }
    & GraphQLRecursivePick<FederationTypes['Household'], {"id":true}> );
  Meeting:
    ( { __typename: 'Meeting' }
    & GraphQLRecursivePick<FederationTypes['Meeting'], {"id":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
  Plan:
    ( { __typename: 'Plan' }
    & GraphQLRecursivePick<FederationTypes['Plan'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessFacts: ResolverTypeWrapper<AccessFacts>;
  Agency: ResolverTypeWrapper<AgencyDoc>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AgencyRole: AgencyRole;
  AgendaEntryFacts: ResolverTypeWrapper<AgendaEntryFacts>;
  AgendaItem: ResolverTypeWrapper<Omit<AgendaItem, 'case' | 'household' | 'person' | 'plans'> & { case?: Maybe<ResolversTypes['Case']>, household?: Maybe<ResolversTypes['Household']>, person?: Maybe<ResolversTypes['Person']>, plans: Array<ResolversTypes['Plan']> }>;
  AgendaItemInput: AgendaItemInput;
  AgendaKind: AgendaKind;
  Assessment: ResolverTypeWrapper<Omit<Assessment, 'agency'> & { agency?: Maybe<ResolversTypes['Agency']> }>;
  AssessmentInput: AssessmentInput;
  Case: ResolverTypeWrapper<CaseDoc>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CaseAccessFacts: ResolverTypeWrapper<CaseAccessFacts>;
  CaseStatus: CaseStatus;
  Consent: ResolverTypeWrapper<ConsentDoc>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConsentAccessFacts: ResolverTypeWrapper<ConsentAccessFacts>;
  ConsentAnswer: ConsentAnswer;
  ConsentChange: ConsentChange;
  ConsentGiver: ConsentGiver;
  ConsentGrantInput: ConsentGrantInput;
  ConsentMethod: ConsentMethod;
  ConsentScopeInput: ConsentScopeInput;
  ConsentStatus: ConsentStatus;
  ContactAttempt: ResolverTypeWrapper<Omit<ContactAttempt, 'agency'> & { agency?: Maybe<ResolversTypes['Agency']> }>;
  ContactAttemptInput: ContactAttemptInput;
  ContactMethod: ContactMethod;
  DisclosureReportFacts: ResolverTypeWrapper<DisclosureReportFacts>;
  DraftPlanInput: DraftPlanInput;
  EmergencyAccessFacts: ResolverTypeWrapper<EmergencyAccessFacts>;
  EmergencyAccessInput: EmergencyAccessInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  EmergencyAccessWindow: ResolverTypeWrapper<Omit<EmergencyAccessWindow, 'agency' | 'person'> & { agency?: Maybe<ResolversTypes['Agency']>, person?: Maybe<ResolversTypes['Person']> }>;
  EmergencyEvent: ResolverTypeWrapper<EmergencyEvent>;
  EmergencyReason: EmergencyReason;
  EmergencyReview: ResolverTypeWrapper<EmergencyReview>;
  EmergencyWindowStatus: EmergencyWindowStatus;
  EndPlanInput: EndPlanInput;
  EvaluationSheet: ResolverTypeWrapper<EvaluationSheet>;
  EvaluationSheetInput: EvaluationSheetInput;
  HistoryAction: HistoryAction;
  HistoryEntry: ResolverTypeWrapper<Omit<HistoryEntry, 'agency'> & { agency?: Maybe<ResolversTypes['Agency']> }>;
  Household: ResolverTypeWrapper<HouseholdDoc>;
  Intake: ResolverTypeWrapper<ConsentDoc>;
  IntakeConsentInput: IntakeConsentInput;
  IntakeInput: IntakeInput;
  Meeting: ResolverTypeWrapper<MeetingDoc>;
  MeetingAccessFacts: ResolverTypeWrapper<MeetingAccessFacts>;
  MeetingDecision: ResolverTypeWrapper<Omit<MeetingDecision, 'agency'> & { agency?: Maybe<ResolversTypes['Agency']> }>;
  MeetingDecisionKind: MeetingDecisionKind;
  MeetingKind: MeetingKind;
  MeetingStatus: MeetingStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Person: ResolverTypeWrapper<PersonDoc>;
  PersonAccessFacts: ResolverTypeWrapper<PersonAccessFacts>;
  Plan: ResolverTypeWrapper<PlanDoc>;
  PlanComponent: PlanComponent;
  PlanContentInput: PlanContentInput;
  PlanDecision: ResolverTypeWrapper<Omit<PlanDecision, 'agency' | 'reportedTo'> & { agency?: Maybe<ResolversTypes['Agency']>, reportedTo?: Maybe<ResolversTypes['Agency']> }>;
  PlanDecisionKind: PlanDecisionKind;
  PlanEnding: ResolverTypeWrapper<Omit<PlanEnding, 'agency' | 'mainContact'> & { agency?: Maybe<ResolversTypes['Agency']>, mainContact?: Maybe<ResolversTypes['Agency']> }>;
  PlanKind: PlanKind;
  PlanRole: ResolverTypeWrapper<Omit<PlanRole, 'agency'> & { agency: ResolversTypes['Agency'] }>;
  PlanRoleInput: PlanRoleInput;
  PlanStatus: PlanStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReferralInput: ReferralInput;
  ReportConsentFacts: ResolverTypeWrapper<ReportConsentFacts>;
  ReportEmergencyFacts: ResolverTypeWrapper<ReportEmergencyFacts>;
  ReportMeetingFacts: ResolverTypeWrapper<ReportMeetingFacts>;
  ReviewVerdict: ReviewVerdict;
  ScheduleMeetingInput: ScheduleMeetingInput;
  SensitivityClass: SensitivityClass;
  ShienKaigiCaseInput: ShienKaigiCaseInput;
  StatCell: ResolverTypeWrapper<StatCell>;
  StatMedian: ResolverTypeWrapper<StatMedian>;
  StatTable: ResolverTypeWrapper<StatTable>;
  Statistics: ResolverTypeWrapper<Statistics>;
  TeamMember: ResolverTypeWrapper<Omit<TeamMember, 'agency'> & { agency: ResolversTypes['Agency'] }>;
  TeamRole: TeamRole;
  TimelineEvent: ResolverTypeWrapper<Omit<TimelineEvent, 'agency'> & { agency?: Maybe<ResolversTypes['Agency']> }>;
  TimelineSubject: TimelineSubject;
  TsunagariInput: TsunagariInput;
  TsunagariScores: ResolverTypeWrapper<TsunagariScores>;
  WelfareField: WelfareField;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessFacts: AccessFacts;
  Agency: AgencyDoc;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AgendaEntryFacts: AgendaEntryFacts;
  AgendaItem: Omit<AgendaItem, 'case' | 'household' | 'person' | 'plans'> & { case?: Maybe<ResolversParentTypes['Case']>, household?: Maybe<ResolversParentTypes['Household']>, person?: Maybe<ResolversParentTypes['Person']>, plans: Array<ResolversParentTypes['Plan']> };
  AgendaItemInput: AgendaItemInput;
  Assessment: Omit<Assessment, 'agency'> & { agency?: Maybe<ResolversParentTypes['Agency']> };
  AssessmentInput: AssessmentInput;
  Case: CaseDoc;
  Int: Scalars['Int']['output'];
  CaseAccessFacts: CaseAccessFacts;
  Consent: ConsentDoc;
  Boolean: Scalars['Boolean']['output'];
  ConsentAccessFacts: ConsentAccessFacts;
  ConsentGrantInput: ConsentGrantInput;
  ConsentScopeInput: ConsentScopeInput;
  ContactAttempt: Omit<ContactAttempt, 'agency'> & { agency?: Maybe<ResolversParentTypes['Agency']> };
  ContactAttemptInput: ContactAttemptInput;
  DisclosureReportFacts: DisclosureReportFacts;
  DraftPlanInput: DraftPlanInput;
  EmergencyAccessFacts: EmergencyAccessFacts;
  EmergencyAccessInput: EmergencyAccessInput;
  Float: Scalars['Float']['output'];
  EmergencyAccessWindow: Omit<EmergencyAccessWindow, 'agency' | 'person'> & { agency?: Maybe<ResolversParentTypes['Agency']>, person?: Maybe<ResolversParentTypes['Person']> };
  EmergencyEvent: EmergencyEvent;
  EmergencyReview: EmergencyReview;
  EndPlanInput: EndPlanInput;
  EvaluationSheet: EvaluationSheet;
  EvaluationSheetInput: EvaluationSheetInput;
  HistoryEntry: Omit<HistoryEntry, 'agency'> & { agency?: Maybe<ResolversParentTypes['Agency']> };
  Household: HouseholdDoc;
  Intake: ConsentDoc;
  IntakeConsentInput: IntakeConsentInput;
  IntakeInput: IntakeInput;
  Meeting: MeetingDoc;
  MeetingAccessFacts: MeetingAccessFacts;
  MeetingDecision: Omit<MeetingDecision, 'agency'> & { agency?: Maybe<ResolversParentTypes['Agency']> };
  Mutation: Record<PropertyKey, never>;
  Person: PersonDoc;
  PersonAccessFacts: PersonAccessFacts;
  Plan: PlanDoc;
  PlanContentInput: PlanContentInput;
  PlanDecision: Omit<PlanDecision, 'agency' | 'reportedTo'> & { agency?: Maybe<ResolversParentTypes['Agency']>, reportedTo?: Maybe<ResolversParentTypes['Agency']> };
  PlanEnding: Omit<PlanEnding, 'agency' | 'mainContact'> & { agency?: Maybe<ResolversParentTypes['Agency']>, mainContact?: Maybe<ResolversParentTypes['Agency']> };
  PlanRole: Omit<PlanRole, 'agency'> & { agency: ResolversParentTypes['Agency'] };
  PlanRoleInput: PlanRoleInput;
  Query: Record<PropertyKey, never>;
  ReferralInput: ReferralInput;
  ReportConsentFacts: ReportConsentFacts;
  ReportEmergencyFacts: ReportEmergencyFacts;
  ReportMeetingFacts: ReportMeetingFacts;
  ScheduleMeetingInput: ScheduleMeetingInput;
  ShienKaigiCaseInput: ShienKaigiCaseInput;
  StatCell: StatCell;
  StatMedian: StatMedian;
  StatTable: StatTable;
  Statistics: Statistics;
  TeamMember: Omit<TeamMember, 'agency'> & { agency: ResolversParentTypes['Agency'] };
  TimelineEvent: Omit<TimelineEvent, 'agency'> & { agency?: Maybe<ResolversParentTypes['Agency']> };
  TsunagariInput: TsunagariInput;
  TsunagariScores: TsunagariScores;
};

export type SensitiveDirectiveArgs = {
  class: SensitivityClass;
};

export type SensitiveDirectiveResolver<Result, Parent, ContextType = JusoContext, Args = SensitiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['AccessFacts'] = ResolversParentTypes['AccessFacts']> = {
  emergency?: Resolver<Maybe<ResolversTypes['EmergencyAccessFacts']>, ParentType, ContextType>;
  meeting?: Resolver<Maybe<ResolversTypes['MeetingAccessFacts']>, ParentType, ContextType>;
  people?: Resolver<Array<ResolversTypes['PersonAccessFacts']>, ParentType, ContextType>;
};

export type AgencyResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['AgencyRole'], ParentType, ContextType>;
};

export type AgendaEntryFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['AgendaEntryFacts'] = ResolversParentTypes['AgendaEntryFacts']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AgendaKind'], ParentType, ContextType>;
};

export type AgendaItemResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['AgendaItem'] = ResolversParentTypes['AgendaItem']> = {
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AgendaKind'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  plans?: Resolver<Array<ResolversTypes['Plan']>, ParentType, ContextType>;
};

export type AssessmentResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Assessment'] = ResolversParentTypes['Assessment']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issues?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  strengths?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  view?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CaseResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assessments?: Resolver<Array<ResolversTypes['Assessment']>, ParentType, ContextType>;
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mainContact?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  people?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType>;
  plans?: Resolver<Array<ResolversTypes['Plan']>, ParentType, ContextType>;
  referredBy?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  returnedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['TeamMember']>, ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['TimelineEvent']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseAccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['CaseAccessFacts'] = ResolversParentTypes['CaseAccessFacts']> = {
  householdId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  teamAgencyIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ConsentResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Consent'] = ResolversParentTypes['Consent']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['ConsentChange']>, ParentType, ContextType>;
  coversTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  givenBy?: Resolver<ResolversTypes['ConsentGiver'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['ConsentMethod'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedBy?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConsentStatus'], ParentType, ContextType>;
  takenAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  takenBy?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ConsentAccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['ConsentAccessFacts'] = ResolversParentTypes['ConsentAccessFacts']> = {
  coversTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConsentStatus'], ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ContactAttemptResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['ContactAttempt'] = ResolversParentTypes['ContactAttempt']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['ContactMethod'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DisclosureReportFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['DisclosureReportFacts'] = ResolversParentTypes['DisclosureReportFacts']> = {
  consents?: Resolver<Array<ResolversTypes['ReportConsentFacts']>, ParentType, ContextType>;
  emergencyWindows?: Resolver<Array<ResolversTypes['ReportEmergencyFacts']>, ParentType, ContextType>;
  meetings?: Resolver<Array<ResolversTypes['ReportMeetingFacts']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EmergencyAccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['EmergencyAccessFacts'] = ResolversParentTypes['EmergencyAccessFacts']> = {
  agencyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EmergencyAccessWindowResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['EmergencyAccessWindow'] = ResolversParentTypes['EmergencyAccessWindow']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['EmergencyEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasonCategory?: Resolver<ResolversTypes['EmergencyReason'], ParentType, ContextType>;
  review?: Resolver<Maybe<ResolversTypes['EmergencyReview']>, ParentType, ContextType>;
  secondsLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EmergencyWindowStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EmergencyEventResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['EmergencyEvent'] = ResolversParentTypes['EmergencyEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EmergencyReviewResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['EmergencyReview'] = ResolversParentTypes['EmergencyReview']> = {
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewerAgencyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reviewerStaffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['ReviewVerdict'], ParentType, ContextType>;
};

export type EvaluationSheetResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['EvaluationSheet'] = ResolversParentTypes['EvaluationSheet']> = {
  followUp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  goalAttainment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HistoryEntryResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['HistoryEntry'] = ResolversParentTypes['HistoryEntry']> = {
  action?: Resolver<ResolversTypes['HistoryAction'], ParentType, ContextType>;
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  meetingId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type HouseholdResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Household'] = ResolversParentTypes['Household'], FederationReferenceType extends FederationReferenceTypes['Household'] = FederationReferenceTypes['Household']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Household']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cases?: Resolver<Array<ResolversTypes['Case']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IntakeResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Intake'] = ResolversParentTypes['Intake']> = {
  answer?: Resolver<ResolversTypes['ConsentAnswer'], ParentType, ContextType>;
  answerCoversTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  answerFields?: Resolver<Array<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  consent?: Resolver<Maybe<ResolversTypes['Consent']>, ParentType, ContextType>;
  fieldsInvolved?: Resolver<Array<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receivedBy?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  receivedByStaffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  topics?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MeetingResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Meeting'] = ResolversParentTypes['Meeting'], FederationReferenceType extends FederationReferenceTypes['Meeting'] = FederationReferenceTypes['Meeting']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Meeting']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agenda?: Resolver<Array<ResolversTypes['AgendaItem']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  convenedBy?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  decisions?: Resolver<Array<ResolversTypes['MeetingDecision']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['HistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MeetingKind'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Agency']>, ParentType, ContextType>;
  openedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scheduledAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MeetingStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MeetingAccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['MeetingAccessFacts'] = ResolversParentTypes['MeetingAccessFacts']> = {
  agenda?: Resolver<Array<ResolversTypes['AgendaEntryFacts']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MeetingKind'], ParentType, ContextType>;
  memberAgencyIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MeetingStatus'], ParentType, ContextType>;
};

export type MeetingDecisionResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['MeetingDecision'] = ResolversParentTypes['MeetingDecision']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  caseId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  decidedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MeetingDecisionKind'], ParentType, ContextType>;
  planId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  staffId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addAgendaItem?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationAddAgendaItemArgs, 'expectedVersion' | 'item' | 'meetingId'>>;
  addTeamMember?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationAddTeamMemberArgs, 'agencyId' | 'caseId' | 'expectedVersion'>>;
  approvePlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationApprovePlanArgs, 'expectedVersion' | 'planId'>>;
  closeEmergencyAccess?: Resolver<ResolversTypes['EmergencyAccessWindow'], ParentType, ContextType, RequireFields<MutationCloseEmergencyAccessArgs, 'expectedVersion' | 'windowId'>>;
  closeMeeting?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationCloseMeetingArgs, 'expectedVersion' | 'meetingId'>>;
  decideSupport?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationDecideSupportArgs, 'expectedVersion' | 'planId'>>;
  declineSupport?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationDeclineSupportArgs, 'expectedVersion' | 'planId' | 'reason'>>;
  draftPlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationDraftPlanArgs, 'input'>>;
  endPlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationEndPlanArgs, 'expectedVersion' | 'input' | 'planId'>>;
  grantConsent?: Resolver<ResolversTypes['Person'], ParentType, ContextType, RequireFields<MutationGrantConsentArgs, 'expectedVersion' | 'input' | 'personId'>>;
  liftEmergencyRestriction?: Resolver<ResolversTypes['EmergencyAccessWindow'], ParentType, ContextType, RequireFields<MutationLiftEmergencyRestrictionArgs, 'expectedVersion' | 'note' | 'windowId'>>;
  narrowConsent?: Resolver<ResolversTypes['Person'], ParentType, ContextType, RequireFields<MutationNarrowConsentArgs, 'expectedVersion' | 'input' | 'personId'>>;
  openCaseAtShienKaigi?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationOpenCaseAtShienKaigiArgs, 'input'>>;
  openEmergencyAccess?: Resolver<ResolversTypes['EmergencyAccessWindow'], ParentType, ContextType, RequireFields<MutationOpenEmergencyAccessArgs, 'input'>>;
  openMeeting?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationOpenMeetingArgs, 'expectedVersion' | 'meetingId'>>;
  recordAssessment?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationRecordAssessmentArgs, 'caseId' | 'expectedVersion' | 'input'>>;
  recordContactAttempt?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationRecordContactAttemptArgs, 'expectedVersion' | 'input' | 'planId'>>;
  recordIntake?: Resolver<ResolversTypes['Intake'], ParentType, ContextType, RequireFields<MutationRecordIntakeArgs, 'input'>>;
  recordMeetingDecision?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationRecordMeetingDecisionArgs, 'expectedVersion' | 'meetingId' | 'summary'>>;
  referToTakikan?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationReferToTakikanArgs, 'input'>>;
  removeAgendaItem?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationRemoveAgendaItemArgs, 'expectedVersion' | 'item' | 'meetingId'>>;
  returnCase?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationReturnCaseArgs, 'caseId' | 'expectedVersion' | 'reason'>>;
  reviewEmergencyAccess?: Resolver<ResolversTypes['EmergencyAccessWindow'], ParentType, ContextType, RequireFields<MutationReviewEmergencyAccessArgs, 'expectedVersion' | 'note' | 'verdict' | 'windowId'>>;
  revisePlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationRevisePlanArgs, 'content' | 'expectedVersion' | 'planId' | 'reason'>>;
  scheduleMeeting?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationScheduleMeetingArgs, 'input'>>;
  sendBackPlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationSendBackPlanArgs, 'expectedVersion' | 'note' | 'planId'>>;
  setMeetingMembers?: Resolver<ResolversTypes['Meeting'], ParentType, ContextType, RequireFields<MutationSetMeetingMembersArgs, 'expectedVersion' | 'meetingId' | 'memberAgencyIds'>>;
  submitPlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationSubmitPlanArgs, 'expectedVersion' | 'planId'>>;
  suspendPlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationSuspendPlanArgs, 'expectedVersion' | 'note' | 'planId'>>;
  updatePlan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType, RequireFields<MutationUpdatePlanArgs, 'content' | 'expectedVersion' | 'planId'>>;
  widenConsent?: Resolver<ResolversTypes['Person'], ParentType, ContextType, RequireFields<MutationWidenConsentArgs, 'expectedVersion' | 'input' | 'personId'>>;
  withdrawConsent?: Resolver<ResolversTypes['Person'], ParentType, ContextType, RequireFields<MutationWithdrawConsentArgs, 'expectedVersion' | 'personId'>>;
};

export type PersonResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  birthDate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cases?: Resolver<Array<ResolversTypes['Case']>, ParentType, ContextType>;
  consent?: Resolver<Maybe<ResolversTypes['Consent']>, ParentType, ContextType>;
  consentHistory?: Resolver<Array<ResolversTypes['Consent']>, ParentType, ContextType>;
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  intakes?: Resolver<Array<ResolversTypes['Intake']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameKana?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PersonAccessFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['PersonAccessFacts'] = ResolversParentTypes['PersonAccessFacts']> = {
  consent?: Resolver<Maybe<ResolversTypes['ConsentAccessFacts']>, ParentType, ContextType>;
  dvSupport?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  householdId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openCases?: Resolver<Array<ResolversTypes['CaseAccessFacts']>, ParentType, ContextType>;
};

export type PlanResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Plan'] = ResolversParentTypes['Plan'], FederationReferenceType extends FederationReferenceTypes['Plan'] = FederationReferenceTypes['Plan']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Plan']> | FederationReferenceType, FederationReferenceType, ContextType>;
  case?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
  components?: Resolver<Array<ResolversTypes['PlanComponent']>, ParentType, ContextType>;
  contactAttempts?: Resolver<Array<ResolversTypes['ContactAttempt']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decisions?: Resolver<Array<ResolversTypes['PlanDecision']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ending?: Resolver<Maybe<ResolversTypes['PlanEnding']>, ParentType, ContextType>;
  goals?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['HistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlanKind'], ParentType, ContextType>;
  monitoringDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  people?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['PlanRole']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PlanStatus'], ParentType, ContextType>;
  statusSince?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PlanDecisionResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['PlanDecision'] = ResolversParentTypes['PlanDecision']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlanDecisionKind'], ParentType, ContextType>;
  meetingId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  meetingKind?: Resolver<Maybe<ResolversTypes['MeetingKind']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reportedTo?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['PlanStatus'], ParentType, ContextType>;
};

export type PlanEndingResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['PlanEnding'] = ResolversParentTypes['PlanEnding']> = {
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evaluation?: Resolver<ResolversTypes['EvaluationSheet'], ParentType, ContextType>;
  mainContact?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  meetingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tsunagari?: Resolver<ResolversTypes['TsunagariScores'], ParentType, ContextType>;
};

export type PlanRoleResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['PlanRole'] = ResolversParentTypes['PlanRole']> = {
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  task?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  _accessFacts?: Resolver<ResolversTypes['AccessFacts'], ParentType, ContextType, RequireFields<Query_AccessFactsArgs, 'personIds'>>;
  _disclosureReportFacts?: Resolver<ResolversTypes['DisclosureReportFacts'], ParentType, ContextType, RequireFields<Query_DisclosureReportFactsArgs, 'meetingIds' | 'personId'>>;
  agencies?: Resolver<Array<ResolversTypes['Agency']>, ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType, RequireFields<QueryCaseArgs, 'id'>>;
  emergencyReviews?: Resolver<Array<ResolversTypes['EmergencyAccessWindow']>, ParentType, ContextType, Partial<QueryEmergencyReviewsArgs>>;
  household?: Resolver<Maybe<ResolversTypes['Household']>, ParentType, ContextType, RequireFields<QueryHouseholdArgs, 'id'>>;
  meeting?: Resolver<Maybe<ResolversTypes['Meeting']>, ParentType, ContextType, RequireFields<QueryMeetingArgs, 'id'>>;
  myEmergencyWindows?: Resolver<Array<ResolversTypes['EmergencyAccessWindow']>, ParentType, ContextType>;
  myMeetings?: Resolver<Array<ResolversTypes['Meeting']>, ParentType, ContextType, RequireFields<QueryMyMeetingsArgs, 'all'>>;
  overduePlans?: Resolver<Array<ResolversTypes['Plan']>, ParentType, ContextType, Partial<QueryOverduePlansArgs>>;
  pendingDecisions?: Resolver<Array<ResolversTypes['Plan']>, ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'id'>>;
  searchPeople?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QuerySearchPeopleArgs, 'text'>>;
  statistics?: Resolver<ResolversTypes['Statistics'], ParentType, ContextType, RequireFields<QueryStatisticsArgs, 'fiscalYear'>>;
};

export type ReportConsentFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['ReportConsentFacts'] = ResolversParentTypes['ReportConsentFacts']> = {
  coversTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['WelfareField']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConsentStatus'], ParentType, ContextType>;
  takenAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ReportEmergencyFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['ReportEmergencyFacts'] = ResolversParentTypes['ReportEmergencyFacts']> = {
  agencyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasonCategory?: Resolver<ResolversTypes['EmergencyReason'], ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportMeetingFactsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['ReportMeetingFacts'] = ResolversParentTypes['ReportMeetingFacts']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MeetingKind'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatCellResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['StatCell'] = ResolversParentTypes['StatCell']> = {
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type StatMedianResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['StatMedian'] = ResolversParentTypes['StatMedian']> = {
  days?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  plans?: Resolver<ResolversTypes['StatCell'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatTableResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['StatTable'] = ResolversParentTypes['StatTable']> = {
  cells?: Resolver<Array<Array<ResolversTypes['StatCell']>>, ParentType, ContextType>;
  columnTotals?: Resolver<Maybe<Array<ResolversTypes['StatCell']>>, ParentType, ContextType>;
  columns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  grandTotal?: Resolver<Maybe<ResolversTypes['StatCell']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rowHeader?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rowTotals?: Resolver<Maybe<Array<ResolversTypes['StatCell']>>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totalLabel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatisticsResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['Statistics'] = ResolversParentTypes['Statistics']> = {
  asOf?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fiscalYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  medianDaysToConfirmedPlan?: Resolver<ResolversTypes['StatMedian'], ParentType, ContextType>;
  minCell?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tables?: Resolver<Array<ResolversTypes['StatTable']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TeamMemberResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['TeamMember'] = ResolversParentTypes['TeamMember']> = {
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['TeamRole'], ParentType, ContextType>;
};

export type TimelineEventResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['TimelineEvent'] = ResolversParentTypes['TimelineEvent']> = {
  action?: Resolver<ResolversTypes['HistoryAction'], ParentType, ContextType>;
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  meetingId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  staffId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['TimelineSubject'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TsunagariScoresResolvers<ContextType = JusoContext, ParentType extends ResolversParentTypes['TsunagariScores'] = ResolversParentTypes['TsunagariScores']> = {
  consultation?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  motivation?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  relationships?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  selfEsteem?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  socialParticipation?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = JusoContext> = {
  AccessFacts?: AccessFactsResolvers<ContextType>;
  Agency?: AgencyResolvers<ContextType>;
  AgendaEntryFacts?: AgendaEntryFactsResolvers<ContextType>;
  AgendaItem?: AgendaItemResolvers<ContextType>;
  Assessment?: AssessmentResolvers<ContextType>;
  Case?: CaseResolvers<ContextType>;
  CaseAccessFacts?: CaseAccessFactsResolvers<ContextType>;
  Consent?: ConsentResolvers<ContextType>;
  ConsentAccessFacts?: ConsentAccessFactsResolvers<ContextType>;
  ContactAttempt?: ContactAttemptResolvers<ContextType>;
  DisclosureReportFacts?: DisclosureReportFactsResolvers<ContextType>;
  EmergencyAccessFacts?: EmergencyAccessFactsResolvers<ContextType>;
  EmergencyAccessWindow?: EmergencyAccessWindowResolvers<ContextType>;
  EmergencyEvent?: EmergencyEventResolvers<ContextType>;
  EmergencyReview?: EmergencyReviewResolvers<ContextType>;
  EvaluationSheet?: EvaluationSheetResolvers<ContextType>;
  HistoryEntry?: HistoryEntryResolvers<ContextType>;
  Household?: HouseholdResolvers<ContextType>;
  Intake?: IntakeResolvers<ContextType>;
  Meeting?: MeetingResolvers<ContextType>;
  MeetingAccessFacts?: MeetingAccessFactsResolvers<ContextType>;
  MeetingDecision?: MeetingDecisionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonAccessFacts?: PersonAccessFactsResolvers<ContextType>;
  Plan?: PlanResolvers<ContextType>;
  PlanDecision?: PlanDecisionResolvers<ContextType>;
  PlanEnding?: PlanEndingResolvers<ContextType>;
  PlanRole?: PlanRoleResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportConsentFacts?: ReportConsentFactsResolvers<ContextType>;
  ReportEmergencyFacts?: ReportEmergencyFactsResolvers<ContextType>;
  ReportMeetingFacts?: ReportMeetingFactsResolvers<ContextType>;
  StatCell?: StatCellResolvers<ContextType>;
  StatMedian?: StatMedianResolvers<ContextType>;
  StatTable?: StatTableResolvers<ContextType>;
  Statistics?: StatisticsResolvers<ContextType>;
  TeamMember?: TeamMemberResolvers<ContextType>;
  TimelineEvent?: TimelineEventResolvers<ContextType>;
  TsunagariScores?: TsunagariScoresResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = JusoContext> = {
  sensitive?: SensitiveDirectiveResolver<any, any, ContextType>;
};
