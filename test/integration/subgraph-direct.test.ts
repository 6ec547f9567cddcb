/**
 * Subgraphs answer the gateway only: a direct call, with no, a forged or an expired
 * credential, or one tagged with another subgraph's key, is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { CREDENTIAL_HEADER, CredentialSigner } from '../../shared/auth/gateway-credential';
import type { SubgraphKeySet } from '../../shared/auth/gateway-credential';
import { SERVICES } from '../../shared/domain';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const ENTITIES = JSON.stringify({
  query: 'query($r:[_Any!]!){_entities(representations:$r){... on Person{id}}}',
  variables: { r: [{ __typename: 'Person', id: 'P-101' }] },
});
const SERVICE = JSON.stringify({ query: '{ _service { sdl } }' });
const subject = {
  staffId: 's-kita-01',
  agency: { id: 'houkatsu-kita', role: 'FIELD' as const, field: 'KAIGO' as const },
  meetingId: null,
  requestId: 'attack',
};

const devKeys = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../dev/gateway-keys/subgraph-keys.json'), 'utf8'),
) as SubgraphKeySet;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

async function post(url: string, body: string, credential?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(credential ? { [CREDENTIAL_HEADER]: credential } : {}),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe.each(SERVICES)('subgraph %s', (name) => {
  const url = () => graph.services[name].url;

  it.each([
    ['_entities', ENTITIES],
    ['_service', SERVICE],
  ])('refuses %s without a credential', async (_what, body) => {
    const res = await post(url(), body);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('P-101');
    expect(res.text).not.toContain('sdl');
  });

  it('refuses a credential forged with another key', async () => {
    const forger = await CredentialSigner.fromKeys(
      Object.fromEntries(
        SERVICES.map((s) => [s, { kty: 'oct', kid: `${s}-dev-1`, k: randomBytes(32).toString('base64url') }]),
      ),
    );
    const res = await post(
      url(),
      ENTITIES,
      await forger.sign(name, subject, ENTITIES, { 'P-101': { GENERAL: 'ALLOW' } }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses a real credential made for another subgraph or another body, and a replay', async () => {
    const signer = await CredentialSigner.fromEnv({});
    const other = name === 'juso' ? 'kaigo' : 'juso';
    expect((await post(url(), ENTITIES, await signer.sign(other, subject, ENTITIES))).status).toBe(401);
    expect((await post(url(), ENTITIES, await signer.sign(name, subject, SERVICE))).status).toBe(401);
    const once = await signer.sign(name, subject, SERVICE);
    expect((await post(url(), SERVICE, once)).status).toBe(200);
    expect((await post(url(), SERVICE, once)).status).toBe(401);
  });

  it('refuses a credential for it tagged with another subgraph’s key', async () => {
    // A subgraph holds only its own key: the most it can do is tag a credential for this
    // one with it. Modelled by a signer whose key for `name` is another subgraph's.
    const other = name === 'kaigo' ? 'shogai' : 'kaigo';
    const swapped: SubgraphKeySet = { ...devKeys, [name]: devKeys[other], [other]: devKeys[name] };
    const forger = await CredentialSigner.fromKeys(swapped);
    const res = await post(
      url(),
      ENTITIES,
      await forger.sign(name, subject, ENTITIES, { 'P-101': { GENERAL: 'ALLOW' } }),
    );
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('P-101');
  });
});

it('refuses an expired credential, even tagged with the real key', async () => {
  const jwk = devKeys.kaigo!;
  const minuteAgo = Math.floor(Date.now() / 1000) - 60;
  const token = await new SignJWT({
    agency: subject.agency,
    mtg: null,
    rid: 'r',
    bh: createHash('sha256').update(ENTITIES).digest('base64url'),
  })
    .setProtectedHeader({ alg: 'HS256', kid: jwk.kid! })
    .setIssuer('juso-gateway')
    .setAudience('kaigo')
    .setSubject('s-kita-01')
    .setIssuedAt(minuteAgo)
    .setExpirationTime(minuteAgo + 30)
    .setJti('expired-1')
    .sign(Buffer.from(jwk.k, 'base64url'));
  expect((await post(graph.services.kaigo.url, ENTITIES, token)).status).toBe(401);
});

it('a silo resolves only what the credential grants', async () => {
  const signer = await CredentialSigner.fromEnv({});
  const body = JSON.stringify({
    query: 'query($r:[_Any!]!){_entities(representations:$r){... on Person{id kaigo{careLevel}}}}',
    variables: {
      r: [
        { __typename: 'Person', id: 'P-101' },
        { __typename: 'Person', id: 'P-202' },
      ],
    },
  });
  const res = await post(
    graph.services.kaigo.url,
    body,
    await signer.sign('kaigo', subject, body, { 'P-101': { GENERAL: 'ALLOW' } }),
  );
  const json = JSON.parse(res.text) as {
    data: { _entities: { kaigo: unknown }[] };
    errors: { path: unknown[]; extensions: { code: string } }[];
  };
  expect(json.data._entities[0]!.kaigo).toEqual({ careLevel: 'CARE_2' });
  expect(json.data._entities[1]!.kaigo).toBeNull();
  expect(json.errors.map((e) => [e.path, e.extensions.code])).toEqual([
    [['_entities', 1, 'kaigo'], 'FORBIDDEN'],
  ]);
});
