/**
 * The adapter contract (docs/ADAPTERS.md), shown with a test double: a 地域包括支援
 * センター whose records live behind its own REST API puts an adapter behind the 介護
 * subgraph instead of importing. The contract: one call per batch, a map keyed by
 * resident id, residents without a record absent, native → graph mapping inside
 * the adapter.
 */
import type { RunningService } from '../../shared/http/service';
import { startable } from '../../shared/http/service';
import { EmbeddedStore } from '../../shared/store';
import { createKaigoService } from '../../subgraphs/kaigo/silo';
import { API_ROWS, FakeKaigoApi, KaigoRestAdapter } from '../testkit/kaigo-rest-double';

// The agency's REST API and its adapter: one double, shared with the test kit's contract tests.

describe('an agency adapter (RecordSource) for 介護', () => {
  it('answers a batch in one call, keyed by resident id, leaving out residents without a record', async () => {
    const api = new FakeKaigoApi(API_ROWS);
    const adapter = new KaigoRestAdapter(api);
    const found = await adapter.findByResidentIds(['P-101', 'P-202', 'P-102']);
    expect(api.requests).toEqual(['/v1/hihokensha?atena=P-101,P-202,P-102']);
    expect([...found.keys()].sort()).toEqual(['P-101', 'P-202']);
    expect(found.has('P-102')).toBe(false);
    expect(found.get('P-101')).toMatchObject({
      personId: 'P-101',
      careLevel: 'CARE_2',
      certification: { validFrom: '2026-04-01', validUntil: '2027-03-31' },
    });
    expect(await adapter.findByResidentIds([])).toEqual(new Map());
    expect(api.requests).toHaveLength(1); // an empty batch costs nothing
  });

  describe('behind the 介護 subgraph', () => {
    let service: RunningService;
    const api = new FakeKaigoApi(API_ROWS);

    beforeAll(async () => {
      // The store is unused: the agency's adapter replaces the default store adapter.
      service = await startable(
        await createKaigoService(new EmbeddedStore(), new KaigoRestAdapter(api)),
      ).start(0);
    });
    afterAll(async () => {
      await service?.stop();
    });

    it('serves a whole `_entities` batch with one call to the adapter', async () => {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($reps: [_Any!]!) {
            _entities(representations: $reps) { ... on Person { id kaigo { insuredNumber careLevel } } }
          }`,
          variables: { reps: ['P-101', 'P-202', 'P-102'].map((id) => ({ __typename: 'Person', id })) },
        }),
      });
      const body = (await res.json()) as {
        data?: {
          _entities: ({ id: string; kaigo: { insuredNumber: string; careLevel: string } | null } | null)[];
        };
        errors?: { extensions?: { code?: string } }[];
      };
      if (body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
        // Subgraphs accept only the gateway's signed credential: a direct call is refused,
        // and refused before the agency's system is asked anything.
        expect(api.requests).toEqual([]);
        return;
      }
      expect(body.errors).toBeUndefined();
      expect(api.requests).toEqual(['/v1/hihokensha?atena=P-101,P-202,P-102']);
      expect(body.data?._entities).toEqual([
        { id: 'P-101', kaigo: { insuredNumber: '1000000101', careLevel: 'CARE_2' } },
        { id: 'P-202', kaigo: { insuredNumber: '1000000202', careLevel: 'SUPPORT_1' } },
        { id: 'P-102', kaigo: null },
      ]);
    });
  });
});
