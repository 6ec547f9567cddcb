/**
 * The adapter contract (docs/ADAPTERS.md), shown with a test double: a 地域包括支援
 * センター whose records live behind its own REST API puts an adapter behind the 介護
 * subgraph instead of importing. The contract: one call per batch, a map keyed by
 * resident id, residents without a record absent, native → graph mapping inside
 * the adapter.
 */
import type { RunningService } from '../../shared/http/service';
import { startable } from '../../shared/http/service';
import type { RecordSource } from '../../shared/silo/types';
import { EmbeddedStore } from '../../shared/store';
import type { KaigoRecord } from '../../subgraphs/kaigo/adapter/to-graph';
import { createKaigoService } from '../../subgraphs/kaigo/server';

/** The agency's API as it answers: its own field names, its own codes, 西暦 with slashes. */
interface ApiHihokensha {
  atenaNo: string;
  hihoNo: string;
  kaigodo: string | null;
  nintei: { date: string; from: string; to: string } | null;
  houkatsu: string;
  cm: { name: string; office: string } | null;
  soudan: { date: string; type: string; text: string }[];
  gyakutai: boolean;
  address: string;
}

/** Stands in for `GET /v1/hihokensha?atena=P-101,P-202` on the agency's server. */
class FakeKaigoApi {
  readonly requests: string[] = [];
  constructor(private readonly rows: ApiHihokensha[]) {}

  async get(url: string): Promise<{ status: number; body: string }> {
    this.requests.push(url);
    const ids = new URL(url, 'http://agency.invalid').searchParams.get('atena')?.split(',') ?? [];
    return { status: 200, body: JSON.stringify(this.rows.filter((r) => ids.includes(r.atenaNo))) };
  }
}

const LEVELS: Record<string, { level: string; label: string }> = {
  要支援1: { level: 'SUPPORT_1', label: '要支援1' },
  要介護2: { level: 'CARE_2', label: '要介護2' },
};

const iso = (slashed: string) => slashed.replaceAll('/', '-');

/** The adapter: one request per batch, the agency's shape mapped to the graph's here. */
class KaigoRestAdapter implements RecordSource<KaigoRecord> {
  constructor(private readonly api: FakeKaigoApi) {}

  async findByResidentIds(residentIds: readonly string[]): Promise<Map<string, KaigoRecord>> {
    const found = new Map<string, KaigoRecord>();
    if (residentIds.length === 0) return found;
    const res = await this.api.get(`/v1/hihokensha?atena=${residentIds.map(encodeURIComponent).join(',')}`);
    if (res.status !== 200) throw new Error(`kaigo API answered ${res.status}`);
    for (const row of JSON.parse(res.body) as ApiHihokensha[]) {
      const level = row.kaigodo ? LEVELS[row.kaigodo] : undefined;
      found.set(row.atenaNo, {
        personId: row.atenaNo,
        insuredNumber: row.hihoNo,
        careLevel: level?.level ?? null,
        certification:
          level && row.nintei
            ? {
                level: level.level,
                label: level.label,
                certifiedOn: iso(row.nintei.date),
                validFrom: iso(row.nintei.from),
                validUntil: iso(row.nintei.to),
              }
            : null,
        responsibleCentre: row.houkatsu,
        careManager: row.cm,
        consultations: row.soudan.map((s) => ({ date: iso(s.date), kind: s.type, summary: s.text })),
        abuseConcern: row.gyakutai,
        address: row.address,
      });
    }
    return found;
  }
}

const API_ROWS: ApiHihokensha[] = [
  {
    atenaNo: 'P-101',
    hihoNo: '1000000101',
    kaigodo: '要介護2',
    nintei: { date: '2026/03/10', from: '2026/04/01', to: '2027/03/31' },
    houkatsu: '地域包括支援センター北',
    cm: { name: '木下 恵子', office: '居宅介護支援事業所さくら' },
    soudan: [{ date: '2026/04/20', type: '総合相談', text: '通所介護の利用開始' }],
    gyakutai: false,
    address: 'さくら町北2-4-8',
  },
  {
    atenaNo: 'P-202',
    hihoNo: '1000000202',
    kaigodo: '要支援1',
    nintei: { date: '2026/08/01', from: '2026/09/01', to: '2027/08/31' },
    houkatsu: '地域包括支援センター北',
    cm: null,
    soudan: [],
    gyakutai: false,
    address: 'さくら町南1-7-3',
  },
];

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
