/**
 * The same graph on MongoDB: runs whenever MONGODB_URI is set (docker compose up mongo,
 * then MONGODB_URI=mongodb://127.0.0.1:27017/?replicaSet=rs0 npm test). The store contract
 * suite (test/unit/store.test.ts) runs on MongoDB then too.
 */
import { expectDisclosed, expectWithheld } from '../support/expect';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const onMongo = process.env.MONGODB_URI ? describe : describe.skip;

onMongo('the federated graph on MongoDB', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ mongodb: true });
  });
  afterAll(async () => {
    for (const store of Object.values(graph.stores)) await store.drop();
    await graph.stop();
  });

  it('reads H-DOUBLE in M-J1 with the same decisions as on the embedded store', async () => {
    const res = await graph.query(
      `{ household(id: "H-DOUBLE") { members { id kaigo { careLevel } shogai { supportCategory } konkyu { taxStatus } } } }`,
      {},
      { as: 's-takikan-01', meeting: 'M-J1' },
    );
    expect(expectDisclosed(res, ['household', 'members', 1, 'kaigo'])).toEqual({ careLevel: 'SUPPORT_1' });
    expectWithheld(res, ['household', 'members', 0, 'shogai'], 'CONSENT_REQUIRED');
    expectWithheld(res, ['household', 'members', 0, 'konkyu', 'taxStatus'], 'TAX_CONSENT_REQUIRED');
  });
});
