/**
 * The dashboard's only door to data: POST /graphql with the staff token and, when acting
 * in a meeting, X-Meeting-Id. No DOM here. The queries ask for the public contract of
 * SCENARIOS.md and nothing from the gateway's internals.
 */

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export interface GraphQLResult<T> {
  status: number;
  data: T | null;
  errors: GraphQLErrorBody[];
}

/** A request that got no GraphQL answer at all (network down, gateway not there). */
export class GatewayUnreachableError extends Error {}

export interface Caller {
  token: string;
  /** The meeting the request acts in; null: not in a meeting. */
  meetingId: string | null;
  /** The 緊急時の閲覧 window the request acts in (X-Emergency-Access); never with a meeting. */
  emergencyId?: string | null;
}

export async function graphql<T>(
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${caller.token}`,
  };
  if (caller.emergencyId) headers['x-emergency-access'] = caller.emergencyId;
  else if (caller.meetingId) headers['x-meeting-id'] = caller.meetingId;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new GatewayUnreachableError(String(error));
  }
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GatewayUnreachableError(`HTTP ${response.status} without a GraphQL answer`);
  }
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

/** The codes of a response's errors by path, so a withheld field is found where it would have been. */
export class ErrorIndex {
  private readonly byPath = new Map<string, GraphQLErrorBody>();
  /** Errors without a path, or at a path the page did not look at. */
  readonly general: GraphQLErrorBody[] = [];
  private readonly seen = new Set<string>();

  constructor(errors: readonly GraphQLErrorBody[]) {
    for (const e of errors) {
      if (!e.path?.length) this.general.push(e);
      else if (!this.byPath.has(key(e.path))) this.byPath.set(key(e.path), e);
    }
  }

  /** The code of the error at exactly this path (and remembers it was shown). */
  codeAt(path: readonly (string | number)[]): string | undefined {
    const k = key(path);
    const e = this.byPath.get(k);
    if (!e) return undefined;
    this.seen.add(k);
    return e.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }

  /** Errors below `path` that nothing has shown yet, with the rest of their path. */
  unshownUnder(path: readonly (string | number)[]): { rest: (string | number)[]; code: string }[] {
    const prefix = key(path) + '.';
    const out: { rest: (string | number)[]; code: string }[] = [];
    for (const [k, e] of this.byPath) {
      if (!k.startsWith(prefix) || this.seen.has(k)) continue;
      this.seen.add(k);
      out.push({
        rest: (e.path ?? []).slice(path.length),
        code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      });
    }
    return out;
  }

  /** Errors no part of the page showed: the page lists them rather than drop them. */
  unshown(): GraphQLErrorBody[] {
    return [...this.general, ...[...this.byPath].filter(([k]) => !this.seen.has(k)).map(([, e]) => e)];
  }
}

function key(path: readonly (string | number)[]): string {
  return path.join('.');
}

// ---- queries ----

/** After sign-in: the agency names (to greet the user by agency); also proves the token works. */
export const AGENCIES = /* GraphQL */ `
  query DashboardAgencies {
    agencies {
      id
      name
      role
    }
  }
`;

/** Where the user can act: their agency's meetings (asked apart, so its failure sinks nothing else). */
export const MY_MEETINGS = /* GraphQL */ `
  query DashboardMyMeetings {
    myMeetings {
      id
      kind
      title
      status
      scheduledAt
    }
  }
`;

export const MEETING = /* GraphQL */ `
  query DashboardMeeting($id: ID!) {
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
`;

export const SEARCH = /* GraphQL */ `
  query DashboardSearch($text: String!, $id: ID!) {
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
`;

const MEMBER = /* GraphQL */ `
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
`;

const CASE = /* GraphQL */ `
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
`;

export const HOUSEHOLD = /* GraphQL */ `
  query DashboardHousehold($id: ID!) {
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
  ${MEMBER}
  ${CASE}
`;

export const PERSON = /* GraphQL */ `
  query DashboardPerson($id: ID!) {
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
  ${MEMBER}
  ${CASE}
`;

// ---- 緊急時の閲覧 (emergency access windows) ----

const EMERGENCY_WINDOW = /* GraphQL */ `
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
`;

/** The signed-in staff member's own windows: an open one is shown in the banner. */
export const MY_EMERGENCY_WINDOWS = /* GraphQL */ `
  query DashboardMyEmergencyWindows {
    myEmergencyWindows {
      ...DashboardEmergencyWindow
    }
  }
  ${EMERGENCY_WINDOW}
`;

export const OPEN_EMERGENCY_ACCESS = /* GraphQL */ `
  mutation DashboardOpenEmergencyAccess($input: EmergencyAccessInput!) {
    openEmergencyAccess(input: $input) {
      ...DashboardEmergencyWindow
    }
  }
  ${EMERGENCY_WINDOW}
`;

export const CLOSE_EMERGENCY_ACCESS = /* GraphQL */ `
  mutation DashboardCloseEmergencyAccess($windowId: ID!, $expectedVersion: Int!) {
    closeEmergencyAccess(windowId: $windowId, expectedVersion: $expectedVersion) {
      ...DashboardEmergencyWindow
    }
  }
  ${EMERGENCY_WINDOW}
`;

/** 福祉課's review queue: every window (open, awaiting review, reviewed). */
export const EMERGENCY_REVIEWS = /* GraphQL */ `
  query DashboardEmergencyReviews {
    emergencyReviews {
      ...DashboardEmergencyWindow
    }
  }
  ${EMERGENCY_WINDOW}
`;

export const REVIEW_EMERGENCY_ACCESS = /* GraphQL */ `
  mutation DashboardReviewEmergencyAccess(
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
  ${EMERGENCY_WINDOW}
`;

export const LIFT_EMERGENCY_RESTRICTION = /* GraphQL */ `
  mutation DashboardLiftEmergencyRestriction($windowId: ID!, $expectedVersion: Int!, $note: String!) {
    liftEmergencyRestriction(windowId: $windowId, expectedVersion: $expectedVersion, note: $note) {
      ...DashboardEmergencyWindow
    }
  }
  ${EMERGENCY_WINDOW}
`;

export interface EmergencyWindow {
  id: string;
  person: Ref | null;
  staffId: string;
  agency: Ref | null;
  reasonCategory: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string | null;
  endedAt: string | null;
  status: 'OPEN' | 'AWAITING_REVIEW' | 'REVIEWED';
  overdue: boolean;
  secondsLeft: number;
  review: { verdict: string; note: string; reviewedAt: string; reviewerStaffId: string } | null;
  version: number;
  history: { action: string; at: string; staffId: string; note: string | null }[];
}

// ---- the shapes those queries return ----

export interface MeetingSummary {
  id: string;
  kind: string;
  title: string;
  status: string;
  scheduledAt: string;
}

export interface Ref {
  id: string;
  name: string;
}

export interface AgendaItem {
  kind: string;
  case: { id: string; title: string; household: Ref | null } | null;
  household: Ref | null;
  person: (Ref & { household: Ref | null }) | null;
}

export interface MeetingDetail extends MeetingSummary {
  agenda: AgendaItem[];
}

export interface SearchHit {
  id: string;
  name: string;
  nameKana: string;
  birthDate: string;
  household: Ref | null;
}

export interface Consent {
  status: string;
  active: boolean;
  fields: string[];
  coversTax: boolean;
  givenBy: string;
  expiresAt: string | null;
  withdrawnAt: string | null;
}

export interface KaigoRecord {
  careLevel: string | null;
  certification: { label: string; validFrom: string; validUntil: string } | null;
  responsibleCentre: string;
  careManager: { name: string; office: string } | null;
  consultations: { date: string; kind: string }[];
  abuseConcern: boolean;
}

export interface ShogaiRecord {
  certificates: { kind: string; kindLabel: string; grade: string }[];
  supportCategory: number | null;
  recipientCertificate: { validUntil: string; services: string[] } | null;
  servicePlan: { nextMonitoringOn: string | null } | null;
  consultationOffice: string;
}

export interface KodomoRecord {
  consultations: { date: string; kind: string }[];
  supportPlans: { goal: string; nextReviewOn: string | null }[];
  childProtection: { categoryLabel: string; registeredOn: string } | null;
}

export interface KonkyuRecord {
  consultations: { date: string; topics: string[] }[];
  supportPlan: { goal: string; status: string } | null;
  housingBenefit: { from: string; until: string; monthlyAmountYen: number } | null;
  employmentPreparation: { startedOn: string; summary: string } | null;
  householdBudgetSupport: { startedOn: string; summary: string } | null;
  taxStatus: string | null;
}

export interface Member {
  id: string;
  name: string;
  nameKana: string;
  birthDate: string;
  address: string | null;
  consent: Consent | null;
  kaigo: KaigoRecord | null;
  shogai: ShogaiRecord | null;
  kodomo: KodomoRecord | null;
  konkyu: KonkyuRecord | null;
}

export interface CaseView {
  id: string;
  title: string;
  status: string;
  openedAt: string;
  team: { role: string; agency: { name: string } }[];
  plans: {
    id: string;
    kind: string;
    status: string;
    components: string[];
    monitoringDate: string | null;
    people: Ref[];
  }[];
}

export interface HouseholdView {
  id: string;
  name: string;
  members: Member[];
  cases: CaseView[];
}

export type PersonView = Member & { household: Ref | null; cases: CaseView[] };

// 事業評価 (statistics-api.ts): exported here too, so the trusted manifest takes it with the rest.
export { STATISTICS_QUERY } from './statistics-api';
