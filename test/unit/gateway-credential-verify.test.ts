/**
 * The credential verifier checks tags and claims itself (node:crypto HMAC-SHA256): it
 * must accept exactly what a standard JOSE library would, for the one form the gateway
 * writes, and refuse every forgery or variation of it — including a credential tagged
 * with another subgraph's key, which is what one key per subgraph is for.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { SubgraphKeyJwk } from '../../shared/auth/gateway-credential';

const KEYS = path.resolve(__dirname, '../../dev/gateway-keys');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(KEYS, file), 'utf8')) as SubgraphKeyJwk;
const kaigoJwk = read('kaigo.jwk.json');
const konkyuJwk = read('konkyu.jwk.json');
const HEADER = { alg: 'HS256', kid: kaigoJwk.kid };
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const bh = (body: string) => crypto.createHash('sha256').update(body).digest('base64url');
const now = () => Math.floor(Date.now() / 1000);

let jti = 0;
function claims(extra: Record<string, unknown> = {}): JWTPayload {
  const iat = now();
  return {
    agency: { id: 'takikan-shakyo', role: 'TAKIKAN', field: null },
    mtg: 'M-J1',
    rid: 'r',
    bh: bh('body'),
    iss: 'juso-gateway',
    aud: 'kaigo',
    sub: 's-takikan-01',
    iat,
    exp: iat + 30,
    jti: `j-${++jti}`,
    ...extra,
  };
}

/** Tagged by jose, an independent implementation, with whatever header and claims a test wants. */
async function joseToken(payload: JWTPayload, header: Record<string, unknown> = HEADER, jwk = kaigoJwk) {
  const key = await importJWK({ ...jwk }, 'HS256');
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

/** Tags header.payload by hand with a key: for shapes jose will not produce. */
function handToken(header: unknown, payload: unknown, jwk = kaigoJwk, hashName = 'sha256'): string {
  const input = `${enc(header)}.${enc(payload)}`;
  const mac = crypto.createHmac(hashName, Buffer.from(jwk.k, 'base64url')).update(input).digest('base64url');
  return `${input}.${mac}`;
}

let verifier: CredentialVerifier;
beforeEach(async () => {
  verifier = await CredentialVerifier.fromJwk(kaigoJwk, 'kaigo');
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('gateway credential verification', () => {
  it('accepts a credential tagged by jose with the same header and claims', async () => {
    const v = await verifier.verify(await joseToken(claims()), 'body');
    expect(v).toMatchObject({ staffId: 's-takikan-01', meetingId: 'M-J1', requestId: 'r' });
  });

  it('accepts our signer’s credentials, and an audience list that names this subgraph', async () => {
    const signer = await CredentialSigner.fromEnv({});
    const subject = {
      staffId: 's',
      agency: { id: 'a', role: 'TAKIKAN' as const, field: null },
      meetingId: null,
      requestId: 'r',
    };
    await expect(verifier.verify(await signer.sign('kaigo', subject, 'b'), 'b')).resolves.toMatchObject({
      staffId: 's',
    });
    await expect(
      verifier.verify(await joseToken(claims({ aud: ['juso', 'kaigo'] })), 'body'),
    ).resolves.toBeDefined();
  });

  const refused: [string, () => Promise<string> | string][] = [
    ['another audience', () => joseToken(claims({ aud: 'konkyu' }))],
    ['an audience list without this subgraph', () => joseToken(claims({ aud: ['juso', 'konkyu'] }))],
    ['another issuer', () => joseToken(claims({ iss: 'someone' }))],
    ['no jti', () => joseToken(claims({ jti: undefined }))],
    ['no sub', () => joseToken(claims({ sub: undefined }))],
    ['no iat', () => joseToken(claims({ iat: undefined }))],
    ['no exp', () => joseToken(claims({ exp: undefined }))],
    ['exp as a string', () => handToken(HEADER, { ...claims(), exp: String(now() + 30) })],
    ['expired', () => joseToken(claims({ iat: now() - 40, exp: now() - 6 }))],
    ['not yet valid (nbf)', () => joseToken(claims({ nbf: now() + 60 }))],
    ['issued in the future', () => joseToken(claims({ iat: now() + 60, exp: now() + 90 }))],
    ['older than its lifetime allows', () => joseToken(claims({ iat: now() - 41, exp: now() + 600 }))],
    ['alg none', () => `${enc({ alg: 'none', kid: kaigoJwk.kid })}.${enc(claims())}.`],
    [
      'a credential for kaigo tagged with konkyu’s key (a subgraph minting for another)',
      () => joseToken(claims(), { alg: 'HS256', kid: kaigoJwk.kid }, konkyuJwk),
    ],
    [
      'alg HS512 under the real key',
      () => handToken({ alg: 'HS512', kid: kaigoJwk.kid }, claims(), kaigoJwk, 'sha512'),
    ],
    ['another kid', () => joseToken(claims(), { alg: 'HS256', kid: 'kaigo-other' })],
    ['a crit header', () => handToken({ ...HEADER, crit: ['exp'] }, claims())],
    ['an embedded jwk header', () => handToken({ ...HEADER, jwk: kaigoJwk }, claims())],
    ['a payload that is not an object', () => handToken(HEADER, ['x'])],
    [
      'a changed payload',
      async () => {
        const [h, , s] = (await joseToken(claims())).split('.');
        return `${h}.${enc(claims({ sub: 's-fukushi-01' }))}.${s}`;
      },
    ],
    [
      'a changed tag',
      async () => {
        const t = await joseToken(claims());
        return t.slice(0, -2) + (t.endsWith('AA') ? 'BA' : 'AA');
      },
    ],
    ['a cut tag', async () => (await joseToken(claims())).slice(0, -10)],
    ['characters outside base64url', async () => (await joseToken(claims())).replace('.', '.+')],
    ['two parts', async () => (await joseToken(claims())).split('.').slice(0, 2).join('.')],
    ['four parts', async () => `${await joseToken(claims())}.x`],
  ];
  for (const [what, make] of refused)
    it(`refuses ${what}`, async () => {
      await expect(verifier.verify(await make(), 'body')).rejects.toThrow('invalid');
    });

  it('refuses a credential tagged with a random key', async () => {
    const key = { kty: 'oct' as const, kid: kaigoJwk.kid, k: crypto.randomBytes(32).toString('base64url') };
    await expect(verifier.verify(handToken(HEADER, claims(), key), 'body')).rejects.toThrow('invalid');
  });

  it('compares tags in constant time (crypto.timingSafeEqual on the whole 32-byte tag)', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    const t = await joseToken(claims());
    await expect(verifier.verify(t.slice(0, -2) + (t.endsWith('AA') ? 'BA' : 'AA'), 'body')).rejects.toThrow(
      'invalid',
    );
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });

  it('refuses keys that are not symmetric, too short, or of another algorithm', async () => {
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    await expect(
      CredentialVerifier.fromJwk(publicKey.export({ format: 'jwk' }) as Record<string, unknown>, 'kaigo'),
    ).rejects.toThrow('symmetric');
    const short = { kty: 'oct' as const, k: crypto.randomBytes(16).toString('base64url') };
    await expect(CredentialVerifier.fromJwk(short, 'kaigo')).rejects.toThrow('at least 32');
    await expect(CredentialVerifier.fromJwk({ ...kaigoJwk, alg: 'HS512' }, 'kaigo')).rejects.toThrow('HS256');
  });
});
