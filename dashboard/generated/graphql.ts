/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
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

export type AgendaKind =
  | 'CASE'
  | 'HOUSEHOLD'
  | 'PERSON';

export type CareLevel =
  /** 要介護1 */
  | 'CARE_1'
  /** 要介護2 */
  | 'CARE_2'
  /** 要介護3 */
  | 'CARE_3'
  /** 要介護4 */
  | 'CARE_4'
  /** 要介護5 */
  | 'CARE_5'
  /** 非該当 */
  | 'NOT_APPLICABLE'
  /** 要支援1 */
  | 'SUPPORT_1'
  /** 要支援2 */
  | 'SUPPORT_2';

export type CaseStatus =
  | 'CLOSED'
  | 'OPEN'
  /** 紹介元に戻した: returned to the referring agency */
  | 'RETURNED';

export type CertificateKind =
  /** 療育手帳 */
  | 'INTELLECTUAL'
  /** 精神障害者保健福祉手帳 */
  | 'MENTAL'
  /** 身体障害者手帳 */
  | 'PHYSICAL';

export type ConsentGiver =
  /** 親権者 */
  | 'GUARDIAN'
  | 'SELF';

export type ConsentStatus =
  /** 同意する */
  | 'GRANTED'
  /** 同意しない */
  | 'REFUSED'
  /** 不明 */
  | 'UNKNOWN'
  /** 撤回 */
  | 'WITHDRAWN';

export type EmergencyAccessInput = {
  /** Default 2 hours; at most the town's limit (24 at most) */
  hours?: number | null | undefined;
  personId: string | number;
  /** Required, at most 500 characters */
  reason: string;
  reasonCategory: EmergencyReason;
};

/** 虐待の疑い, DV, 生命・身体の危険, 行方不明, その他 */
export type EmergencyReason =
  | 'ABUSE'
  | 'DANGER_TO_LIFE'
  | 'DV'
  | 'MISSING'
  | 'OTHER';

/** OPEN: gives access now; AWAITING_REVIEW: ended (closed or expired), not yet reviewed by 福祉課 */
export type EmergencyWindowStatus =
  | 'AWAITING_REVIEW'
  | 'OPEN'
  | 'REVIEWED';

export type MeetingKind =
  /** 重層的支援会議: within the person's consent */
  | 'JUSO_KAIGI'
  /** 支援会議 (社会福祉法106条の6): no consent needed */
  | 'SHIEN_KAIGI';

export type MeetingStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'SCHEDULED';

export type PlanComponent =
  | 'OUTREACH'
  | 'SANKA';

export type PlanKind =
  /** アウトリーチ等プラン */
  | 'OUTREACH'
  /** 参加支援プラン */
  | 'SANKA'
  /** 多機関協働プラン */
  | 'TAKIKAN';

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

/** 適切 / 不適切 */
export type ReviewVerdict =
  | 'APPROPRIATE'
  | 'INAPPROPRIATE';

export type TaxStatus =
  /** 非課税 */
  | 'NON_TAXABLE'
  /** 課税 */
  | 'TAXABLE';

export type TeamRole =
  /** 福祉課 重層担当 */
  | 'COORDINATOR'
  /** 主担当 */
  | 'MAIN_CONTACT'
  /** 多機関協働事業者 (プラン作成) */
  | 'PLANNER'
  | 'SUPPORT';

export type WelfareField =
  /** 介護 */
  | 'KAIGO'
  /** 子ども */
  | 'KODOMO'
  /** 困窮 */
  | 'KONKYU'
  /** 障害 */
  | 'SHOGAI';

export type DashboardAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardAgenciesQuery = { agencies: Array<{ id: string, name: string, role: AgencyRole }> };

export type DashboardCloseEmergencyAccessMutationVariables = Exact<{
  windowId: string | number;
  expectedVersion: number;
}>;


export type DashboardCloseEmergencyAccessMutation = { closeEmergencyAccess: { id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> } };

export type DashboardEmergencyReviewsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardEmergencyReviewsQuery = { emergencyReviews: Array<{ id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> }> };

export type DashboardCaseFragment = { id: string, title: string, status: CaseStatus, openedAt: string, team: Array<{ role: TeamRole, agency: { name: string } }>, plans: Array<{ id: string, kind: PlanKind, status: PlanStatus, components: Array<PlanComponent>, monitoringDate: string | null, people: Array<{ id: string, name: string }> }> };

export type DashboardEmergencyWindowFragment = { id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> };

export type DashboardMemberFragment = { id: string, name: string, nameKana: string, birthDate: string, address: string | null, consent: { status: ConsentStatus, active: boolean, fields: Array<WelfareField>, coversTax: boolean, givenBy: ConsentGiver, expiresAt: string | null, withdrawnAt: string | null } | null, kaigo: { careLevel: CareLevel | null, responsibleCentre: string, abuseConcern: boolean, certification: { label: string, validFrom: string, validUntil: string } | null, careManager: { name: string, office: string } | null, consultations: Array<{ date: string, kind: string }> } | null, shogai: { supportCategory: number | null, consultationOffice: string, certificates: Array<{ kind: CertificateKind, kindLabel: string, grade: string }>, recipientCertificate: { validUntil: string, services: Array<string> } | null, servicePlan: { nextMonitoringOn: string | null } | null } | null, kodomo: { consultations: Array<{ date: string, kind: string }>, supportPlans: Array<{ goal: string, nextReviewOn: string | null }>, childProtection: { categoryLabel: string, registeredOn: string } | null } | null, konkyu: { taxStatus: TaxStatus | null, consultations: Array<{ date: string, topics: Array<string> }>, supportPlan: { goal: string, status: string } | null, housingBenefit: { from: string, until: string, monthlyAmountYen: number } | null, employmentPreparation: { startedOn: string, summary: string } | null, householdBudgetSupport: { startedOn: string, summary: string } | null } | null };

export type DashboardHouseholdQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardHouseholdQuery = { household: { id: string, name: string, members: Array<{ id: string, name: string, nameKana: string, birthDate: string, address: string | null, consent: { status: ConsentStatus, active: boolean, fields: Array<WelfareField>, coversTax: boolean, givenBy: ConsentGiver, expiresAt: string | null, withdrawnAt: string | null } | null, kaigo: { careLevel: CareLevel | null, responsibleCentre: string, abuseConcern: boolean, certification: { label: string, validFrom: string, validUntil: string } | null, careManager: { name: string, office: string } | null, consultations: Array<{ date: string, kind: string }> } | null, shogai: { supportCategory: number | null, consultationOffice: string, certificates: Array<{ kind: CertificateKind, kindLabel: string, grade: string }>, recipientCertificate: { validUntil: string, services: Array<string> } | null, servicePlan: { nextMonitoringOn: string | null } | null } | null, kodomo: { consultations: Array<{ date: string, kind: string }>, supportPlans: Array<{ goal: string, nextReviewOn: string | null }>, childProtection: { categoryLabel: string, registeredOn: string } | null } | null, konkyu: { taxStatus: TaxStatus | null, consultations: Array<{ date: string, topics: Array<string> }>, supportPlan: { goal: string, status: string } | null, housingBenefit: { from: string, until: string, monthlyAmountYen: number } | null, employmentPreparation: { startedOn: string, summary: string } | null, householdBudgetSupport: { startedOn: string, summary: string } | null } | null }>, cases: Array<{ id: string, title: string, status: CaseStatus, openedAt: string, team: Array<{ role: TeamRole, agency: { name: string } }>, plans: Array<{ id: string, kind: PlanKind, status: PlanStatus, components: Array<PlanComponent>, monitoringDate: string | null, people: Array<{ id: string, name: string }> }> }> } | null };

export type DashboardLiftEmergencyRestrictionMutationVariables = Exact<{
  windowId: string | number;
  expectedVersion: number;
  note: string;
}>;


export type DashboardLiftEmergencyRestrictionMutation = { liftEmergencyRestriction: { id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> } };

export type DashboardMeetingQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardMeetingQuery = { meeting: { id: string, kind: MeetingKind, title: string, status: MeetingStatus, scheduledAt: string, agenda: Array<{ kind: AgendaKind, case: { id: string, title: string, household: { id: string, name: string } | null } | null, household: { id: string, name: string } | null, person: { id: string, name: string, household: { id: string, name: string } | null } | null }> } | null };

export type DashboardMyEmergencyWindowsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMyEmergencyWindowsQuery = { myEmergencyWindows: Array<{ id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> }> };

export type DashboardMyMeetingsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMyMeetingsQuery = { myMeetings: Array<{ id: string, kind: MeetingKind, title: string, status: MeetingStatus, scheduledAt: string }> };

export type DashboardOpenEmergencyAccessMutationVariables = Exact<{
  input: EmergencyAccessInput;
}>;


export type DashboardOpenEmergencyAccessMutation = { openEmergencyAccess: { id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> } };

export type DashboardPersonQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardPersonQuery = { person: { id: string, name: string, nameKana: string, birthDate: string, address: string | null, household: { id: string, name: string } | null, cases: Array<{ id: string, title: string, status: CaseStatus, openedAt: string, team: Array<{ role: TeamRole, agency: { name: string } }>, plans: Array<{ id: string, kind: PlanKind, status: PlanStatus, components: Array<PlanComponent>, monitoringDate: string | null, people: Array<{ id: string, name: string }> }> }>, consent: { status: ConsentStatus, active: boolean, fields: Array<WelfareField>, coversTax: boolean, givenBy: ConsentGiver, expiresAt: string | null, withdrawnAt: string | null } | null, kaigo: { careLevel: CareLevel | null, responsibleCentre: string, abuseConcern: boolean, certification: { label: string, validFrom: string, validUntil: string } | null, careManager: { name: string, office: string } | null, consultations: Array<{ date: string, kind: string }> } | null, shogai: { supportCategory: number | null, consultationOffice: string, certificates: Array<{ kind: CertificateKind, kindLabel: string, grade: string }>, recipientCertificate: { validUntil: string, services: Array<string> } | null, servicePlan: { nextMonitoringOn: string | null } | null } | null, kodomo: { consultations: Array<{ date: string, kind: string }>, supportPlans: Array<{ goal: string, nextReviewOn: string | null }>, childProtection: { categoryLabel: string, registeredOn: string } | null } | null, konkyu: { taxStatus: TaxStatus | null, consultations: Array<{ date: string, topics: Array<string> }>, supportPlan: { goal: string, status: string } | null, housingBenefit: { from: string, until: string, monthlyAmountYen: number } | null, employmentPreparation: { startedOn: string, summary: string } | null, householdBudgetSupport: { startedOn: string, summary: string } | null } | null } | null };

export type DashboardReviewEmergencyAccessMutationVariables = Exact<{
  windowId: string | number;
  expectedVersion: number;
  verdict: ReviewVerdict;
  note: string;
}>;


export type DashboardReviewEmergencyAccessMutation = { reviewEmergencyAccess: { id: string, staffId: string, reasonCategory: EmergencyReason, reason: string, openedAt: string, expiresAt: string, closedAt: string | null, endedAt: string | null, status: EmergencyWindowStatus, overdue: boolean, secondsLeft: number, version: number, person: { id: string, name: string } | null, agency: { id: string, name: string } | null, review: { verdict: ReviewVerdict, note: string, reviewedAt: string, reviewerStaffId: string } | null, history: Array<{ action: string, at: string, staffId: string, note: string | null }> } };

export type DashboardSearchQueryVariables = Exact<{
  text: string;
  id: string | number;
}>;


export type DashboardSearchQuery = { searchPeople: Array<{ id: string, name: string, nameKana: string, birthDate: string, household: { id: string, name: string } | null }>, household: { id: string, name: string, members: Array<{ id: string, name: string }> } | null };

export type DashboardStatisticsQueryVariables = Exact<{
  fiscalYear: number;
}>;


export type DashboardStatisticsQuery = { statistics: { fiscalYear: number, from: string, to: string, asOf: string, minCell: number, tables: Array<{ key: string, title: string, unit: string, rowHeader: string, rows: Array<string>, columns: Array<string>, totalLabel: string, note: string | null, cells: Array<Array<{ value: number | null, suppressed: boolean, text: string }>>, rowTotals: Array<{ value: number | null, suppressed: boolean, text: string }> | null, columnTotals: Array<{ value: number | null, suppressed: boolean, text: string }> | null, grandTotal: { value: number | null, suppressed: boolean, text: string } | null }>, medianDaysToConfirmedPlan: { days: number | null, text: string, plans: { value: number | null, suppressed: boolean, text: string } } } };


// The documents as sent (scripts/codegen-documents.ts).

/** A document as sent: its text, carrying its result and variables types for the compiler. */
export type DashboardDocument<TResult, TVariables> = string & {
  readonly ' generated': true;
  readonly ' result'?: TResult;
  readonly ' variables'?: TVariables;
};

/** DashboardAgencies: dashboard/operations/agencies.graphql */
export const DashboardAgenciesDocument = `query DashboardAgencies {
  agencies {
    id
    name
    role
  }
}
` as DashboardDocument<DashboardAgenciesQuery, DashboardAgenciesQueryVariables>;

/** DashboardCloseEmergencyAccess: dashboard/operations/close-emergency-access.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardCloseEmergencyAccessDocument = `mutation DashboardCloseEmergencyAccess($windowId: ID!, $expectedVersion: Int!) {
  closeEmergencyAccess(windowId: $windowId, expectedVersion: $expectedVersion) {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardCloseEmergencyAccessMutation, DashboardCloseEmergencyAccessMutationVariables>;

/** DashboardEmergencyReviews: dashboard/operations/emergency-reviews.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardEmergencyReviewsDocument = `query DashboardEmergencyReviews {
  emergencyReviews {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardEmergencyReviewsQuery, DashboardEmergencyReviewsQueryVariables>;

/** DashboardHousehold: dashboard/operations/household.graphql + dashboard/operations/fragments/member.graphql + dashboard/operations/fragments/case.graphql */
export const DashboardHouseholdDocument = `query DashboardHousehold($id: ID!) {
  household(id: $id) {
    id
    name
    members {
      ...DashboardMember
    }
    cases {
      ...DashboardCase
    }
  }
}

fragment DashboardMember on Person {
  id
  name
  nameKana
  birthDate
  address
  consent {
    status
    active
    fields
    coversTax
    givenBy
    expiresAt
    withdrawnAt
  }
  kaigo {
    careLevel
    certification {
      label
      validFrom
      validUntil
    }
    responsibleCentre
    careManager {
      name
      office
    }
    consultations {
      date
      kind
    }
    abuseConcern
  }
  shogai {
    certificates {
      kind
      kindLabel
      grade
    }
    supportCategory
    recipientCertificate {
      validUntil
      services
    }
    servicePlan {
      nextMonitoringOn
    }
    consultationOffice
  }
  kodomo {
    consultations {
      date
      kind
    }
    supportPlans {
      goal
      nextReviewOn
    }
    childProtection {
      categoryLabel
      registeredOn
    }
  }
  konkyu {
    consultations {
      date
      topics
    }
    supportPlan {
      goal
      status
    }
    housingBenefit {
      from
      until
      monthlyAmountYen
    }
    employmentPreparation {
      startedOn
      summary
    }
    householdBudgetSupport {
      startedOn
      summary
    }
    taxStatus
  }
}

fragment DashboardCase on Case {
  id
  title
  status
  openedAt
  team {
    role
    agency {
      name
    }
  }
  plans {
    id
    kind
    status
    components
    monitoringDate
    people {
      id
      name
    }
  }
}
` as DashboardDocument<DashboardHouseholdQuery, DashboardHouseholdQueryVariables>;

/** DashboardLiftEmergencyRestriction: dashboard/operations/lift-emergency-restriction.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardLiftEmergencyRestrictionDocument = `mutation DashboardLiftEmergencyRestriction($windowId: ID!, $expectedVersion: Int!, $note: String!) {
  liftEmergencyRestriction(windowId: $windowId, expectedVersion: $expectedVersion, note: $note) {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardLiftEmergencyRestrictionMutation, DashboardLiftEmergencyRestrictionMutationVariables>;

/** DashboardMeeting: dashboard/operations/meeting.graphql */
export const DashboardMeetingDocument = `query DashboardMeeting($id: ID!) {
  meeting(id: $id) {
    id
    kind
    title
    status
    scheduledAt
    agenda {
      kind
      case {
        id
        title
        household {
          id
          name
        }
      }
      household {
        id
        name
      }
      person {
        id
        name
        household {
          id
          name
        }
      }
    }
  }
}
` as DashboardDocument<DashboardMeetingQuery, DashboardMeetingQueryVariables>;

/** DashboardMyEmergencyWindows: dashboard/operations/my-emergency-windows.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardMyEmergencyWindowsDocument = `query DashboardMyEmergencyWindows {
  myEmergencyWindows {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardMyEmergencyWindowsQuery, DashboardMyEmergencyWindowsQueryVariables>;

/** DashboardMyMeetings: dashboard/operations/my-meetings.graphql */
export const DashboardMyMeetingsDocument = `query DashboardMyMeetings {
  myMeetings {
    id
    kind
    title
    status
    scheduledAt
  }
}
` as DashboardDocument<DashboardMyMeetingsQuery, DashboardMyMeetingsQueryVariables>;

/** DashboardOpenEmergencyAccess: dashboard/operations/open-emergency-access.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardOpenEmergencyAccessDocument = `mutation DashboardOpenEmergencyAccess($input: EmergencyAccessInput!) {
  openEmergencyAccess(input: $input) {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardOpenEmergencyAccessMutation, DashboardOpenEmergencyAccessMutationVariables>;

/** DashboardPerson: dashboard/operations/person.graphql + dashboard/operations/fragments/member.graphql + dashboard/operations/fragments/case.graphql */
export const DashboardPersonDocument = `query DashboardPerson($id: ID!) {
  person(id: $id) {
    ...DashboardMember
    household {
      id
      name
    }
    cases {
      ...DashboardCase
    }
  }
}

fragment DashboardMember on Person {
  id
  name
  nameKana
  birthDate
  address
  consent {
    status
    active
    fields
    coversTax
    givenBy
    expiresAt
    withdrawnAt
  }
  kaigo {
    careLevel
    certification {
      label
      validFrom
      validUntil
    }
    responsibleCentre
    careManager {
      name
      office
    }
    consultations {
      date
      kind
    }
    abuseConcern
  }
  shogai {
    certificates {
      kind
      kindLabel
      grade
    }
    supportCategory
    recipientCertificate {
      validUntil
      services
    }
    servicePlan {
      nextMonitoringOn
    }
    consultationOffice
  }
  kodomo {
    consultations {
      date
      kind
    }
    supportPlans {
      goal
      nextReviewOn
    }
    childProtection {
      categoryLabel
      registeredOn
    }
  }
  konkyu {
    consultations {
      date
      topics
    }
    supportPlan {
      goal
      status
    }
    housingBenefit {
      from
      until
      monthlyAmountYen
    }
    employmentPreparation {
      startedOn
      summary
    }
    householdBudgetSupport {
      startedOn
      summary
    }
    taxStatus
  }
}

fragment DashboardCase on Case {
  id
  title
  status
  openedAt
  team {
    role
    agency {
      name
    }
  }
  plans {
    id
    kind
    status
    components
    monitoringDate
    people {
      id
      name
    }
  }
}
` as DashboardDocument<DashboardPersonQuery, DashboardPersonQueryVariables>;

/** DashboardReviewEmergencyAccess: dashboard/operations/review-emergency-access.graphql + dashboard/operations/fragments/emergency-window.graphql */
export const DashboardReviewEmergencyAccessDocument = `mutation DashboardReviewEmergencyAccess(
  $windowId: ID!
  $expectedVersion: Int!
  $verdict: ReviewVerdict!
  $note: String!
) {
  reviewEmergencyAccess(
    windowId: $windowId
    expectedVersion: $expectedVersion
    verdict: $verdict
    note: $note
  ) {
    ...DashboardEmergencyWindow
  }
}

fragment DashboardEmergencyWindow on EmergencyAccessWindow {
  id
  person {
    id
    name
  }
  staffId
  agency {
    id
    name
  }
  reasonCategory
  reason
  openedAt
  expiresAt
  closedAt
  endedAt
  status
  overdue
  secondsLeft
  review {
    verdict
    note
    reviewedAt
    reviewerStaffId
  }
  version
  history {
    action
    at
    staffId
    note
  }
}
` as DashboardDocument<DashboardReviewEmergencyAccessMutation, DashboardReviewEmergencyAccessMutationVariables>;

/** DashboardSearch: dashboard/operations/search.graphql */
export const DashboardSearchDocument = `query DashboardSearch($text: String!, $id: ID!) {
  searchPeople(text: $text) {
    id
    name
    nameKana
    birthDate
    household {
      id
      name
    }
  }
  household(id: $id) {
    id
    name
    members {
      id
      name
    }
  }
}
` as DashboardDocument<DashboardSearchQuery, DashboardSearchQueryVariables>;

/** DashboardStatistics: dashboard/operations/statistics.graphql */
export const DashboardStatisticsDocument = `query DashboardStatistics($fiscalYear: Int!) {
  statistics(fiscalYear: $fiscalYear) {
    fiscalYear
    from
    to
    asOf
    minCell
    tables {
      key
      title
      unit
      rowHeader
      rows
      columns
      cells {
        value
        suppressed
        text
      }
      rowTotals {
        value
        suppressed
        text
      }
      columnTotals {
        value
        suppressed
        text
      }
      grandTotal {
        value
        suppressed
        text
      }
      totalLabel
      note
    }
    medianDaysToConfirmedPlan {
      plans {
        value
        suppressed
        text
      }
      days
      text
    }
  }
}
` as DashboardDocument<DashboardStatisticsQuery, DashboardStatisticsQueryVariables>;

/** Every operation the dashboard sends, by name: the trusted manifest holds each of them. */
export const DASHBOARD_DOCUMENTS = {
  DashboardAgencies: DashboardAgenciesDocument,
  DashboardCloseEmergencyAccess: DashboardCloseEmergencyAccessDocument,
  DashboardEmergencyReviews: DashboardEmergencyReviewsDocument,
  DashboardHousehold: DashboardHouseholdDocument,
  DashboardLiftEmergencyRestriction: DashboardLiftEmergencyRestrictionDocument,
  DashboardMeeting: DashboardMeetingDocument,
  DashboardMyEmergencyWindows: DashboardMyEmergencyWindowsDocument,
  DashboardMyMeetings: DashboardMyMeetingsDocument,
  DashboardOpenEmergencyAccess: DashboardOpenEmergencyAccessDocument,
  DashboardPerson: DashboardPersonDocument,
  DashboardReviewEmergencyAccess: DashboardReviewEmergencyAccessDocument,
  DashboardSearch: DashboardSearchDocument,
  DashboardStatistics: DashboardStatisticsDocument,
} as const;
