/**
 * The test kit for integrators (docs/TESTKIT.md): the whole graph — gateway, 重層
 * subgraph and the four silo subgraphs — on in-memory mocks, in one call.
 *
 *     import { startTestGraph } from '<repo>/testkit';
 *     const graph = await startTestGraph();               // the demo town (SCENARIOS.md)
 *     await graph.query('{ person(id: "P-101") { name } }', {}, { as: 's-kita-01' });
 *     await graph.reset();                                 // between tests
 *     await graph.stop();                                  // after all
 *
 * The adapter contract suite is in `testkit/adapter-contract.ts` (it registers jest
 * tests, so it is imported on its own).
 */
export { startTestGraph } from './graph';
export type { GraphQLResponse, QueryOptions, SiloAdapters, TestGraph, TestGraphOptions } from './graph';

export { demoTown, FixtureError } from './fixtures';
export type {
  CaseFixture,
  ConsentFixture,
  HouseholdFixture,
  MeetingFixture,
  NativeFixture,
  NativeRecordFixtures,
  PersonFixture,
  PlanFixture,
  ResidentLinkFixture,
  TownFixtures,
  TownOption,
} from './fixtures';

export type { GraphRecordOf, NativeRecordOf, SiloService, SiloTypes } from './silos';
export { ownFieldStaff } from './silos';

// A silo of your own, added to a graph with `addSilos` (docs/SILOS.md).
export { defineSilo } from '../shared/silo/define';
export type { AnySilo, Silo, SiloSpec } from '../shared/silo/define';

// The adapter an agency writes, and the records it maps from and to.
export type { GraphRecord, RecordSource } from '../shared/silo/types';
export type { HihokenshaDoc } from '../subgraphs/kaigo/adapter/native';
export type { KaigoRecord } from '../subgraphs/kaigo/adapter/to-graph';
export type { RiyoshaDoc } from '../subgraphs/shogai/adapter/native';
export type { ShogaiRecord } from '../subgraphs/shogai/adapter/to-graph';
export type { JidoDoc } from '../subgraphs/kodomo/adapter/native';
export type { KodomoRecord } from '../subgraphs/kodomo/adapter/to-graph';
export type { SodanDoc } from '../subgraphs/konkyu/adapter/native';
export type { KonkyuRecord } from '../subgraphs/konkyu/adapter/to-graph';

/** The demo town's staff (who `token(staffId)` can sign for) and agencies. */
export { DEMO_AGENCIES, DEMO_STAFF } from '../town/agencies';
export type { MintOptions } from '../town/dev-idp';
