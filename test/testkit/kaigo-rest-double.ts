/**
 * The 介護 REST adapter test double (used by test/import/adapter-contract.test.ts and
 * the test kit's contract tests), with a switch to take the agency's API down and,
 * for the contract's own tests, bugs to switch on one at a time.
 */
import type { KaigoRecord, RecordSource } from '../../testkit';
import type { AdapterUnderTest } from '../../testkit/adapter-contract';

/** The agency's API as it answers: its own field names, its own codes, 西暦 with slashes. */
export interface ApiHihokensha {
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
export class FakeKaigoApi {
  readonly requests: string[] = [];
  down = false;
  constructor(private readonly rows: ApiHihokensha[]) {}

  async get(url: string): Promise<{ status: number; body: string }> {
    this.requests.push(url);
    if (this.down) return { status: 503, body: 'Service Unavailable' };
    const ids = new URL(url, 'http://agency.invalid').searchParams.get('atena')?.split(',') ?? [];
    return { status: 200, body: JSON.stringify(this.rows.filter((r) => ids.includes(r.atenaNo))) };
  }
}

const LEVELS: Record<string, { level: string; label: string }> = {
  要支援1: { level: 'SUPPORT_1', label: '要支援1' },
  要介護2: { level: 'CARE_2', label: '要介護2' },
};

const iso = (slashed: string) => slashed.replaceAll('/', '-');

/** Mistakes an adapter can make, each breaking one clause of the contract. */
export type AdapterBug =
  /** One API request per resident instead of one per batch. */
  | 'request-per-id'
  /** The agency's codes and dates passed through unmapped. */
  | 'native-codes'
  /** `null` in the map for residents without a record. */
  | 'null-for-missing'
  /** The map keyed by the agency's 被保険者番号 instead of the resident number. */
  | 'keyed-by-native-number'
  /** Every record ever fetched is answered again (a shared cache returned whole). */
  | 'answers-from-shared-cache'
  /** An API failure answered as "no records". */
  | 'swallows-errors';

/** The adapter: one request per batch, the agency's shape mapped to the graph's here. */
export class KaigoRestAdapter implements RecordSource<KaigoRecord> {
  private readonly cache = new Map<string, KaigoRecord>();

  constructor(
    private readonly api: FakeKaigoApi,
    private readonly bug?: AdapterBug,
  ) {}

  private toRecord(row: ApiHihokensha): KaigoRecord {
    const level = row.kaigodo ? LEVELS[row.kaigodo] : undefined;
    const native = this.bug === 'native-codes';
    return {
      personId: row.atenaNo,
      insuredNumber: row.hihoNo,
      careLevel: native ? row.kaigodo : (level?.level ?? null),
      certification:
        level && row.nintei
          ? {
              level: native ? (row.kaigodo as string) : level.level,
              label: level.label,
              certifiedOn: native ? row.nintei.date : iso(row.nintei.date),
              validFrom: native ? row.nintei.from : iso(row.nintei.from),
              validUntil: native ? row.nintei.to : iso(row.nintei.to),
            }
          : null,
      responsibleCentre: row.houkatsu,
      careManager: row.cm,
      consultations: row.soudan.map((s) => ({ date: iso(s.date), kind: s.type, summary: s.text })),
      abuseConcern: row.gyakutai,
      address: row.address,
    };
  }

  private async fetchRows(ids: readonly string[]): Promise<ApiHihokensha[]> {
    const res = await this.api.get(`/v1/hihokensha?atena=${ids.map(encodeURIComponent).join(',')}`);
    if (res.status !== 200) {
      if (this.bug === 'swallows-errors') return [];
      throw new Error(`kaigo API answered ${res.status}`);
    }
    return JSON.parse(res.body) as ApiHihokensha[];
  }

  async findByResidentIds(residentIds: readonly string[]): Promise<Map<string, KaigoRecord>> {
    const found = new Map<string, KaigoRecord>();
    if (residentIds.length === 0) return found;
    const rows =
      this.bug === 'request-per-id'
        ? (await Promise.all(residentIds.map((id) => this.fetchRows([id])))).flat()
        : await this.fetchRows(residentIds);
    for (const row of rows) {
      const record = this.toRecord(row);
      found.set(this.bug === 'keyed-by-native-number' ? row.hihoNo : row.atenaNo, record);
    }
    if (this.bug === 'null-for-missing')
      for (const id of residentIds) if (!found.has(id)) found.set(id, null as unknown as KaigoRecord);
    if (this.bug === 'answers-from-shared-cache') {
      for (const [id, r] of found) this.cache.set(id, r);
      return new Map(this.cache);
    }
    return found;
  }
}

export const API_ROWS: ApiHihokensha[] = [
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

/** The double, wired for the contract: API requests are the round trips; the API can go down. */
export function restDouble(bug?: AdapterBug): AdapterUnderTest<KaigoRecord> {
  const api = new FakeKaigoApi(API_ROWS);
  return {
    adapter: new KaigoRestAdapter(api, bug),
    roundTrips: () => api.requests.length,
    breakRecordSystem: () => {
      api.down = true;
    },
  };
}
