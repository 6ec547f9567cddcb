/** The gateway's credential: only the gateway can make one, for one subgraph, one body, once. */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { CredentialSubject } from '../../shared/auth/gateway-credential';

const subject: CredentialSubject = {
  staffId: 's-kita-01',
  agency: { id: 'houkatsu-kita', role: 'FIELD', field: 'KAIGO' },
  meetingId: 'M-J1',
  requestId: 'r-1',
};

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

  it('refuses a credential signed by another key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const forger = await CredentialSigner.fromJwk({ ...(await exportJWK(privateKey)), alg: 'EdDSA' });
    const token = await forger.sign('kaigo', subject, 'b');
    await expect(verifier.verify(token, 'b')).rejects.toThrow('invalid');
  });

  it('refuses an expired credential', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const v = await CredentialVerifier.fromJwk({ ...(await exportJWK(publicKey)), alg: 'EdDSA' }, 'kaigo');
    const old = Math.floor(Date.now() / 1000) - 600;
    const token = await new SignJWT({ agency: subject.agency, bh: 'x' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('juso-gateway')
      .setAudience('kaigo')
      .setSubject('s')
      .setIssuedAt(old)
      .setExpirationTime(old + 30)
      .setJti('j')
      .sign(privateKey);
    await expect(v.verify(token, '')).rejects.toThrow('invalid');
  });

  it('refuses an unsigned (alg: none) credential', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: 'none' })}.${enc({ iss: 'juso-gateway', aud: 'kaigo', sub: 's', iat: now, exp: now + 30, jti: 'n', agency: subject.agency })}.`;
    await expect(verifier.verify(token, '')).rejects.toThrow('invalid');
  });
});
