/**
 * The project's tests start the graph with the integrators' test kit (testkit/); this
 * module only re-exports it, so the tests keep their imports.
 */
export { startTestGraph } from '../../testkit/graph';
export type { GraphQLResponse, QueryOptions, TestGraph, TestGraphOptions } from '../../testkit/graph';
