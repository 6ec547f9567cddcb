import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const HOUSEHOLD = /* GraphQL */ `
  query Household($id: ID!) {
    household(id: $id) {
      id
      name
      members {
        id
        name
        birthDate
        kaigo {
          insuredNumber
          careLevel
          certification {
            label
            validFrom
            validUntil
          }
        }
        shogai {
          certificates {
            kind
            grade
          }
          supportCategory
        }
        kodomo {
          caseNumber
          consultations {
            kind
          }
        }
        konkyu {
          consultationNumber
          householdBudgetSupport {
            startedOn
          }
          taxStatus
        }
      }
    }
  }
`;

describe('household H-DOUBLE across the four fields', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('reads every member with kaigo, shogai, kodomo and konkyu as SCENARIOS.md gives them', async () => {
    const res = await graph.query(HOUSEHOLD, { id: 'H-DOUBLE' }, { as: 's-takikan-01', meeting: 'M-J1' });
    console.log(JSON.stringify(res.body, null, 1));
    expect(res.status).toBe(200);
  });
});
