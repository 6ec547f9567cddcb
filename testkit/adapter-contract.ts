/**
 * The adapter contract (docs/ADAPTERS.md) as tests an agency runs against its own
 * adapter: lookups by resident number, one round trip per batch, native → graph
 * mapping into the silo's record type, residents without a record absent, no
 * cross-talk between ids, failures surfacing as errors — and the same adapter behind
 * the real silo subgraph and gateway.
 *
 *     adapterContract({ name: 'our 介護 REST adapter', silo: 'kaigo', makeAdapter, knownResidents, unknownResidents });
 *
 * `adapterContract` registers the checks with jest (`describe`/`it`); the checks
 * themselves (`adapterContractChecks`) use node:assert only, for any other runner.
 */
import assert from 'node:assert/strict';
import { getNamedType, isEnumType, isListType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import type { GraphQLObjectType, GraphQLOutputType } from 'graphql';
import { buildSiloSchema } from '../shared/silo/subgraph';
import type { GraphRecord, RecordSource } from '../shared/silo/types';
import type { TestGraph } from './graph';
import { startTestGraph } from './graph';
import type { GraphRecordOf, SiloService } from './silos';
import { ownFieldStaff, siloKit } from './silos';

/** An adapter and the handles the contract needs on the record system behind it. */
export interface AdapterUnderTest<G extends GraphRecord> {
  adapter: RecordSource<G>;
  /** Round trips made to the record system so far (HTTP requests, SQL queries…). */
  roundTrips(): number;
  /** Makes the record system fail from now on (down, HTTP 500, lost connection). */
  breakRecordSystem(): void | Promise<void>;
  /** Releases what makeAdapter opened (pools, servers). */
  close?(): void | Promise<void>;
}

type DeepPartial<T> = T extends (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface AdapterContractOptions<S extends SiloService> {
  /** Names the suite, e.g. 'KaigoRestAdapter'. */
  name: string;
  /** The silo the adapter serves: its record type is what the adapter must produce. */
  silo: S;
  /** A fresh adapter over a record system holding the known residents' records; called per check. */
  makeAdapter(): AdapterUnderTest<GraphRecordOf<S>> | Promise<AdapterUnderTest<GraphRecordOf<S>>>;
  /** Resident numbers (団体内統合宛名番号) the record system has a record for: at least two. */
  knownResidents: readonly string[];
  /** Resident numbers it has no record for: at least one. */
  unknownResidents: readonly string[];
  /** What some records must contain once mapped, by resident number (a partial match). */
  expectRecords?: Record<string, DeepPartial<GraphRecordOf<S>>>;
  /** Also run the adapter behind the silo subgraph and the gateway (default true; ~0.2 s). */
  throughGraph?: boolean;
}

export interface ContractCheck {
  name: string;
  run(): Promise<void>;
}

export interface ContractSuite {
  checks: ContractCheck[];
  /** Starts what the checks share (the graph, when `throughGraph`). */
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

const DATE_FIELD = /^(date|from|until)$|Date$|On$|^valid(From|Until)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/** Why `value` cannot be served as `type`: missing, mistyped, unknown or native fields. */
export function recordProblems(value: unknown, type: GraphQLOutputType, path: string, field = ''): string[] {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) return [`${path}: required, but ${String(value)}`];
    return recordProblems(value, type.ofType, path, field);
  }
  if (value === null || value === undefined) return [];
  if (isListType(type)) {
    if (!Array.isArray(value)) return [`${path}: a list expected, got ${JSON.stringify(value)}`];
    return value.flatMap((v, i) => recordProblems(v, type.ofType, `${path}[${i}]`, field));
  }
  if (isEnumType(type)) {
    if (typeof value === 'string' && type.getValue(value)) return [];
    const allowed = type.getValues().map((v) => v.name);
    return [`${path}: ${JSON.stringify(value)} is not a ${type.name} (${allowed.join(', ')})`];
  }
  if (isScalarType(type)) {
    const ok =
      type.name === 'Boolean'
        ? typeof value === 'boolean'
        : type.name === 'Int'
          ? Number.isInteger(value)
          : type.name === 'Float'
            ? typeof value === 'number'
            : type.name === 'ID'
              ? typeof value === 'string' || Number.isInteger(value)
              : typeof value === 'string';
    if (!ok) return [`${path}: ${JSON.stringify(value)} is not a ${type.name}`];
    if (type.name === 'String' && DATE_FIELD.test(field) && !ISO_DATE.test(value as string))
      return [`${path}: ${JSON.stringify(value)} is not an ISO 8601 date (YYYY-MM-DD): map native dates`];
    return [];
  }
  if (isObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value))
      return [`${path}: an object (${type.name}) expected, got ${JSON.stringify(value)}`];
    const fields = type.getFields();
    const problems: string[] = [];
    for (const key of Object.keys(value)) {
      if (!fields[key] && !(key === 'personId' && !path.includes('.')))
        problems.push(
          `${path}.${key}: not a field of ${type.name} (the native shape must not leave the adapter)`,
        );
    }
    for (const [name, f] of Object.entries(fields))
      problems.push(
        ...recordProblems((value as Record<string, unknown>)[name], f.type, `${path}.${name}`, name),
      );
    return problems;
  }
  return [`${path}: cannot check a field of type ${String(type)}`];
}

/** Every field of the record type, as a GraphQL selection set. */
function selectionOf(type: GraphQLObjectType): string {
  const parts = Object.values(type.getFields()).map((f) => {
    const named = getNamedType(f.type);
    return isObjectType(named) ? `${f.name} ${selectionOf(named)}` : f.name;
  });
  return `{ ${parts.join(' ')} }`;
}

/** Where a partial expectation differs from the record; empty when it matches. */
function partialMismatches(actual: unknown, expected: unknown, path: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => partialMismatches(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) =>
      partialMismatches((actual as Record<string, unknown>)[k], v, `${path}.${k}`),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < b.length) out.push(b[i] as string);
    if (i < a.length) out.push(a[i] as string);
  }
  return out;
}

/** The contract's checks as plain async functions (node:assert), for any test runner. */
export function adapterContractChecks<S extends SiloService>(
  options: AdapterContractOptions<S>,
): ContractSuite {
  type G = GraphRecordOf<S>;
  const { silo, knownResidents: known, unknownResidents: unknown } = options;
  if (known.length < 2) throw new Error('adapterContract: give at least two knownResidents');
  if (unknown.length < 1) throw new Error('adapterContract: give at least one of unknownResidents');
  const overlap = known.filter((id) => unknown.includes(id));
  if (overlap.length) throw new Error(`adapterContract: ${overlap.join(', ')} both known and unknown`);

  const kit = siloKit(silo);
  const personField = kit.definition.personField;
  const schema = buildSiloSchema(kit.definition);
  const recordType = getNamedType(
    schema.getType('Person') &&
      (schema.getType('Person') as GraphQLObjectType).getFields()[personField]?.type,
  );
  if (!isObjectType(recordType)) throw new Error(`${silo}: Person.${personField} is not a record type`);

  /** Runs `body` with a fresh adapter, closed afterwards whatever happens. */
  async function withAdapter(body: (a: AdapterUnderTest<G>) => Promise<void>): Promise<void> {
    const under = await options.makeAdapter();
    try {
      await body(under);
    } finally {
      await under.close?.();
    }
  }

  const find = (a: AdapterUnderTest<G>, ids: readonly string[]) => a.adapter.findByResidentIds(ids);
  const describeMap = (m: Map<string, unknown>) => `{${[...m.keys()].join(', ')}}`;

  const checks: ContractCheck[] = [
    {
      name: 'finds a known resident by resident number, keyed by that number',
      run: () =>
        withAdapter(async (a) => {
          for (const id of known) {
            const m = await find(a, [id]);
            assert.ok(m instanceof Map, `findByResidentIds must resolve to a Map, got ${typeof m}`);
            assert.deepEqual(sorted(m.keys()), [id], `asked for ${id}, answered ${describeMap(m)}`);
            assert.equal(m.get(id)?.personId, id, `the record for ${id} must carry personId ${id}`);
          }
        }),
    },
    {
      name: 'answers a batch with every known resident and nobody else',
      run: () =>
        withAdapter(async (a) => {
          const m = await find(a, known);
          assert.deepEqual(
            sorted(m.keys()),
            sorted(known),
            `asked for ${known.join(', ')}, answered ${describeMap(m)}`,
          );
          for (const [id, record] of m)
            assert.equal(record.personId, id, `the record under ${id} carries personId ${record.personId}`);
        }),
    },
    {
      name: `maps native records to the graph's ${recordType.name}`,
      run: () =>
        withAdapter(async (a) => {
          const m = await find(a, known);
          const problems = [...m].flatMap(([id, record]) => recordProblems(record, recordType, id));
          for (const [id, expected] of Object.entries(options.expectRecords ?? {}))
            problems.push(...partialMismatches(m.get(id), expected, id));
          assert.ok(
            problems.length === 0,
            `records the graph cannot serve as ${recordType.name}:\n  ${problems.join('\n  ')}`,
          );
        }),
    },
    {
      name: 'leaves residents without a record out of the map (no nulls, no empty records)',
      run: () =>
        withAdapter(async (a) => {
          const none = await find(a, unknown);
          assert.equal(none.size, 0, `asked for residents without a record, answered ${describeMap(none)}`);
          const mixed = await find(a, interleave(known, unknown));
          assert.deepEqual(
            sorted(mixed.keys()),
            sorted(known),
            `asked for known and unknown residents, answered ${describeMap(mixed)}`,
          );
          for (const [id, record] of mixed)
            assert.ok(
              record !== null && typeof record === 'object',
              `the entry for ${id} is ${String(record)}`,
            );
        }),
    },
    {
      name: 'answers each resident alone as in any batch (no cross-talk between ids)',
      run: () =>
        withAdapter(async (a) => {
          const alone = new Map<string, G | undefined>();
          for (const id of known) alone.set(id, (await find(a, [id])).get(id));
          const batch = await find(a, interleave([...known].reverse(), unknown));
          for (const id of known)
            assert.deepEqual(
              batch.get(id),
              alone.get(id),
              `${id} is answered differently in a batch than alone`,
            );
          // Concurrent calls, as from concurrent requests: each gets its own residents only.
          const answers = await Promise.all(known.map((id) => find(a, [id, ...unknown])));
          answers.forEach((m, i) => {
            const id = known[i] as string;
            assert.deepEqual(
              sorted(m.keys()),
              [id],
              `a concurrent call for ${id} answered ${describeMap(m)}`,
            );
            assert.deepEqual(m.get(id), alone.get(id), `a concurrent call for ${id} got another record`);
          });
        }),
    },
    {
      name: 'makes one round trip to the record system per batch, none for an empty batch',
      run: () =>
        withAdapter(async (a) => {
          let before = a.roundTrips();
          const empty = await find(a, []);
          assert.equal(empty.size, 0, 'an empty batch must answer an empty map');
          assert.equal(a.roundTrips() - before, 0, 'an empty batch must not reach the record system');
          before = a.roundTrips();
          await find(a, interleave(known, unknown));
          const trips = a.roundTrips() - before;
          assert.equal(trips, 1, `a batch of ${known.length + unknown.length} made ${trips} round trips`);
        }),
    },
    {
      name: 'fails with an error when the record system fails (never an empty answer)',
      run: () =>
        withAdapter(async (a) => {
          await a.breakRecordSystem();
          let answer: Map<string, G> | undefined;
          try {
            answer = await find(a, known);
          } catch {
            return;
          }
          assert.fail(
            `the record system failed, but the adapter answered ${describeMap(answer)}: throw instead, ` +
              'or the graph says "no record" when the truth is "unknown"',
          );
        }),
    },
  ];

  let graph: TestGraph | null = null;
  /** The graph's adapter: each graph check points it at a fresh adapter of its own. */
  let current: RecordSource<G> | null = null;
  const staff = ownFieldStaff(silo);
  const all = [...known, ...unknown];
  // One household of everyone: its members are one list, so the gateway makes one entity
  // fetch to the silo for all of them (aliased root fields would make one fetch each).
  const HOUSEHOLD = 'H-CONTRACT';
  const QUERY = `{ household(id: ${JSON.stringify(HOUSEHOLD)}) { members { id ${personField} ${selectionOf(recordType)} } } }`;
  type Members = { household: { members: Record<string, unknown>[] } | null };
  const members = (data: Members | undefined) => data?.household?.members ?? [];

  if (options.throughGraph !== false) {
    checks.push(
      {
        name: 'serves its records through the subgraph and gateway, one round trip for a whole request',
        run: () =>
          withAdapter(async (a) => {
            assert.ok(graph, 'setup() was not called');
            current = a.adapter;
            const before = a.roundTrips();
            const res = await graph.query<Members>(QUERY, {}, { as: staff });
            const got = members(res.body.data);
            assert.deepEqual(
              res.body.errors ?? [],
              [],
              `the graph answered with errors: ${res.text.slice(0, 2000)}`,
            );
            all.forEach((id, i) => {
              assert.equal(
                got[i]?.id,
                id,
                `household member ${i} should be ${id}: ${res.text.slice(0, 500)}`,
              );
              const record = got[i]?.[personField];
              if (known.includes(id))
                assert.ok(record, `Person.${personField} of ${id} is ${String(record)} through the graph`);
              else assert.equal(record, null, `Person.${personField} of ${id} (no record) must be null`);
            });
            const trips = a.roundTrips() - before;
            assert.equal(trips, 1, `one request for ${all.length} people made ${trips} round trips`);
          }),
      },
      {
        name: 'a failing record system costs only its own field, with an error at that field',
        run: () =>
          withAdapter(async (a) => {
            assert.ok(graph, 'setup() was not called');
            current = a.adapter;
            await a.breakRecordSystem();
            const res = await graph.query<Members>(QUERY, {}, { as: staff });
            const got = members(res.body.data);
            all.forEach((id, i) => {
              const person = got[i];
              assert.equal(
                person?.id,
                id,
                `${id}'s identity must still be served: ${res.text.slice(0, 500)}`,
              );
              assert.equal(person?.[personField], null, `Person.${personField} of ${id} must be null`);
            });
            const paths = (res.body.errors ?? []).map((e) => JSON.stringify(e.path ?? null));
            for (const id of known) {
              const path = JSON.stringify(['household', 'members', all.indexOf(id), personField]);
              assert.ok(
                paths.includes(path),
                `no error at ${path}; errors at: ${paths.join(', ') || 'none'}`,
              );
            }
          }),
      },
    );
  }

  return {
    checks,
    async setup() {
      if (options.throughGraph === false || graph) return;
      graph = await startTestGraph({
        town: {
          households: [{ _id: HOUSEHOLD, memberIds: all }],
          people: all.map((id) => ({ _id: id, name: `契約 ${id}` })),
        },
        silos: [silo],
        adapters: {
          [silo]: {
            findByResidentIds: (ids: readonly string[]) => {
              if (!current) throw new Error('no adapter under test');
              return current.findByResidentIds(ids);
            },
          },
        },
      });
    },
    async teardown() {
      await graph?.stop();
      graph = null;
    },
  };
}

/** Registers the contract as a jest `describe` block with one `it` per check. */
export function adapterContract<S extends SiloService>(options: AdapterContractOptions<S>): void {
  describe(`${options.name} keeps the adapter contract (${options.silo})`, () => {
    const suite = adapterContractChecks(options);
    beforeAll(() => suite.setup(), 30_000);
    afterAll(() => suite.teardown(), 30_000);
    for (const check of suite.checks) it(check.name, () => check.run(), 30_000);
  });
}
