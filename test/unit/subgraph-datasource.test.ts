/**
 * The gateway's data source on the wire, against a stand-in subgraph: what it sends (the
 * body the credential is bound to, nothing else of the request), how it reads answers
 * (JSON by content type, HTTP errors as RemoteGraphQLDataSource reports them) and what
 * it never sends (anything but the query plan's fetches, a silo fetch it cannot decide).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import {
  CREDENTIAL_HEADER,
  CredentialSigner,
  CredentialVerifier,
} from '../../shared/auth/gateway-credential';
import type { GatewayContext } from '../../gateway/context';
import { SubgraphDataSource, SubgraphError } from '../../gateway/datasource';
import type { SubgraphDataSourceOptions } from '../../gateway/datasource';
import type { SchemaIndex } from '../../gateway/enforcement/sensitivity';

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let answer: (res: http.ServerResponse) => void;
let seen: Seen[];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = (res) => json(res, 200, { data: { ok: true } });
});

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

const primed: unknown[] = [];
const context = {
  principal: { staffId: 's-takikan-01', agency: { id: 'takikan-shakyo', role: 'TAKIKAN', field: null } },
  meetingId: 'M-J1',
  requestId: 'req-1',
  decisions: new Map(),
  facts: { primeFrom: (attached: unknown) => primed.push(attached) },
} as unknown as GatewayContext;

async function source(options: Partial<SubgraphDataSourceOptions> = {}): Promise<SubgraphDataSource> {
  return new SubgraphDataSource({
    name: 'juso',
    url,
    stats: { byService: {} },
    timeoutMs: 2000,
    signer: await CredentialSigner.fromEnv({}),
    silo: null,
    ...options,
  });
}

const QUERY = 'query Household__juso__0($id: ID!) { household(id: $id) { id } }';

function fetchOf(
  request: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'incoming operation',
    request,
    context,
    incomingRequestContext: {},
    ...extra,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('SubgraphDataSource', () => {
  it('sends the query, variables and operation name, under a credential bound to that exact body', async () => {
    const stats = { byService: {} as Record<string, number> };
    const ds = await source({ stats });
    answer = (res) =>
      json(res, 200, { data: { household: { id: 'H-1' } }, extensions: { accessFacts: { people: [] } } });
    const response = await ds.process(
      fetchOf({ query: QUERY, variables: { id: 'H-1' }, operationName: 'Household__juso__0' }),
    );

    expect(response).toEqual({ data: { household: { id: 'H-1' } } });
    expect(primed).toContainEqual({ people: [] });
    expect(stats.byService).toEqual({ juso: 1 });
    const [sent] = seen as [Seen];
    expect(JSON.parse(sent.body)).toEqual({
      query: QUERY,
      variables: { id: 'H-1' },
      operationName: 'Household__juso__0',
    });
    expect(sent.headers['content-type']).toBe('application/json');
    const verifier = await CredentialVerifier.fromEnv('juso', {});
    const credential = sent.headers[CREDENTIAL_HEADER] as string;
    await expect(verifier.verify(credential, sent.body, sent.headers)).resolves.toMatchObject({
      staffId: 's-takikan-01',
      meetingId: 'M-J1',
      requestId: 'req-1',
    });
    // Bound to the body: the same credential on another body is refused.
    const other = await ds.process(fetchOf({ query: QUERY, variables: { id: 'H-2' } }));
    expect(other.data).toEqual({ household: { id: 'H-1' } });
    const second = seen[1] as Seen;
    await expect(verifier.verify(second.headers[CREDENTIAL_HEADER] as string, sent.body)).rejects.toThrow(
      'does not match',
    );
  });

  it('restricts the response to no caching, as for an answer without cache hints', async () => {
    const restrict = jest.fn();
    const ds = await source();
    await ds.process(
      fetchOf({ query: QUERY }, { incomingRequestContext: { overallCachePolicy: { restrict } } }),
    );
    expect(restrict).toHaveBeenCalledWith({ maxAge: 0 });
  });

  it('reports a refused request as `status: statusText`, UNAUTHENTICATED for a 401', async () => {
    const ds = await source();
    answer = (res) => json(res, 401, { errors: [{ message: 'invalid gateway credential' }] });
    const refused = await ds.process(fetchOf({ query: QUERY })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).message).toBe('401: Unauthorized');
    expect((refused as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');

    answer = (res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    const failed = await ds.process(fetchOf({ query: QUERY })).catch((e: unknown) => e);
    expect((failed as GraphQLError).message).toBe('500: Internal Server Error');
    expect((failed as GraphQLError).extensions.code).toBeUndefined();
  });

  it('refuses an answer that is not a JSON object', async () => {
    const ds = await source();
    answer = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    await expect(ds.process(fetchOf({ query: QUERY }))).rejects.toThrow('Expected JSON response body');
    answer = (res) => json(res, 200, [1, 2]);
    await expect(ds.process(fetchOf({ query: QUERY }))).rejects.toThrow('Expected JSON response body');
  });

  it('names no URL when a subgraph does not answer in time', async () => {
    const ds = await source({ timeoutMs: 50 });
    answer = () => undefined; // never answers
    const error = await ds.process(fetchOf({ query: QUERY })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphError);
    expect((error as Error).message).toBe('a data source did not answer in time');
    expect((error as Error).message).not.toContain('127.0.0.1');
  });

  it('sends nothing but the query plan’s fetches', async () => {
    const ds = await source();
    for (const kind of ['health check', 'loading schema'])
      await expect(ds.process(fetchOf({ query: QUERY }, { kind }))).rejects.toThrow(SubgraphError);
    await expect(ds.process(fetchOf({ variables: {} }))).rejects.toThrow('without a query');
    expect(seen).toHaveLength(0);
  });

  it('sends a silo nothing it cannot decide: only entity fetches of Person', async () => {
    const silo = { field: 'KAIGO' as const, recordFields: ['kaigo'], index: {} as SchemaIndex };
    const ds = await source({ name: 'kaigo', silo });
    await expect(ds.process(fetchOf({ query: QUERY, variables: {} }))).rejects.toThrow('not an entity fetch');
    await expect(
      ds.process(
        fetchOf({ query: QUERY, variables: { representations: [{ __typename: 'Household', id: 'H-1' }] } }),
      ),
    ).rejects.toThrow('not a Person');
    expect(seen).toHaveLength(0);
  });
});
