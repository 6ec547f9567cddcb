/**
 * The credential verifier checks signatures and claims itself (node:crypto Ed25519): it
 * must accept exactly what a standard JWT library would, for the one form the gateway
 * writes, and refuse every forgery or variation of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';

const KEYS = path.resolve(__dirname, '../../dev/gateway-keys');
const privateJwk = JSON.parse(fs.readFileSync(path.join(KEYS, 'private.jwk.json'), 'utf8')) as JWK;
const publicJwk = JSON.parse(fs.readFileSync(path.join(KEYS, 'public.jwk.json'), 'utf8')) as JWK;
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

/** Signed by jose, an independent implementation, with whatever header and claims a test wants. */
async function joseToken(payload: JWTPayload, header: Record<string, unknown> = { alg: 'EdDSA' }) {
  const key = await importJWK(privateJwk, 'EdDSA');
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

/** Signs header.payload with the real key by hand: for shapes jose will not produce. */
function handToken(header: unknown, payload: unknown): string {
  const key = crypto.createPrivateKey({ key: privateJwk as crypto.JsonWebKey, format: 'jwk' });
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${crypto.sign(null, Buffer.from(input), key).toString('base64url')}`;
}

let verifier: CredentialVerifier;
beforeEach(async () => {
  verifier = await CredentialVerifier.fromJwk(publicJwk, 'kaigo');
});

describe('gateway credential verification', () => {
  it('accepts a credential signed by jose with the same claims', async () => {
    const v = await verifier.verify(await joseToken(claims()), 'body');
    expect(v).toMatchObject({ staffId: 's-takikan-01', meetingId: 'M-J1', requestId: 'r' });
  });

  it('accepts our signer’s credentials, and an audience list that names this subgraph', async () => {
    const signer = await CredentialSigner.fromJwk(privateJwk);
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
    ['exp as a string', () => handToken({ alg: 'EdDSA' }, { ...claims(), exp: String(now() + 30) })],
    ['expired', () => joseToken(claims({ iat: now() - 40, exp: now() - 6 }))],
    ['not yet valid (nbf)', () => joseToken(claims({ nbf: now() + 60 }))],
    ['issued in the future', () => joseToken(claims({ iat: now() + 60, exp: now() + 90 }))],
    ['older than its lifetime allows', () => joseToken(claims({ iat: now() - 41, exp: now() + 600 }))],
    ['alg none', () => `${enc({ alg: 'none' })}.${enc(claims())}.`],
    [
      'alg HS256 keyed with the public key',
      () => {
        const input = `${enc({ alg: 'HS256' })}.${enc(claims())}`;
        const mac = crypto.createHmac('sha256', JSON.stringify(publicJwk)).update(input).digest('base64url');
        return `${input}.${mac}`;
      },
    ],
    ['alg ES256 in the header over an Ed25519 signature', () => handToken({ alg: 'ES256' }, claims())],
    ['a crit header', () => handToken({ alg: 'EdDSA', crit: ['exp'] }, claims())],
    ['an embedded jwk header', () => handToken({ alg: 'EdDSA', jwk: publicJwk }, claims())],
    ['a payload that is not an object', () => handToken({ alg: 'EdDSA' }, ['x'])],
    [
      'a changed payload',
      async () => {
        const [h, , s] = (await joseToken(claims())).split('.');
        return `${h}.${enc(claims({ sub: 's-fukushi-01' }))}.${s}`;
      },
    ],
    [
      'a changed signature',
      async () => {
        const t = await joseToken(claims());
        return t.slice(0, -2) + (t.endsWith('AA') ? 'BA' : 'AA');
      },
    ],
    ['a cut signature', async () => (await joseToken(claims())).slice(0, -10)],
    ['characters outside base64url', async () => (await joseToken(claims())).replace('.', '.+')],
    ['two parts', async () => (await joseToken(claims())).split('.').slice(0, 2).join('.')],
    ['four parts', async () => `${await joseToken(claims())}.x`],
  ];
  for (const [what, make] of refused)
    it(`refuses ${what}`, async () => {
      await expect(verifier.verify(await make(), 'body')).rejects.toThrow('invalid');
    });

  it('refuses a credential signed by another Ed25519 key', async () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const input = `${enc({ alg: 'EdDSA' })}.${enc(claims())}`;
    const token = `${input}.${crypto.sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    await expect(verifier.verify(token, 'body')).rejects.toThrow('invalid');
  });

  it('refuses a verification key that is not Ed25519', async () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(
      CredentialVerifier.fromJwk(publicKey.export({ format: 'jwk' }) as JWK, 'kaigo'),
    ).rejects.toThrow();
  });
});
