/**
 * What attackers do, against the graph in production mode (the test kit's
 * `mode: 'production'`: gateway and subgraphs as under NODE_ENV=production). Every
 * attack must fail to obtain data or change state; each is counted for the summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { DEV_IDP_AUDIENCE, DEV_IDP_ISSUER, mintDevToken } from '../../town/dev-idp';
import { CREDENTIAL_HEADER, CredentialSigner } from '../../shared/auth/gateway-credential';
import type { Reply } from '../support/extra-gateway';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import type { HttpClient } from '../support/http-client';
import { httpClient } from '../support/http-client';
import { recordAttack } from '../support/security-summary';

const SECRET = 'CARE_2'; // P-101's 介護 level: what every attack below is after.
const PROBE = `{ person(id: "P-101") { name kaigo { careLevel } } }`;
const idpKey = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../dev/idp/private.jwk.json'), 'utf8'),
) as JWK;

let graph: TestGraph;
let gw: HttpClient;
beforeAll(async () => {
  graph = await startTestGraph({ mode: 'production' });
  gw = httpClient(graph.url);
});
afterAll(async () => {
  await graph.stop();
});

/** No data at all, nothing secret anywhere in the answer. */
function expectNothing(name: string, reply: Reply): void {
  const leaked =
    reply.text.includes(SECRET) ||
    reply.text.includes('山田') ||
    Boolean(reply.json.data && Object.values(reply.json.data).some((v) => v !== null));
  recordAttack(name, leaked);
  expect(leaked).toBe(false);
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  iss: DEV_IDP_ISSUER,
  aud: DEV_IDP_AUDIENCE,
  sub: 's-kita-01',
  agency: 'houkatsu-kita',
  iat: now(),
  exp: now() + 600,
});

async function signed(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const key = await importJWK(idpKey, 'ES256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: idpKey.kid!, ...header }).sign(key);
}

const asToken = (token: string) => ({ authorization: `Bearer ${token}` });

describe('tokens', () => {
  const attacks: [string, () => Promise<string>][] = [
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    [
      'HS256 signed with the public key',
      async () => {
        const pem = createPublicKey({
          key: idpKey as JsonWebKey,
          format: 'jwk',
        }).export({ type: 'spki', format: 'pem' });
        const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: idpKey.kid })}.${b64(claims())}`;
        return `${head}.${createHmac('sha256', pem).update(head).digest('base64url')}`;
      },
    ],
    ['unknown kid', () => signed(claims(), { kid: 'no-such-key' })],
    ['path-like kid', () => signed(claims(), { kid: '../../dev/idp/private.jwk.json' })],
    ['expired', () => signed({ ...claims(), iat: now() - 7200, exp: now() - 3600 })],
    ['nbf in the future', () => signed({ ...claims(), nbf: now() + 3600 })],
    ['wrong issuer', () => signed({ ...claims(), iss: 'https://evil.example' })],
    ['wrong audience', () => signed({ ...claims(), aud: 'someone-else' })],
    [
      'missing exp',
      async () => {
        const { exp: _exp, ...rest } = claims();
        return signed(rest);
      },
    ],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await mintDevToken('s-hw-01')).split('.');
        return `${h}.${b64({ ...claims(), sub: 's-kita-01', agency: 'houkatsu-kita' })}.${s}`;
      },
    ],
    ['oversized token', () => signed({ ...claims(), pad: 'x'.repeat(6_000) })],
    [
      'another key under the real kid',
      async () => {
        const { privateKey } = await generateKeyPair('ES256', { extractable: true });
        return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: idpKey.kid! }).sign(privateKey);
      },
    ],
    ['agency that is not of this town', () => signed({ ...claims(), agency: 'evil-corp' })],
    [
      'a token with no sub',
      async () => {
        const { sub: _sub, ...rest } = claims();
        return signed(rest);
      },
    ],
  ];

  it.each(attacks)('%s is refused', async (name, make) => {
    const reply = await gw.post({ query: PROBE }, asToken(await make()));
    expect(reply.status).toBe(401);
    expectNothing(`token: ${name}`, reply);
  });

  it('a token past the HTTP header cap is refused before it is read', async () => {
    const reply = await gw.post(
      { query: PROBE },
      asToken(await signed({ ...claims(), pad: 'x'.repeat(40_000) })),
    );
    expect(reply.status).toBe(431);
    expectNothing('token: past the header cap', reply);
  });

  it('a garbage authorization header is refused', async () => {
    for (const header of [
      'Bearer',
      'Basic czpz',
      'Bearer a.b',
      `Bearer ${'A'.repeat(5000)}`,
      'Bearer ../../etc/passwd',
    ]) {
      const reply = await gw.post({ query: PROBE }, { authorization: header });
      expect(reply.status).toBe(401);
      expectNothing(`token: garbage ${header.slice(0, 12)}`, reply);
    }
  });

  it('the real token still works (the attacks above are not refused for another reason)', async () => {
    const reply = await gw.query(PROBE, {}, 's-kita-01');
    expect(reply.text).toContain(SECRET);
    // And a key rotation of ours: the JWKS may hold more than one key.
    expect((await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)).kty).toBe(
      'EC',
    );
  });
});

describe('query abuse', () => {
  const nested = (depth: number) => {
    let q = 'id';
    for (let i = 0; i < depth; i++)
      q = i % 2 ? `household { members { ${q} } }` : `members { household { ${q} } }`;
    return `{ household(id: "H-DOUBLE") { ${q} } }`;
  };
  const cases: [string, string][] = [
    ['depth', nested(14)],
    [
      'aliases',
      `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: person(id: "P-101") { name }`).join(' ')} }`,
    ],
    ['tokens', `{ person(id: "P-101") { ${'name '.repeat(4000)} } }`],
    ['directives', `{ person(id: "P-101") { name ${'@include(if: true) '.repeat(40)} } }`],
    [
      'cost',
      `{ ${Array.from({ length: 15 }, (_, i) => `h${i}: household(id: "H-DOUBLE") { members { kaigo { careLevel certification { label validFrom validUntil certifiedOn } consultations { date kind summary } careManager { name office } } cases { plans { roles { agency { name role } } people { name household { members { name nameKana birthDate } } } } } } }`).join(' ')} }`,
    ],
    ['duplicated fields', `{ person(id: "P-101") { ${'kaigo { careLevel } '.repeat(800)} } }`],
  ];

  it.each(cases)('too much %s is refused with a clear error that hides the limit', async (name, query) => {
    const reply = await gw.post({ query }, asToken(await mintDevToken('s-kita-01')));
    expect(reply.status).toBe(400);
    const message = reply.json.errors?.[0]?.message ?? '';
    expect(message).toMatch(/too (deep|many|long|expensive)|validation/i);
    expect(message).not.toMatch(/\d/);
    expectNothing(`query abuse: ${name}`, reply);
  });

  it('batched operations are refused', async () => {
    const token = asToken(await mintDevToken('s-kita-01'));
    const reply = await gw.post([{ query: PROBE }, { query: PROBE }], token);
    expect(reply.status).toBe(400);
    expectNothing('query abuse: batch', reply);
  });

  it('an oversized body is refused before parsing', async () => {
    const reply = await gw.post(
      { query: PROBE, variables: { pad: 'x'.repeat(200_000) } },
      asToken(await mintDevToken('s-kita-01')),
    );
    expect(reply.status).toBe(413);
    expectNothing('query abuse: huge body', reply);
  });
});

describe('information leaks in production mode', () => {
  it('introspection is off', async () => {
    const reply = await gw.post(
      { query: '{ __schema { types { name } } }' },
      asToken(await mintDevToken('s-kita-01')),
    );
    expect(reply.text).not.toContain('KaigoRecord');
    expectNothing('leak: introspection', reply);
  });

  it('field suggestions are off', async () => {
    const reply = await gw.post(
      { query: '{ persn(id: "P-101") { name } person(id: "P-101") { kaig { careLevel } } }' },
      asToken(await mintDevToken('s-kita-01')),
    );
    expect(reply.text).not.toMatch(/did you mean/i);
    expect(reply.text).not.toContain('"kaigo"');
    expectNothing('leak: field suggestions', reply);
  });

  it('the subgraphs run in production mode too: no introspection, even with a valid credential', async () => {
    const signer = await CredentialSigner.fromEnv({});
    const subject = {
      staffId: 's-kita-01',
      agency: { id: 'houkatsu-kita', role: 'FIELD' as const, field: 'KAIGO' as const },
      meetingId: null,
      requestId: 'attack-subgraph-introspection',
    };
    for (const name of ['juso', 'kaigo'] as const) {
      const body = JSON.stringify({ query: '{ __schema { types { name } } }' });
      const res = await fetch(graph.services[name].url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CREDENTIAL_HEADER]: await signer.sign(name, subject, body, {}),
        },
        body,
      });
      const text = await res.text();
      expect(text).not.toMatch(/"types"\s*:\s*\[/);
      expect(text).toMatch(/introspection/i);
      recordAttack(
        `leak: introspection of the ${name} subgraph`,
        /KaigoRecord|PersonFacts|"types"\s*:\s*\[/.test(text),
      );
    }
  });

  it('the gateway-only access facts are not reachable', async () => {
    const reply = await gw.post(
      { query: '{ _accessFacts(personIds: ["P-101"]) { people { consent { status } } } }' },
      asToken(await mintDevToken('s-kita-01')),
    );
    expect(reply.status).toBe(400);
    expectNothing('leak: _accessFacts through the gateway', reply);
  });

  it('hidden cases leave a list that looks like no cases', async () => {
    const token = asToken(await mintDevToken('s-kita-01'));
    const hidden = await gw.post({ query: '{ person(id: "P-401") { cases { id } } }' }, token);
    const none = await gw.post({ query: '{ person(id: "P-501") { cases { id } } }' }, token);
    expect(hidden.text).toBe(none.text);
    recordAttack('leak: list sizes of hidden cases', hidden.text !== none.text);
  });
});

describe('injection', () => {
  it.each([
    ['operator object as id', { id: { $ne: null } }],
    ['operator object in an array', { id: [{ $gt: '' }] }],
    ['regex-looking id', { id: '.*' }],
    ['quote and boolean tricks', { id: `P-101' || '1'=='1` }],
    ['NUL byte', { id: 'P-101\u0000' }],
    ['very long id', { id: 'P'.repeat(50_000) }],
  ])('%s finds nothing', async (name, variables) => {
    const reply = await gw.post(
      { query: 'query($id: ID!) { person(id: $id) { name kaigo { careLevel } } }', variables },
      asToken(await mintDevToken('s-kita-01')),
    );
    expectNothing(`injection: ${name}`, reply);
  });

  it('a regex in the search text is taken literally', async () => {
    const reply = await gw.post(
      { query: '{ searchPeople(text: ".*") { id } }' },
      asToken(await mintDevToken('s-hw-01')),
    );
    expect(reply.json.data).toEqual({ searchPeople: [] });
    recordAttack('injection: regex in search', JSON.stringify(reply.json.data) !== '{"searchPeople":[]}');
  });

  it.each([
    ['a meeting the agency is not a member of', 'M-J1', 'NOT_MEETING_MEMBER'],
    ['a made-up meeting', 'M-FAKE', 'MEETING_NOT_OPEN'],
    ['a closed meeting', 'M-S0', 'MEETING_NOT_OPEN'],
  ])('X-Meeting-Id spoofing: %s gives no basis', async (name, meeting, code) => {
    const reply = await gw.query('{ person(id: "P-101") { kaigo { careLevel } } }', {}, 's-hw-01', meeting);
    expect(reply.json.errors?.[0]?.extensions?.code).toBe(code);
    expectNothing(`meeting spoofing: ${name}`, {
      ...reply,
      json: { data: (reply.json.data?.person as Record<string, unknown>) ?? null },
    });
  });

  it.each([
    ['operator object', '{"$ne":null}'],
    ['two meetings', 'M-J1, M-S1'],
    ['path', '../M-J1'],
  ])('X-Meeting-Id spoofing: %s is refused', async (name, header) => {
    const reply = await gw.post(
      { query: PROBE },
      { ...asToken(await mintDevToken('s-hw-01')), 'x-meeting-id': header },
    );
    expect(reply.status).toBe(400);
    expectNothing(`meeting spoofing: ${name}`, reply);
  });

  it('CSRF: a simple-request POST is refused', async () => {
    const token = asToken(await mintDevToken('s-kita-01'));
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const reply = await gw.post(
        null,
        { ...token, 'content-type': type },
        { rawBody: JSON.stringify({ query: PROBE }) },
      );
      expect(reply.status).toBe(400);
      expectNothing(`csrf: ${type}`, reply);
    }
  });

  it('CSRF: a GET query or mutation is refused', async () => {
    const token = asToken(await mintDevToken('s-kita-01'));
    const res = await fetch(`${gw.url}?query=${encodeURIComponent(PROBE)}`, { headers: token });
    const text = await res.text();
    expect(res.status).toBe(400);
    recordAttack('csrf: GET query without preflight', text.includes(SECRET));
    const mutation = await fetch(`${gw.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { ...token, 'apollo-require-preflight': 'true' },
    });
    expect(mutation.status).toBe(405);
    recordAttack('csrf: GET mutation', mutation.status === 200);
  });
});

describe('errors in production mode', () => {
  it('never carry stack traces, service names or internal URLs', async () => {
    const token = asToken(await mintDevToken('s-takikan-01'));
    const replies = await Promise.all([
      gw.post(
        {
          query:
            '{ household(id: "H-DOUBLE") { members { kaigo { careLevel } shogai { supportCategory } konkyu { taxStatus } } } }',
        },
        { ...token, 'x-meeting-id': 'M-J1' },
      ),
      gw.post({ query: '{ nope }' }, token),
      gw.post({ query: '{ person(id: 1) { name }' }, token),
      gw.post({ query: PROBE }, {}),
    ]);
    for (const reply of replies) {
      expect(reply.text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\//);
      expect(reply.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      expect(reply.text).not.toMatch(/serviceName|service "|stacktrace|subgraph/i);
      recordAttack('leak: error details', false);
    }
  });
});

describe('workflow refusals in production mode', () => {
  it('a mutation beyond the caller’s role is refused with its code, and changes nothing', async () => {
    const cases = graph.stores.juso.collection('cases');
    const before = await cases.findOne({ _id: 'C-KS' });
    const reply = await gw.query(
      'mutation { returnCase(caseId: "C-KS", expectedVersion: 1, reason: "not ours") { status } }',
      {},
      's-hw-01',
    );
    expect(reply.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_ACTION');
    const after = await cases.findOne({ _id: 'C-KS' });
    expect(after).toEqual(before);
    recordAttack('workflow: action beyond role', JSON.stringify(after) !== JSON.stringify(before));
  });

  it('a stale edit is refused as a version conflict, and changes nothing', async () => {
    const meetings = graph.stores.juso.collection('meetings');
    const before = await meetings.findOne({ _id: 'M-S1' });
    const reply = await gw.query(
      'mutation { closeMeeting(meetingId: "M-S1", expectedVersion: 999) { status } }',
      {},
      's-fukushi-01',
    );
    expect(reply.json.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    expect(await meetings.findOne({ _id: 'M-S1' })).toEqual(before);
    recordAttack('workflow: stale edit', false);
  });

  it('operator objects in mutation input are refused before any write', async () => {
    const reply = await gw.post(
      {
        query: 'mutation($id: ID!) { closeMeeting(meetingId: $id, expectedVersion: 1) { status } }',
        variables: { id: { $ne: null } },
      },
      asToken(await mintDevToken('s-fukushi-01')),
    );
    expect(reply.status).toBe(400);
    const open = await graph.stores.juso.collection('meetings').find({ status: 'OPEN' });
    expect(open.map((m) => m._id).sort()).toEqual(['M-J1', 'M-S1']);
    recordAttack('workflow: operator object as id', open.length !== 2);
  });
});
