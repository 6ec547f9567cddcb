/**
 * Reads access facts from the 重層 subgraph for one request: a DataLoader, so the
 * four silo fetches of one plan level ask once for all the people they touch. Read
 * fresh every request: a withdrawal or a meeting's closure counts on the next one.
 */
import DataLoader from 'dataloader';
import type { EmergencyFacts } from '../../shared/access/emergency';
import type { MeetingFacts, PersonFacts } from '../../shared/access/facts';
import type { CredentialSigner, CredentialSubject } from '../../shared/auth/gateway-credential';
import { CREDENTIAL_HEADER } from '../../shared/auth/gateway-credential';
import { observeSubgraphCall } from '../../shared/observability';
import { post, PostTimeoutError } from '../../shared/http/client';

const FACTS_QUERY = /* GraphQL */ `
  query AccessFacts($personIds: [ID!]!, $meetingId: ID, $emergencyId: ID) {
    _accessFacts(personIds: $personIds, meetingId: $meetingId, emergencyId: $emergencyId) {
      people {
        id
        dvSupport
        householdId
        consent {
          id
          status
          fields
          coversTax
          expiresAt
          withdrawnAt
        }
        openCases {
          id
          householdId
          teamAgencyIds
        }
      }
      meeting {
        id
        kind
        status
        memberAgencyIds
        agenda {
          kind
          id
        }
      }
      emergency {
        id
        personId
        staffId
        agencyId
        openedAt
        expiresAt
        closedAt
      }
    }
  }
`;

interface FactsResponse {
  data?: {
    _accessFacts: { people: PersonFacts[]; meeting: MeetingFacts | null; emergency: EmergencyFacts | null };
  };
  errors?: unknown[];
}

export class FactsUnavailableError extends Error {}

export interface FactsClientOptions {
  url: string;
  signer: CredentialSigner;
  timeoutMs: number;
}

export class RequestFacts {
  private readonly people: DataLoader<string, PersonFacts>;
  /** Undefined until read (or when it could not be read); null when it does not exist. */
  meeting: MeetingFacts | null | undefined = undefined;
  /** The same for the 緊急時の閲覧 window the request acts in. */
  emergency: EmergencyFacts | null | undefined = undefined;

  constructor(
    private readonly options: FactsClientOptions,
    private readonly subject: CredentialSubject,
    private readonly emergencyId: string | null = null,
  ) {
    this.people = new DataLoader((ids) => this.fetch(ids), { maxBatchSize: 1000 });
  }

  private async fetch(ids: readonly string[]): Promise<PersonFacts[]> {
    const body = JSON.stringify({
      query: FACTS_QUERY,
      variables: { personIds: ids, meetingId: this.subject.meetingId, emergencyId: this.emergencyId },
    });
    let json: FactsResponse;
    try {
      const res = await observeSubgraphCall(
        'juso',
        async (trace) => {
          // The traceparent (tracing on) is covered by the credential, like the body.
          const credential = await this.options.signer.sign('juso', this.subject, body, undefined, trace);
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            [CREDENTIAL_HEADER]: credential,
          };
          if (trace.traceparent) headers.traceparent = trace.traceparent;
          return post(this.options.url, headers, body, this.options.timeoutMs);
        },
        (error) => error instanceof PostTimeoutError,
      );
      json = JSON.parse(res.body) as FactsResponse;
    } catch (error) {
      throw new FactsUnavailableError(`access facts unavailable: ${(error as Error).message}`);
    }
    const facts = json.data?._accessFacts;
    if (!facts || json.errors?.length) throw new FactsUnavailableError('access facts unavailable');
    if (this.subject.meetingId !== null) this.meeting = facts.meeting;
    if (this.emergencyId !== null) this.emergency = facts.emergency;
    const byId = new Map(facts.people.map((p) => [p.id, p]));
    return ids.map(
      (id) => byId.get(id) ?? { id, dvSupport: false, householdId: null, consent: null, openCases: [] },
    );
  }

  /**
   * Facts the 重層 subgraph attached to an earlier answer of this same request (juso's
   * server.ts): read in this request, so as fresh as a separate _accessFacts call, one
   * round trip fewer. Taken only whole and well-formed, and never for a request in an
   * emergency window (whose facts only _accessFacts reads); anything else is ignored
   * and the facts are fetched as before.
   */
  primeFrom(attached: unknown): void {
    if (this.emergencyId !== null || attached === null || typeof attached !== 'object') return;
    const { people, meeting } = attached as { people?: unknown; meeting?: unknown };
    if (!Array.isArray(people) || !people.every(isPersonFacts)) return;
    if (this.subject.meetingId !== null) {
      if (meeting !== null && !isMeetingFacts(meeting, this.subject.meetingId)) return;
      this.meeting ??= meeting as MeetingFacts | null;
    }
    for (const p of people) this.people.prime(p.id, p);
  }

  /** Facts for these people; null for each when the 重層 subgraph could not answer. */
  async load(ids: readonly string[]): Promise<Map<string, PersonFacts | null>> {
    const out = new Map<string, PersonFacts | null>();
    const results = await this.people.loadMany(ids);
    results.forEach((r, i) => out.set(ids[i] as string, r instanceof Error ? null : r));
    return out;
  }
}

function isPersonFacts(value: unknown): value is PersonFacts {
  if (value === null || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.id === 'string' &&
    typeof p.dvSupport === 'boolean' &&
    (p.householdId === null || typeof p.householdId === 'string') &&
    (p.consent === null || (typeof p.consent === 'object' && p.consent !== undefined)) &&
    Array.isArray(p.openCases)
  );
}

function isMeetingFacts(value: unknown, id: string): value is MeetingFacts {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    m.id === id && typeof m.status === 'string' && Array.isArray(m.memberAgencyIds) && Array.isArray(m.agenda)
  );
}
