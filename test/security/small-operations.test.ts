/**
 * Issue 12, found on the way: a document with several operations and no operationName
 * (or an unknown one) answered HTTP 500. It is the client's mistake: 400, with an error
 * that says what to do, in development and in production mode alike.
 */
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { recordAttack } from '../support/security-summary';

const graphs = {} as Record<'development' | 'production', TestGraph>;
beforeAll(async () => {
  graphs.development = await startTestGraph();
  graphs.production = await startTestGraph({ mode: 'production' });
});
afterAll(async () => {
  await Promise.all(Object.values(graphs).map((g) => g.stop()));
});

const TWO = 'query A { person(id: "P-101") { name } } query B { person(id: "P-102") { name } }';
const cases: [string, { query: string; operationName?: string }, RegExp][] = [
  ['two named operations, no operationName', { query: TWO }, /operationName/],
  ['two named operations, an unknown operationName', { query: TWO, operationName: 'C' }, /no operation/i],
  [
    'one operation, an unknown operationName',
    { query: 'query A { person(id: "P-101") { name } }', operationName: 'C' },
    /no operation/i,
  ],
  [
    'two anonymous operations',
    { query: '{ person(id: "P-101") { name } } { person(id: "P-102") { name } }' },
    /anonymous operation/,
  ],
  [
    'an anonymous operation beside a named one',
    { query: '{ person(id: "P-101") { name } } query B { person(id: "P-102") { name } }' },
    /anonymous operation/,
  ],
];

interface Answer {
  status: number;
  text: string;
  json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs a raw body as s-kita-01 to the graph of that mode. */
async function post(mode: 'development' | 'production', body: object): Promise<Answer> {
  const graph = graphs[mode];
  const headers = { authorization: `Bearer ${await graph.token('s-kita-01')}` };
  const res = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Answer['json'] };
}

describe.each(['development', 'production'] as const)('in %s mode', (mode) => {
  it.each(cases)('%s: 400 with a clear GraphQL error, nothing run', async (name, body, message) => {
    const res = await post(mode, body);
    recordAttack(`operations: ${name} (${mode})`, res.status >= 500 || res.text.includes('山田'));
    expect(res.status).toBe(400);
    const first = res.json.errors?.[0];
    expect(first?.message).toMatch(message);
    expect(first?.extensions?.code).toMatch(/^(OPERATION_RESOLUTION_FAILURE|GRAPHQL_VALIDATION_FAILED)$/);
    expect(res.json).not.toHaveProperty('data');
  });

  it('with operationName, the named operation runs', async () => {
    const res = await post(mode, { query: TWO, operationName: 'B' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { person: { name: '山田 健一' } } });
  });
});
