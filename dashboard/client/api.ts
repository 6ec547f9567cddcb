/**
 * The dashboard's only door to data: POST /graphql with the staff token and, when acting
 * in a meeting, X-Meeting-Id. No DOM here. The queries (dashboard/operations/) ask for the
 * public contract of SCENARIOS.md and nothing from the gateway's internals.
 */
import type {
  DashboardCaseFragment,
  DashboardDocument,
  DashboardEmergencyWindowFragment,
  DashboardHouseholdQuery,
  DashboardMeetingQuery,
  DashboardMemberFragment,
  DashboardMyMeetingsQuery,
  DashboardPersonQuery,
  DashboardSearchQuery,
} from '../generated/graphql';

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

/** The variables a document takes (what the generated `…Variables` types are). */
export type Variables = Record<string, unknown>;

/**
 * How the page's modules ask the gateway: a generated document, so the result and the
 * variables are the document's own types (where the request acts may be overridden).
 */
export type Ask = <T, V extends Variables>(
  query: DashboardDocument<T, V>,
  variables?: V,
  override?: Partial<Caller>,
) => Promise<GraphQLResult<T> | null>;

export async function graphql<T>(
  caller: Caller,
  query: string,
  variables: Variables = {},
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

// ---- the shapes the queries return ----
// The documents are dashboard/operations/*.graphql; their result and variables types are
// generated from them (dashboard/generated/graphql.ts, `npm run codegen`). These names are
// the parts of those results the page passes around.

export type MeetingSummary = DashboardMyMeetingsQuery['myMeetings'][number];
export type MeetingDetail = NonNullable<DashboardMeetingQuery['meeting']>;
export type AgendaItem = MeetingDetail['agenda'][number];
export type SearchHit = DashboardSearchQuery['searchPeople'][number];
export type Member = DashboardMemberFragment;
export type Consent = NonNullable<Member['consent']>;
export type KaigoRecord = NonNullable<Member['kaigo']>;
export type ShogaiRecord = NonNullable<Member['shogai']>;
export type KodomoRecord = NonNullable<Member['kodomo']>;
export type KonkyuRecord = NonNullable<Member['konkyu']>;
export type CaseView = DashboardCaseFragment;
export type HouseholdView = NonNullable<DashboardHouseholdQuery['household']>;
export type PersonView = NonNullable<DashboardPersonQuery['person']>;
export type EmergencyWindow = DashboardEmergencyWindowFragment;

/** Anything the page links to by id and name. */
export interface Ref {
  id: string;
  name: string;
}
