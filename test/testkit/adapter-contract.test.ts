/**
 * The adapter contract suite: it passes for our adapters — the built-in
 * StoreRecordSource of 介護 and the REST adapter test double of test/import — and
 * fails, on the clause it breaks, for an adapter with one deliberate bug.
 */
import { adapterContract, adapterContractChecks } from '../../testkit/adapter-contract';
import type { AdapterContractOptions } from '../../testkit/adapter-contract';
import { storeAdapter } from '../../testkit/store-adapter';
import type { AdapterBug } from './kaigo-rest-double';
import { restDouble } from './kaigo-rest-double';

const EXPECT_P101 = {
  'P-101': {
    insuredNumber: '1000000101',
    careLevel: 'CARE_2',
    certification: { level: 'CARE_2', validFrom: '2026-04-01', validUntil: '2027-03-31' },
  },
} as const;

// Ours: the built-in adapter over the demo town's 介護 records (P-101, P-202, P-601).
adapterContract({
  name: 'StoreRecordSource (the built-in adapter)',
  silo: 'kaigo',
  makeAdapter: () => storeAdapter('kaigo'),
  knownResidents: ['P-101', 'P-202', 'P-601'],
  unknownResidents: ['P-102', 'P-999'],
  expectRecords: EXPECT_P101,
});

// Ours: the agency REST adapter double (P-101, P-202 behind a fake API).
const REST: AdapterContractOptions<'kaigo'> = {
  name: 'KaigoRestAdapter (the test double of test/import)',
  silo: 'kaigo',
  makeAdapter: () => restDouble(),
  knownResidents: ['P-101', 'P-202'],
  unknownResidents: ['P-102', 'P-999'],
  expectRecords: EXPECT_P101,
};
adapterContract(REST);

/** The names of the checks that fail for this adapter. */
async function failing(options: AdapterContractOptions<'kaigo'>): Promise<string[]> {
  const suite = adapterContractChecks(options);
  await suite.setup();
  const failed: string[] = [];
  try {
    for (const check of suite.checks) {
      try {
        await check.run();
      } catch {
        failed.push(check.name);
      }
    }
  } finally {
    await suite.teardown();
  }
  return failed;
}

const LOOKUP = 'finds a known resident by resident number, keyed by that number';
const BATCH = 'answers a batch with every known resident and nobody else';
const MAPPING = "maps native records to the graph's KaigoRecord";
const ABSENT = 'leaves residents without a record out of the map (no nulls, no empty records)';
const CROSS_TALK = 'answers each resident alone as in any batch (no cross-talk between ids)';
const ONE_TRIP = 'makes one round trip to the record system per batch, none for an empty batch';
const FAILS = 'fails with an error when the record system fails (never an empty answer)';
const GRAPH_TRIP = 'serves its records through the subgraph and gateway, one round trip for a whole request';

describe('the contract suite fails for a deliberately broken adapter', () => {
  it.each<[AdapterBug, string[]]>([
    ['request-per-id', [ONE_TRIP]],
    ['native-codes', [MAPPING]],
    ['null-for-missing', [ABSENT, CROSS_TALK]],
    ['keyed-by-native-number', [LOOKUP, BATCH, MAPPING, ABSENT, CROSS_TALK]],
    ['answers-from-shared-cache', [LOOKUP, CROSS_TALK]],
    ['swallows-errors', [FAILS]],
  ])('%s: fails exactly %j', async (bug, expected) => {
    expect(await failing({ ...REST, makeAdapter: () => restDouble(bug), throughGraph: false })).toEqual(
      expected,
    );
  });

  it('through the graph too: an adapter making a request per resident costs one per person', async () => {
    const failed = await failing({ ...REST, makeAdapter: () => restDouble('request-per-id') });
    expect(failed).toEqual([ONE_TRIP, GRAPH_TRIP]);
  });

  it('says what is wrong: the unmapped native code and date, by path', async () => {
    const suite = adapterContractChecks({
      ...REST,
      makeAdapter: () => restDouble('native-codes'),
      throughGraph: false,
    });
    const mapping = suite.checks.find((c) => c.name === MAPPING);
    await expect(mapping?.run()).rejects.toThrow(/P-101\.careLevel: "要介護2" is not a CareLevel/);
    await expect(mapping?.run()).rejects.toThrow(
      /P-101\.certification\.validFrom: "2026\/04\/01" is not an ISO 8601 date/,
    );
  });

  it('refuses to run without the ids it needs', () => {
    expect(() => adapterContractChecks({ ...REST, knownResidents: ['P-101'] })).toThrow(/at least two/);
    expect(() => adapterContractChecks({ ...REST, unknownResidents: [] })).toThrow(/at least one/);
    expect(() => adapterContractChecks({ ...REST, unknownResidents: ['P-101'] })).toThrow(
      /both known and unknown/,
    );
  });
});
