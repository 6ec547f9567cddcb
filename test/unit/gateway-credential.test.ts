/**
 * The gateway's credential: only the gateway can make one, for one subgraph, one body,
 * once — and a subgraph holding only its own key cannot make one for another.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { CredentialSubject, SubgraphKeySet } from '../../shared/auth/gateway-credential';
import { SERVICES } from '../../shared/domain';

const subject: CredentialSubject = {
  staffId: 's-kita-01',
  agency: { id: 'houkatsu-kita', role: 'FIELD', field: 'KAIGO' },
  meetingId: 'M-J1',
  requestId: 'r-1',
};
const devSet = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../dev/gateway-keys/subgraph-keys.json'), 'utf8'),
) as SubgraphKeySet;
const randomKey = (kid: string) => ({
  kty: 'oct' as const,
  kid,
  alg: 'HS256',
  k: crypto.randomBytes(32).toString('base64url'),
});

describe('gateway credential', () => {
  let signer: CredentialSigner;
  let verifier: CredentialVerifier;
  beforeAll(async () => {
    signer = await CredentialSigner.fromEnv({});
    verifier = await CredentialVerifier.fromEnv('kaigo', {});
  });

  it('round-trips who asks, the meeting and the grants', async () => {
    const token = await signer.sign('kaigo', subject, '{"q":1}', {
      'P-101': { GENERAL: 'ALLOW', TAX: 'TAX_CONSENT_REQUIRED' },
    });
    const verified = await verifier.verify(token, '{"q":1}');
    expect(verified).toMatchObject({ staffId: 's-kita-01', meetingId: 'M-J1', agency: subject.agency });
    expect(verified.grants).toEqual({ 'P-101': { GENERAL: 'ALLOW', TAX: 'TAX_CONSENT_REQUIRED' } });
  });

  it('expires within 30 seconds', async () => {
    const token = await signer.sign('kaigo', subject, 'b');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(30);
  });

  it('refuses a missing credential', async () => {
    await expect(verifier.verify(undefined, '')).rejects.toThrow('missing');
  });

  it('refuses a credential for another subgraph', async () => {
    const token = await signer.sign('konkyu', subject, 'x');
    await expect(verifier.verify(token, 'x')).rejects.toThrow('invalid');
  });

  it('refuses a credential replayed on another body', async () => {
    const token = await signer.sign('kaigo', subject, 'original');
    await expect(verifier.verify(token, 'tampered')).rejects.toThrow('does not match');
  });

  it('refuses the same credential twice', async () => {
    const token = await signer.sign('kaigo', subject, 'b');
    await verifier.verify(token, 'b');
    await expect(verifier.verify(token, 'b')).rejects.toThrow('already used');
  });

  it('refuses a credential minted with kaigo’s key and addressed to shogai', async () => {
    // All kaigo holds is its own key: it writes a well-formed credential for shogai, with
    // shogai's kid or its own, and tags it with that key.
    const shogai = await CredentialVerifier.fromEnv('shogai', {});
    const body = 'b';
    for (const kid of [devSet.shogai!.kid!, devSet.kaigo!.kid!]) {
      const now = Math.floor(Date.now() / 1000);
      const forged = await new SignJWT({
        agency: subject.agency,
        mtg: null,
        rid: 'r',
        bh: crypto.createHash('sha256').update(body).digest('base64url'),
        grants: { 'P-201': { GENERAL: 'ALLOW' } },
      })
        .setProtectedHeader({ alg: 'HS256', kid })
        .setIssuer('juso-gateway')
        .setAudience('shogai')
        .setSubject('s-kita-01')
        .setIssuedAt(now)
        .setExpirationTime(now + 30)
        .setJti(`kaigo-forgery-${kid}`)
        .sign(Buffer.from(devSet.kaigo!.k, 'base64url'));
      await expect(shogai.verify(forged, body)).rejects.toThrow('invalid');
    }
    // The gateway's own credential for shogai is accepted: the refusal is the key's.
    await expect(shogai.verify(await signer.sign('shogai', subject, body), body)).resolves.toBeDefined();
  });

  it('refuses a credential tagged with another key', async () => {
    const forger = await CredentialSigner.fromKeys(
      Object.fromEntries(SERVICES.map((s) => [s, randomKey(`${s}-dev-1`)])),
    );
    const token = await forger.sign('kaigo', subject, 'b');
    await expect(verifier.verify(token, 'b')).rejects.toThrow('invalid');
  });

  it('refuses an expired credential, tagged with the real key', async () => {
    const old = Math.floor(Date.now() / 1000) - 600;
    const token = await new SignJWT({ agency: subject.agency, bh: 'x' })
      .setProtectedHeader({ alg: 'HS256', kid: devSet.kaigo!.kid! })
      .setIssuer('juso-gateway')
      .setAudience('kaigo')
      .setSubject('s')
      .setIssuedAt(old)
      .setExpirationTime(old + 30)
      .setJti('j')
      .sign(Buffer.from(devSet.kaigo!.k, 'base64url'));
    await expect(verifier.verify(token, '')).rejects.toThrow('invalid');
  });

  it('refuses an untagged (alg: none) credential', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: 'none' })}.${enc({ iss: 'juso-gateway', aud: 'kaigo', sub: 's', iat: now, exp: now + 30, jti: 'n', agency: subject.agency })}.`;
    await expect(verifier.verify(token, '')).rejects.toThrow('invalid');
  });

  it('keeps the replay cache bounded: when full it refuses rather than forgets', async () => {
    const small = await CredentialVerifier.fromJwk(devSet.kaigo!, 'kaigo', { replayCapacity: 3 });
    for (let i = 0; i < 3; i++) await small.verify(await signer.sign('kaigo', subject, 'b'), 'b');
    await expect(small.verify(await signer.sign('kaigo', subject, 'b'), 'b')).rejects.toThrow('too many');
    expect(small.replayEntries).toBe(3);
  });

  it('needs a key for every subgraph, each its own', async () => {
    const { konkyu: _none, ...four } = devSet;
    await expect(CredentialSigner.fromKeys(four)).rejects.toThrow('no credential key for konkyu');
    await expect(CredentialSigner.fromKeys({ ...devSet, shogai: devSet.kaigo })).rejects.toThrow(
      'share a key',
    );
  });

  it('the demo keys are five distinct 32-byte secrets, one file per subgraph matching the gateway’s', () => {
    const secrets = new Set<string>();
    for (const s of SERVICES) {
      const own = JSON.parse(
        fs.readFileSync(path.resolve(__dirname, `../../dev/gateway-keys/${s}.jwk.json`), 'utf8'),
      ) as { k: string };
      expect(own).toEqual(devSet[s]);
      expect(Buffer.from(own.k, 'base64url')).toHaveLength(32);
      secrets.add(own.k);
    }
    expect(secrets.size).toBe(5);
  });
});
