/**
 * The gateway verifies a session's token once (gateway/auth/verified-tokens.ts): a
 * remembered verification must never outlive the token's `exp`, the key that verified
 * it, or a tampered copy of the token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { StaffAuthenticator } from '../../gateway/auth/authenticate';
import type { AuthConfig } from '../../gateway/auth/config';
import { flattened, VerifiedTokens } from '../../gateway/auth/verified-tokens';
import { DEMO_AGENCIES } from '../../town/agencies';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'juso-gateway';
const now = () => Math.floor(Date.now() / 1000);

async function idpKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}
type IdpKey = Awaited<ReturnType<typeof idpKey>>;

const token = (key: IdpKey, claims: Record<string, unknown> = {}) =>
  new SignJWT({ agency: 'houkatsu-kita', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('s-kita-01')
    .setExpirationTime(now() + 600)
    .sign(key.privateKey);

let dir: string;
let jwksFile: string;
let a: IdpKey;
let b: IdpKey;
const writeJwks = (...keys: IdpKey[]) =>
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: keys.map((k) => k.jwk) }));
const authenticator = () =>
  new StaffAuthenticator(
    {
      jwks: { kind: 'file', path: jwksFile },
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES256'],
      clockToleranceSeconds: 30,
      maxTokenBytes: 4096,
      agencyClaim: 'agency',
    } satisfies AuthConfig,
    DEMO_AGENCIES,
  );

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verified-tokens-'));
  jwksFile = path.join(dir, 'jwks.json');
  [a, b] = await Promise.all([idpKey('key-a'), idpKey('key-b')]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('StaffAuthenticator with remembered verifications', () => {
  it('accepts a session token again, and refuses it once its key is rotated out of the JWKS file', async () => {
    writeJwks(a, b);
    const auth = authenticator();
    const t = await token(a);
    expect(await auth.authenticate(`Bearer ${t}`)).toMatchObject({ staffId: 's-kita-01' });
    expect(await auth.authenticate(`Bearer ${t}`)).toMatchObject({ agency: { id: 'houkatsu-kita' } });
    // The IdP drops key A; the file is re-read at most a second later.
    writeJwks(b);
    const later = Date.now() + 1_100;
    await new Promise((r) => setTimeout(r, later - Date.now()));
    await expect(auth.authenticate(`Bearer ${t}`)).rejects.toThrow(/token refused/);
    expect(await auth.authenticate(`Bearer ${await token(b)}`)).toMatchObject({ staffId: 's-kita-01' });
  });

  it('does not accept a tampered copy of a remembered token', async () => {
    writeJwks(a);
    const auth = authenticator();
    const t = await token(a);
    await auth.authenticate(`Bearer ${t}`);
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 's-admin', agency: 'juso-honbu', exp: now() + 600 })).toString('base64url')}.${s}`;
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toThrow(/token refused/);
  });

  it('remembers no refusal: a token refused for its agency stays refused', async () => {
    writeJwks(a);
    const auth = authenticator();
    const t = await token(a, { agency: 'evil-corp' });
    await expect(auth.authenticate(`Bearer ${t}`)).rejects.toThrow(/no agency/);
    await expect(auth.authenticate(`Bearer ${t}`)).rejects.toThrow(/no agency/);
  });
});

describe('VerifiedTokens', () => {
  const principal = { staffId: 's-kita-01', agency: DEMO_AGENCIES[0]! };
  const key = { kty: 'EC' };
  const keys: JWTVerifyGetKey = async () => key;
  const remembered = (clock: { t: number }, exp: number, options = {}) => {
    const cache = new VerifiedTokens({ now: () => clock.t, ...options });
    cache.remember('t1.p.s', { principal, header: { alg: 'ES256' }, input: flattened('t1.p.s'), key, exp });
    return cache;
  };

  it('forgets a token at its exp', async () => {
    const clock = { t: 1_000_000 };
    const cache = remembered(clock, 1_060);
    expect(await cache.recall('t1.p.s', keys)).toEqual(principal);
    clock.t = 1_059_999;
    expect(await cache.recall('t1.p.s', keys)).toEqual(principal);
    clock.t = 1_060_000;
    expect(await cache.recall('t1.p.s', keys)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets a long-lived token after maxAgeMs', async () => {
    const clock = { t: 1_000_000 };
    const cache = remembered(clock, 1_000_000, { maxAgeMs: 5_000 });
    clock.t += 4_999;
    expect(await cache.recall('t1.p.s', keys)).toEqual(principal);
    clock.t += 1;
    expect(await cache.recall('t1.p.s', keys)).toBeNull();
  });

  it('does not remember an expired token, nor trust a key set that now gives another key or none', async () => {
    const clock = { t: 2_000_000 };
    expect(remembered(clock, 1_999).size).toBe(0);
    const cache = remembered(clock, 3_000);
    expect(await cache.recall('t1.p.s', async () => ({ kty: 'EC' }))).toBeNull();
    const again = remembered(clock, 3_000);
    expect(
      await again.recall('t1.p.s', async () => {
        throw new Error('no key');
      }),
    ).toBeNull();
  });

  it('holds at most max tokens', () => {
    const cache = new VerifiedTokens({ max: 2 });
    for (const t of ['a.b.c', 'd.e.f', 'g.h.i'])
      cache.remember(t, { principal, header: { alg: 'ES256' }, input: flattened(t), key, exp: now() + 60 });
    expect(cache.size).toBe(2);
  });

  it('hands out copies, so a caller cannot change what is remembered', async () => {
    const clock = { t: 1_000_000 };
    const cache = remembered(clock, 1_060);
    const p = (await cache.recall('t1.p.s', keys)) as { staffId: string };
    p.staffId = 's-admin';
    expect(await cache.recall('t1.p.s', keys)).toEqual(principal);
  });
});
