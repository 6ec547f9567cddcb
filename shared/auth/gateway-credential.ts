/**
 * The gateway's short-lived credential for one subgraph request, and its verifier:
 * both sides of one mechanism in one module. The gateway signs (EdDSA) who asks, in
 * which meeting, a hash of the exact request body, and, for silo fetches, what it
 * allowed per person and sensitivity class. A subgraph accepts only requests that
 * carry a valid, unexpired, unreplayed credential addressed to it, and resolves only
 * what the credential allows — so a bug on either side does not leak on its own.
 */
import {
  createPrivateKey,
  createPublicKey,
  hash,
  randomUUID,
  sign as signBytes,
  verify as verifyBytes,
} from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import type { AgencyRole, SensitivityClass, WelfareField } from '../domain';
import type { WithheldCode } from '../access/decide';

export const CREDENTIAL_HEADER = 'x-juso-gateway-credential';
const ISSUER = 'juso-gateway';
const ALGORITHM = 'EdDSA';
/** Long enough for a slow subgraph hop, short enough that a stolen one is of little use. */
const LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;

/** Per person, per sensitivity class: ALLOW, or the code it is withheld with. */
export type Grants = Record<string, Partial<Record<SensitivityClass, 'ALLOW' | WithheldCode>>>;

export interface CredentialSubject {
  staffId: string;
  agency: { id: string; role: AgencyRole; field: WelfareField | null };
  meetingId: string | null;
  requestId: string;
}

export interface VerifiedCredential extends CredentialSubject {
  grants: Grants | null;
}

export class CredentialError extends Error {}

const bodyHash = (body: string) => hash('sha256', body, 'base64url');

const root = path.resolve(__dirname, '../..');
const DEV_PRIVATE = path.join(root, 'dev/gateway-keys/private.jwk.json');
const DEV_PUBLIC = path.join(root, 'dev/gateway-keys/public.jwk.json');

function readJwk(env: NodeJS.ProcessEnv, name: string, devFile: string): JWK {
  const inline = env[name];
  if (inline) return JSON.parse(inline) as JWK;
  return JSON.parse(fs.readFileSync(env[`${name}_FILE`] ?? devFile, 'utf8')) as JWK;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * Signs with node:crypto's Ed25519 directly: a compact JWS (RFC 7515/8037, alg EdDSA)
 * that the verifier checks with jose as before. jose 6 signs through WebCrypto, whose
 * per-call job and promise machinery cost twice the signature itself; the gateway signs
 * seven credentials for every dashboard request.
 */
export class CredentialSigner {
  /** The protected header, encoded once: it is the same for every credential. */
  private readonly header: string;

  private constructor(
    private readonly key: KeyObject,
    kid: string | undefined,
  ) {
    this.header = base64url({ alg: ALGORITHM, ...(kid ? { kid } : {}) });
  }

  static async fromJwk(jwk: JWK): Promise<CredentialSigner> {
    if (jwk.alg !== undefined && jwk.alg !== ALGORITHM) throw new CredentialError(`not an ${ALGORITHM} key`);
    const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    if (key.asymmetricKeyType !== 'ed25519') throw new CredentialError('the signing key must be Ed25519');
    return new CredentialSigner(key, jwk.kid);
  }

  /** GATEWAY_SIGNING_KEY (a private JWK) or GATEWAY_SIGNING_KEY_FILE; the demo key otherwise. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CredentialSigner> {
    return CredentialSigner.fromJwk(readJwk(env, 'GATEWAY_SIGNING_KEY', DEV_PRIVATE));
  }

  async sign(audience: string, subject: CredentialSubject, body: string, grants?: Grants): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const payload = base64url({
      agency: subject.agency,
      mtg: subject.meetingId,
      rid: subject.requestId,
      bh: bodyHash(body),
      ...(grants ? { grants } : {}),
      iss: ISSUER,
      aud: audience,
      sub: subject.staffId,
      iat,
      exp: iat + LIFETIME_SECONDS,
      jti: randomUUID(),
    });
    const input = `${this.header}.${payload}`;
    return `${input}.${signBytes(null, Buffer.from(input, 'utf8'), this.key).toString('base64url')}`;
  }
}

/** Seen credential ids until they expire: a credential is good for one request only. */
class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  claim(jti: string, expiresAtMs: number, nowMs: number): boolean {
    if (nowMs >= this.nextSweep) {
      for (const [id, exp] of this.seen) if (exp < nowMs) this.seen.delete(id);
      this.nextSweep = nowMs + 10_000;
    }
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAtMs + CLOCK_TOLERANCE_SECONDS * 1000);
    return true;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Header parameters the signer writes; any other (crit, b64, jwk, jku, x5u, …) is refused. */
const HEADER_PARAMETERS = new Set(['alg', 'kid', 'typ']);
const invalid = () => new CredentialError('invalid gateway credential');

/** A JSON object from one base64url segment of a compact JWS; null for anything else. */
function decodeSegment(segment: string): Record<string, unknown> | null {
  if (!BASE64URL.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Verifies with node:crypto's Ed25519 directly. jose 6 verifies through WebCrypto, whose
 * per-call job and promise machinery made verification 15% of a subgraph's CPU under the
 * dashboard benchmark (six credentials per dashboard request). The checks are the ones
 * jwtVerify made, narrowed to the one form the signer writes: a compact JWS whose header
 * is alg EdDSA (never anything else: no algorithm choice, no embedded keys, no crit), a
 * 64-byte Ed25519 signature by the configured key, then issuer, audience, the required
 * claims exp, iat, jti and sub, expiry, not-before and the maximum age, with the same
 * clock tolerance.
 */
export class CredentialVerifier {
  private readonly replay = new ReplayCache();

  private constructor(
    private readonly key: KeyObject,
    private readonly audience: string,
  ) {}

  static async fromJwk(jwk: JWK, audience: string): Promise<CredentialVerifier> {
    if (jwk.alg !== undefined && jwk.alg !== ALGORITHM) throw new CredentialError(`not an ${ALGORITHM} key`);
    const { d: _private, ...publicJwk } = jwk;
    const key = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' });
    if (key.asymmetricKeyType !== 'ed25519')
      throw new CredentialError('the verification key must be Ed25519');
    return new CredentialVerifier(key, audience);
  }

  /** The claims of a credential whose signature and registered claims hold at `nowSeconds`. */
  private verifiedClaims(token: string, nowSeconds: number): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const [header, payload, signature] = parts as [string, string, string];
    const protectedHeader = decodeSegment(header);
    if (
      !protectedHeader ||
      protectedHeader.alg !== ALGORITHM ||
      Object.keys(protectedHeader).some((k) => !HEADER_PARAMETERS.has(k))
    )
      throw invalid();
    if (!BASE64URL.test(signature)) throw invalid();
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== 64 || !verifyBytes(null, Buffer.from(`${header}.${payload}`, 'utf8'), this.key, sig))
      throw invalid();
    const claims = decodeSegment(payload);
    if (!claims) throw invalid();
    const { iss, aud, exp, iat, nbf, jti, sub } = claims;
    if (iss !== ISSUER) throw invalid();
    if (aud !== this.audience && !(Array.isArray(aud) && aud.includes(this.audience))) throw invalid();
    if (typeof jti !== 'string' || typeof sub !== 'string') throw invalid();
    if (typeof exp !== 'number' || !Number.isFinite(exp) || typeof iat !== 'number' || !Number.isFinite(iat))
      throw invalid();
    // Expired, not yet valid, too old, or issued in the future: each with the clock tolerance.
    if (exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) throw invalid();
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS))
      throw invalid();
    const age = nowSeconds - iat;
    if (age - CLOCK_TOLERANCE_SECONDS > LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw invalid();
    if (age < -CLOCK_TOLERANCE_SECONDS) throw invalid();
    return claims;
  }

  /** GATEWAY_PUBLIC_KEY (a public JWK) or GATEWAY_PUBLIC_KEY_FILE; the demo key otherwise. */
  static fromEnv(audience: string, env: NodeJS.ProcessEnv = process.env): Promise<CredentialVerifier> {
    return CredentialVerifier.fromJwk(readJwk(env, 'GATEWAY_PUBLIC_KEY', DEV_PUBLIC), audience);
  }

  async verify(token: string | undefined, body: string): Promise<VerifiedCredential> {
    if (!token) throw new CredentialError('missing gateway credential');
    if (token.length > 64_000) throw new CredentialError('gateway credential too large');
    let payload: Record<string, unknown>;
    try {
      payload = this.verifiedClaims(token, Math.floor(Date.now() / 1000));
    } catch {
      throw new CredentialError('invalid gateway credential');
    }
    if (payload.bh !== bodyHash(body))
      throw new CredentialError('gateway credential does not match the request');
    if (!this.replay.claim(payload.jti as string, (payload.exp as number) * 1000, Date.now()))
      throw new CredentialError('gateway credential already used');
    const agency = payload.agency as CredentialSubject['agency'] | undefined;
    if (!agency || typeof agency.id !== 'string') throw new CredentialError('invalid gateway credential');
    return {
      staffId: payload.sub as string,
      agency,
      meetingId: typeof payload.mtg === 'string' ? payload.mtg : null,
      requestId: typeof payload.rid === 'string' ? payload.rid : '',
      grants: (payload.grants as Grants | undefined) ?? null,
    };
  }
}
