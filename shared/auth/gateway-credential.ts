/**
 * The gateway's short-lived credential for one subgraph request, and its verifier:
 * both sides of one mechanism in one module. The gateway tags (HMAC-SHA256) who asks,
 * in which meeting, a hash of the exact request body, and, for silo fetches, what it
 * allowed per person and sensitivity class. A subgraph accepts only requests that
 * carry a valid, unexpired, unreplayed credential addressed to it, and resolves only
 * what the credential allows — so a bug on either side does not leak on its own.
 *
 * Why a MAC and not a signature: the credential was an Ed25519 JWS so that a subgraph,
 * holding only the public key, could not mint one. A shared secret keeps that property
 * only if no two subgraphs share one, so every subgraph audience has its own random
 * 32-byte key: the gateway holds all five (GATEWAY_SUBGRAPH_KEYS_FILE), each subgraph
 * only its own (SUBGRAPH_KEY_FILE). A subgraph can then mint credentials for itself
 * alone — which it does not need, it already has its own data — and never for another:
 * kaigo's key tags nothing shogai accepts. What it costs drops from two Ed25519
 * operations (~0.3 ms each) to two HMACs (~µs) per subgraph request.
 *
 * The form is a compact JWS with alg HS256 (RFC 7515/7518), so any JOSE library can
 * check one; the verifier here accepts only the one header the signer writes.
 */
import { createHmac, createSecretKey, hash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AgencyRole, SensitivityClass, ServiceName, WelfareField } from '../domain';
import { SERVICES } from '../domain';
import type { WithheldCode } from '../access/decide';
import type { KeyInUse } from './demo-keys';
import { jwkFingerprint, refuseDemoKeys } from './demo-keys';

export const CREDENTIAL_HEADER = 'x-juso-gateway-credential';
const ISSUER = 'juso-gateway';
const ALGORITHM = 'HS256';
/** Long enough for a slow subgraph hop, short enough that a stolen one is of little use. */
const LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;
/** A key shorter than the hash output would be the weak link (RFC 7518 §3.2). */
export const MIN_KEY_BYTES = 32;

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

/** One subgraph's credential key: a symmetric JWK (kty oct), as `npm run keys` writes it. */
export interface SubgraphKeyJwk {
  kty: 'oct';
  k: string;
  kid?: string;
  alg?: string;
  use?: string;
}

/** Who holds which key: the gateway all of them, by audience. */
export type SubgraphKeySet = Partial<Record<ServiceName, SubgraphKeyJwk>>;

const bodyHash = (body: string) => hash('sha256', body, 'base64url');

/**
 * Request headers the credential covers besides the body: the W3C `traceparent` of a
 * traced request (shared/observability). Signed as the `tp` claim, so a subgraph
 * accepts a request only with exactly the traceparent the gateway sent — none if it
 * sent none — and nobody in between can graft a request onto another trace.
 */
export interface BoundHeaders {
  traceparent?: string | string[] | undefined;
  /** The other headers of a request (IncomingHttpHeaders) are not covered. */
  [name: string]: string | string[] | undefined;
}

export const DEV_KEYS_DIR = path.resolve(__dirname, '../../dev/gateway-keys');
export const DEV_SUBGRAPH_KEYS_FILE = path.join(DEV_KEYS_DIR, 'subgraph-keys.json');
export const devSubgraphKeyFile = (audience: string) => path.join(DEV_KEYS_DIR, `${audience}.jwk.json`);

function readJson(env: NodeJS.ProcessEnv, name: string, devFile: string): { value: unknown; from: string } {
  const inline = env[name];
  if (inline) return { value: JSON.parse(inline) as unknown, from: name };
  const file = env[`${name}_FILE`];
  return { value: JSON.parse(fs.readFileSync(file ?? devFile, 'utf8')) as unknown, from: `${name}_FILE` };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

interface LoadedKey {
  key: KeyObject;
  /**
   * The protected header for this key, encoded once: the signer writes it on every
   * credential, and the verifier accepts exactly these bytes.
   */
  header: string;
  fingerprint: string;
}

/** A usable HMAC key from an oct JWK, or a CredentialError saying what is wrong with it. */
function loadKey(jwk: unknown, what: string): LoadedKey {
  if (!jwk || typeof jwk !== 'object') throw new CredentialError(`${what}: not a JWK`);
  const { kty, k, kid, alg } = jwk as Record<string, unknown>;
  if (kty !== 'oct' || typeof k !== 'string' || !/^[A-Za-z0-9_-]+$/.test(k))
    throw new CredentialError(`${what}: not a symmetric (kty "oct") JWK`);
  if (alg !== undefined && alg !== ALGORITHM) throw new CredentialError(`${what}: not an ${ALGORITHM} key`);
  if (kid !== undefined && (typeof kid !== 'string' || kid.length > 128))
    throw new CredentialError(`${what}: kid must be a short string`);
  const secret = Buffer.from(k, 'base64url');
  if (secret.length < MIN_KEY_BYTES)
    throw new CredentialError(`${what}: the key must be at least ${MIN_KEY_BYTES} random bytes`);
  return {
    key: createSecretKey(secret),
    header: base64url({ alg: ALGORITHM, ...(kid ? { kid } : {}) }),
    fingerprint: jwkFingerprint({ kty, k }),
  };
}

const tag = (key: KeyObject, input: string) => createHmac('sha256', key).update(input, 'utf8').digest();

export class CredentialSigner {
  private constructor(private readonly keys: ReadonlyMap<string, LoadedKey>) {}

  /**
   * One key per subgraph audience; two audiences with the same key are refused, since
   * either subgraph could then mint credentials the other accepts.
   */
  static async fromKeys(set: SubgraphKeySet | Record<string, unknown>): Promise<CredentialSigner> {
    if (!set || typeof set !== 'object' || Array.isArray(set))
      throw new CredentialError('the subgraph keys must be an object of audience → JWK');
    const keys = new Map<string, LoadedKey>();
    const seen = new Map<string, string>();
    for (const [audience, jwk] of Object.entries(set)) {
      const loaded = loadKey(jwk, `the key for ${audience}`);
      const twin = seen.get(loaded.fingerprint);
      if (twin) throw new CredentialError(`${twin} and ${audience} share a key: each subgraph needs its own`);
      seen.set(loaded.fingerprint, audience);
      keys.set(audience, loaded);
    }
    const missing = SERVICES.filter((s) => !keys.has(s));
    if (missing.length > 0) throw new CredentialError(`no credential key for ${missing.join(', ')}`);
    return new CredentialSigner(keys);
  }

  /**
   * GATEWAY_SUBGRAPH_KEYS (the JSON itself) or GATEWAY_SUBGRAPH_KEYS_FILE; the demo keys
   * otherwise. Whether demo keys may run is the gateway's start-up check (server.ts),
   * which sees all its keys at once.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CredentialSigner> {
    const { value } = readJson(env, 'GATEWAY_SUBGRAPH_KEYS', DEV_SUBGRAPH_KEYS_FILE);
    return CredentialSigner.fromKeys(value as Record<string, unknown>);
  }

  /** The keys this signer holds, for the demo-key check. */
  keysInUse(): KeyInUse[] {
    return [...this.keys].map(([audience, k]) => ({
      role: `the ${audience} credential key (GATEWAY_SUBGRAPH_KEYS_FILE)`,
      fingerprint: k.fingerprint,
    }));
  }

  async sign(
    audience: string,
    subject: CredentialSubject,
    body: string,
    grants?: Grants,
    headers: BoundHeaders = {},
  ): Promise<string> {
    const key = this.keys.get(audience);
    if (!key) throw new CredentialError(`no credential key for ${audience}`);
    const iat = Math.floor(Date.now() / 1000);
    const payload = base64url({
      agency: subject.agency,
      mtg: subject.meetingId,
      rid: subject.requestId,
      bh: bodyHash(body),
      ...(grants ? { grants } : {}),
      ...(typeof headers.traceparent === 'string' ? { tp: headers.traceparent } : {}),
      iss: ISSUER,
      aud: audience,
      sub: subject.staffId,
      iat,
      exp: iat + LIFETIME_SECONDS,
      jti: randomUUID(),
    });
    const input = `${key.header}.${payload}`;
    return `${input}.${tag(key.key, input).toString('base64url')}`;
  }
}

/**
 * Seen credential ids until they expire: a credential is good for one request only.
 * Only credentials whose tag holds get here, so only the gateway can fill it; still it
 * is capped, and when full (after dropping the expired) it refuses rather than forgets
 * an id, since forgetting one would let that credential be replayed.
 */
class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly maxEntries: number) {}

  claim(jti: string, expiresAtMs: number, nowMs: number): 'fresh' | 'replayed' | 'full' {
    if (nowMs >= this.nextSweep || this.seen.size >= this.maxEntries) {
      for (const [id, exp] of this.seen) if (exp < nowMs) this.seen.delete(id);
      this.nextSweep = nowMs + 10_000;
    }
    if (this.seen.has(jti)) return 'replayed';
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(jti, expiresAtMs + CLOCK_TOLERANCE_SECONDS * 1000);
    return 'fresh';
  }

  get size(): number {
    return this.seen.size;
  }
}

/** 40 s of credentials at 5,000 subgraph requests a second: far above what one subgraph serves. */
const DEFAULT_REPLAY_CAPACITY = 200_000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
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
 * Checks what jwtVerify would, narrowed to the one form the signer writes: a compact JWS
 * whose header is exactly the signer's for this key (alg HS256, its kid: no algorithm
 * choice, no embedded keys, no crit), a 32-byte HMAC-SHA256 tag under this subgraph's
 * key compared in constant time, then issuer, audience, the required claims exp, iat,
 * jti and sub, expiry, not-before and the maximum age, with the clock tolerance.
 */
export class CredentialVerifier {
  private readonly replay: ReplayCache;

  private constructor(
    private readonly key: LoadedKey,
    private readonly audience: string,
    replayCapacity: number,
  ) {
    this.replay = new ReplayCache(replayCapacity);
  }

  static async fromJwk(
    jwk: SubgraphKeyJwk | Record<string, unknown>,
    audience: string,
    options: { replayCapacity?: number } = {},
  ): Promise<CredentialVerifier> {
    return new CredentialVerifier(
      loadKey(jwk, `the ${audience} credential key`),
      audience,
      options.replayCapacity ?? DEFAULT_REPLAY_CAPACITY,
    );
  }

  /**
   * SUBGRAPH_KEY (the JWK itself) or SUBGRAPH_KEY_FILE: this subgraph's own key; the
   * demo key for `audience` otherwise. With NODE_ENV=production a demo key is refused
   * here, where every subgraph loads its key, unless ALLOW_DEMO_KEYS=1.
   */
  static async fromEnv(audience: string, env: NodeJS.ProcessEnv = process.env): Promise<CredentialVerifier> {
    const { value, from } = readJson(env, 'SUBGRAPH_KEY', devSubgraphKeyFile(audience));
    const verifier = await CredentialVerifier.fromJwk(value as Record<string, unknown>, audience);
    refuseDemoKeys(audience, [verifier.keyInUse(from)], env);
    return verifier;
  }

  keyInUse(from = 'SUBGRAPH_KEY_FILE'): KeyInUse {
    return { role: `its credential key (${from})`, fingerprint: this.key.fingerprint };
  }

  /** The claims of a credential whose tag and registered claims hold at `nowSeconds`. */
  private verifiedClaims(token: string, nowSeconds: number): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const [header, payload, signature] = parts as [string, string, string];
    // The signer writes one header per key; comparing its bytes refuses every other alg,
    // kid, crit or embedded key before anything is decoded.
    if (header !== this.key.header) throw invalid();
    if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) throw invalid();
    const given = Buffer.from(signature, 'base64url');
    const expected = tag(this.key.key, `${header}.${payload}`);
    // Constant time: an early exit on the first wrong byte would let a caller find a
    // valid tag byte by byte from response times.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
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

  /** `headers`: the request's, for the ones the credential covers (BoundHeaders). */
  async verify(
    token: string | undefined,
    body: string,
    headers: BoundHeaders = {},
  ): Promise<VerifiedCredential> {
    if (!token) throw new CredentialError('missing gateway credential');
    if (token.length > 64_000) throw new CredentialError('gateway credential too large');
    let payload: Record<string, unknown>;
    try {
      payload = this.verifiedClaims(token, Math.floor(Date.now() / 1000));
    } catch {
      throw new CredentialError('invalid gateway credential');
    }
    if (payload.bh !== bodyHash(body) || payload.tp !== headers.traceparent)
      throw new CredentialError('gateway credential does not match the request');
    const claim = this.replay.claim(payload.jti as string, (payload.exp as number) * 1000, Date.now());
    if (claim === 'replayed') throw new CredentialError('gateway credential already used');
    if (claim === 'full') throw new CredentialError('too many gateway credentials in flight');
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

  /** Credential ids held against replay (tests: the cache stays bounded). */
  get replayEntries(): number {
    return this.replay.size;
  }
}
