/** Shared pieces of the workflow tests: GraphQL documents, assertions, store snapshots. */
import type { Store } from '../../shared/store';
import { COLLECTIONS } from '../../subgraphs/juso/model';
import type { GraphQLResponse, TestGraph } from '../support/graph';

export type As = { as: string; meeting?: string };

/** The data of a response that must have succeeded. */
export function ok<T>(res: GraphQLResponse<T>): T {
  if (res.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  expect(res.status).toBe(200);
  return res.body.data as T;
}

/** The one error a refused mutation answers with. */
export function refused(res: GraphQLResponse<unknown>, code: string): string {
  const errors = res.body.errors ?? [];
  expect(errors.map((e) => e.extensions?.code)).toEqual([code]);
  return errors[0]?.message ?? '';
}

/** Every document of the 重層 store, in a stable order: equal snapshots mean nothing changed. */
export async function snapshot(store: Store): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const name of Object.values(COLLECTIONS)) {
    out[name] = await store.collection(name).find({}, { sort: { _id: 1 } });
  }
  return JSON.stringify(out);
}

/** Runs the request and asserts it was refused with `code` and left the store as it was. */
export async function refusedWithoutChange(
  graph: TestGraph,
  code: string,
  query: string,
  variables: Record<string, unknown>,
  as: As,
): Promise<string> {
  const before = await snapshot(graph.stores.juso);
  const res = await graph.query(query, variables, as);
  const message = refused(res, code);
  expect(await snapshot(graph.stores.juso)).toBe(before);
  return message;
}

export const PLAN_FIELDS = /* GraphQL */ `
  id
  kind
  status
  version
  components
  statusSince
  decisions {
    kind
    meetingId
    meetingKind
    to
    note
    reportedTo {
      id
    }
    agency {
      id
    }
  }
  history {
    action
    from
    to
    staffId
    agency {
      id
    }
    meetingId
    note
  }
`;

export const M = {
  intake: /* GraphQL */ `
    mutation ($input: IntakeInput!) {
      recordIntake(input: $input) {
        id
        receivedBy {
          id
        }
        topics
        answer
        answerFields
        consent {
          id
          version
          status
          active
          fields
          change
        }
      }
    }
  `,
  refer: /* GraphQL */ `
    mutation ($input: ReferralInput!) {
      referToTakikan(input: $input) {
        id
        status
        version
        referredBy {
          id
        }
        team {
          role
          agency {
            id
          }
        }
      }
    }
  `,
  openCaseAtShienKaigi: /* GraphQL */ `
    mutation ($input: ShienKaigiCaseInput!) {
      openCaseAtShienKaigi(input: $input) {
        id
        status
        version
        team {
          role
          agency {
            id
          }
        }
      }
    }
  `,
  assess: /* GraphQL */ `
    mutation ($caseId: ID!, $v: Int!, $input: AssessmentInput!) {
      recordAssessment(caseId: $caseId, expectedVersion: $v, input: $input) {
        id
        version
        assessments {
          summary
          issues
          agency {
            id
          }
        }
      }
    }
  `,
  addTeamMember: /* GraphQL */ `
    mutation ($caseId: ID!, $v: Int!, $agencyId: ID!) {
      addTeamMember(caseId: $caseId, expectedVersion: $v, agencyId: $agencyId) {
        id
        version
        team {
          role
          agency {
            id
          }
        }
      }
    }
  `,
  returnCase: /* GraphQL */ `
    mutation ($caseId: ID!, $v: Int!, $reason: String!) {
      returnCase(caseId: $caseId, expectedVersion: $v, reason: $reason) {
        id
        status
        version
        returnedAt
      }
    }
  `,
  draft: /* GraphQL */ `
    mutation ($input: DraftPlanInput!) {
      draftPlan(input: $input) { ${PLAN_FIELDS} }
    }
  `,
  update: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $content: PlanContentInput!) {
      updatePlan(planId: $planId, expectedVersion: $v, content: $content) { ${PLAN_FIELDS} goals }
    }
  `,
  submit: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!) {
      submitPlan(planId: $planId, expectedVersion: $v) { ${PLAN_FIELDS} }
    }
  `,
  revise: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $content: PlanContentInput!, $reason: String!) {
      revisePlan(planId: $planId, expectedVersion: $v, content: $content, reason: $reason) { ${PLAN_FIELDS} }
    }
  `,
  contact: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $input: ContactAttemptInput!) {
      recordContactAttempt(planId: $planId, expectedVersion: $v, input: $input) {
        ${PLAN_FIELDS}
        contactAttempts {
          method
          reached
        }
      }
    }
  `,
  approve: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $note: String) {
      approvePlan(planId: $planId, expectedVersion: $v, note: $note) { ${PLAN_FIELDS} }
    }
  `,
  sendBack: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $note: String!) {
      sendBackPlan(planId: $planId, expectedVersion: $v, note: $note) { ${PLAN_FIELDS} }
    }
  `,
  end: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $input: EndPlanInput!) {
      endPlan(planId: $planId, expectedVersion: $v, input: $input) {
        ${PLAN_FIELDS}
        ending {
          evaluation {
            goalAttainment
          }
          tsunagari {
            motivation
            selfEsteem
            relationships
            socialParticipation
            consultation
          }
          mainContact {
            id
          }
        }
      }
    }
  `,
  suspend: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $note: String!) {
      suspendPlan(planId: $planId, expectedVersion: $v, note: $note) { ${PLAN_FIELDS} }
    }
  `,
  decideSupport: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $note: String) {
      decideSupport(planId: $planId, expectedVersion: $v, note: $note) { ${PLAN_FIELDS} }
    }
  `,
  declineSupport: /* GraphQL */ `
    mutation ($planId: ID!, $v: Int!, $reason: String!) {
      declineSupport(planId: $planId, expectedVersion: $v, reason: $reason) { ${PLAN_FIELDS} }
    }
  `,
  schedule: /* GraphQL */ `
    mutation ($input: ScheduleMeetingInput!) {
      scheduleMeeting(input: $input) {
        id
        kind
        status
        version
      }
    }
  `,
  setMembers: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!, $members: [ID!]!) {
      setMeetingMembers(meetingId: $meetingId, expectedVersion: $v, memberAgencyIds: $members) {
        id
        version
        members {
          id
        }
      }
    }
  `,
  addAgendaItem: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!, $item: AgendaItemInput!) {
      addAgendaItem(meetingId: $meetingId, expectedVersion: $v, item: $item) {
        id
        version
        agenda {
          kind
          id
        }
      }
    }
  `,
  removeAgendaItem: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!, $item: AgendaItemInput!) {
      removeAgendaItem(meetingId: $meetingId, expectedVersion: $v, item: $item) {
        id
        version
        agenda {
          kind
          id
        }
      }
    }
  `,
  open: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!) {
      openMeeting(meetingId: $meetingId, expectedVersion: $v) {
        id
        status
        version
      }
    }
  `,
  close: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!) {
      closeMeeting(meetingId: $meetingId, expectedVersion: $v) {
        id
        status
        version
      }
    }
  `,
  recordMeetingDecision: /* GraphQL */ `
    mutation ($meetingId: ID!, $v: Int!, $summary: String!) {
      recordMeetingDecision(meetingId: $meetingId, expectedVersion: $v, summary: $summary) {
        id
        version
      }
    }
  `,
  grant: /* GraphQL */ `
    mutation ($personId: ID!, $v: Int!, $input: ConsentGrantInput!) {
      grantConsent(personId: $personId, expectedVersion: $v, input: $input) {
        id
      }
    }
  `,
  narrow: /* GraphQL */ `
    mutation ($personId: ID!, $v: Int!, $input: ConsentScopeInput!) {
      narrowConsent(personId: $personId, expectedVersion: $v, input: $input) {
        id
      }
    }
  `,
  widen: /* GraphQL */ `
    mutation ($personId: ID!, $v: Int!, $input: ConsentScopeInput!) {
      widenConsent(personId: $personId, expectedVersion: $v, input: $input) {
        id
      }
    }
  `,
  withdraw: /* GraphQL */ `
    mutation ($personId: ID!, $v: Int!, $reason: String) {
      withdrawConsent(personId: $personId, expectedVersion: $v, reason: $reason) {
        id
      }
    }
  `,
};

export interface PlanView {
  id: string;
  kind: string;
  status: string;
  version: number;
  components: string[];
  statusSince: string;
  decisions: {
    kind: string;
    meetingId: string | null;
    meetingKind: string | null;
    to: string;
    note: string | null;
    reportedTo: { id: string } | null;
    agency: { id: string };
  }[];
  history: {
    action: string;
    from: string | null;
    to: string | null;
    staffId: string;
    meetingId: string | null;
  }[];
}

/** Plan content the tests draft: complete enough to be put to a meeting. */
export function content(personIds: string[], roles: [string, string][], extra: Record<string, unknown> = {}) {
  return {
    personIds,
    goals: ['生活の安定'],
    direction: '関係機関で役割を分けて支える',
    roles: roles.map(([agencyId, task]) => ({ agencyId, task })),
    monitoringDate: '2027-02-28',
    ...extra,
  };
}

export const ENDING = {
  evaluation: {
    goalAttainment: '目標はおおむね達成',
    outcome: '就労体験を経て週3日の就労に定着',
    followUp: '主担当が月1回の連絡を続ける',
  },
  tsunagari: { motivation: 3, selfEsteem: 3, relationships: 2, socialParticipation: 3, consultation: 4 },
};
