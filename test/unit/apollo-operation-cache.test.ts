/**
 * The cached `operationFromDocument` (gateway/engine/apollo-operation-cache.ts): it answers
 * from the cache only for executeQueryPlan's call on the very same parsed operation,
 * fragments, name and schema, and builds afresh for anything else.
 */
import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import type { DocumentNode } from 'graphql';
import { Kind, parse } from 'graphql';
import { installOperationCache, operationCacheStats } from '../../gateway/engine/apollo-operation-cache';

const SDL = `
  type Query { person(id: ID!): Person }
  type Person { id: ID! name: String friend: Person }
`;

installOperationCache();

/** As executeQueryPlan builds it: a new document object around the parsed nodes. */
const asExecuted = (doc: DocumentNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [...doc.definitions],
});

const QUERY = parse(`
  query P($id: ID!) { person(id: $id) { ...F friend { name } } }
  fragment F on Person { id name }
`);

let hits = 0;
let misses = 0;
beforeEach(() => {
  ({ hits, misses } = operationCacheStats);
});
const counted = () => ({
  hits: operationCacheStats.hits - hits,
  misses: operationCacheStats.misses - misses,
});

it('gives the same operation for the same parsed query, built as the original builds it', () => {
  const schema = buildSchema(SDL);
  const first = operationFromDocument(schema, asExecuted(QUERY), { validate: false });
  const second = operationFromDocument(schema, asExecuted(QUERY), { validate: false });
  expect(second).toBe(first);
  expect(counted()).toEqual({ hits: 1, misses: 1 });
  // The cached one is what a fresh build gives (validated here, so built by the original).
  expect(second.toString()).toBe(operationFromDocument(schema, QUERY).toString());
});

it('builds afresh for another query, another schema, other fragments or another name', () => {
  const schema = buildSchema(SDL);
  const cached = operationFromDocument(schema, asExecuted(QUERY), { validate: false });
  const same = parse(`
    query P($id: ID!) { person(id: $id) { ...F friend { name } } }
    fragment F on Person { id name }
  `);
  // Equal text, parsed again: other nodes, so not the cached operation.
  expect(operationFromDocument(schema, asExecuted(same), { validate: false })).not.toBe(cached);
  // The same operation node on another schema object (a supergraph update).
  expect(operationFromDocument(buildSchema(SDL), asExecuted(QUERY), { validate: false })).not.toBe(cached);
  // The same operation node with another fragment definition beside it.
  const otherFragment = parse('fragment F on Person { id }').definitions;
  const [operationNode] = QUERY.definitions;
  const mixed: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operationNode!, ...otherFragment] };
  const rebuilt = operationFromDocument(schema, mixed, { validate: false });
  expect(rebuilt).not.toBe(cached);
  expect(rebuilt.toString()).not.toBe(cached.toString());
  // Another operation name asked for.
  expect(() =>
    operationFromDocument(schema, asExecuted(QUERY), { validate: false, operationName: 'Q' }),
  ).toThrow(/Unknown operation named "Q"/);
});

it('leaves every other call to the original: validated, or with several operations', () => {
  const schema = buildSchema(SDL);
  const a = operationFromDocument(schema, asExecuted(QUERY));
  const b = operationFromDocument(schema, asExecuted(QUERY));
  expect(b).not.toBe(a);
  const two = parse('query A { person(id: "1") { id } } query B { person(id: "2") { name } }');
  const x = operationFromDocument(schema, asExecuted(two), { validate: false, operationName: 'B' });
  const y = operationFromDocument(schema, asExecuted(two), { validate: false, operationName: 'B' });
  expect(y).not.toBe(x);
  expect(counted()).toEqual({ hits: 0, misses: 0 });
});

it('is installed once, however often the gateway is created', () => {
  const schema = buildSchema(SDL);
  installOperationCache();
  installOperationCache();
  operationFromDocument(schema, asExecuted(QUERY), { validate: false });
  operationFromDocument(schema, asExecuted(QUERY), { validate: false });
  // One wrapper: a second one around the first would count every call twice.
  expect(counted()).toEqual({ hits: 1, misses: 1 });
});
