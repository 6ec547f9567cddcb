/**
 * Who the caller is (authentication), kept apart from what they may do (the decision
 * in shared/access). Verifies the staff JWT with jose against the configured JWKS:
 * allowlisted asymmetric algorithms, issuer, audience, required `exp`, bounded clock
 * tolerance, a cap on size; keys chosen by `kid`, so the IdP can rotate them.
 */
import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { Agency } from '../../shared/domain';
import type { Principal } from '../../shared/access/facts';
import type { KeyInUse } from '../../shared/auth/demo-keys';
import { DEMO_KEY_FINGERPRINTS, jwkFingerprint } from '../../shared/auth/demo-keys';
import { createLogger } from '../../shared/logger';
import type { AuthConfig } from './config';
import type { VerifyingKey } from './verified-tokens';
import { flattened, VerifiedTokens } from './verified-tokens';

const log = createLogger('auth');

/** Why a token was refused; logged, never sent to the client. */
export class AuthenticationError extends Error {}

const fingerprintOrNull = (jwk: unknown): string | null => {
  try {
    return jwkFingerprint(jwk as Record<string, unknown>);
  } catch {
    return null;
  }
};

/**
 * The key set less the committed demo keys. The start-up check refuses a JWKS file that
 * holds one; this also covers a file rotated to one later and a JWKS URL serving one.
 */
function withoutDemoKeys(jwks: JSONWebKeySet, from: string): JSONWebKeySet {
  const keys = jwks.keys.filter((k) => {
    const fp = fingerprintOrNull(k);
    const demo = fp ? DEMO_KEY_FINGERPRINTS.get(fp) : undefined;
    if (demo) log.error({ from, kid: k.kid, demo }, 'a demo key in the IdP key set is ignored in production');
    return !demo;
  });
  return { ...jwks, keys };
}

/** The IdP keys a JWKS file holds, for the gateway's start-up check (a URL is checked as fetched). */
export function jwksKeysInUse(config: AuthConfig): KeyInUse[] {
  if (config.jwks.kind !== 'file') return [];
  const jwks = JSON.parse(fs.readFileSync(config.jwks.path, 'utf8')) as JSONWebKeySet;
  return (jwks.keys ?? []).flatMap((k) => {
    const fingerprint = fingerprintOrNull(k);
    return fingerprint ? [{ role: `the IdP key ${k.kid ?? ''} (AUTH_JWKS_FILE)`, fingerprint }] : [];
  });
}

/** Re-reads a JWKS file when it changes, so keys rotate without a restart. */
function fileKeySet(path: string, refuseDemoKeys: boolean): JWTVerifyGetKey {
  let mtimeMs = -1;
  let keys: JWTVerifyGetKey | null = null;
  let checkedAt = 0;
  return (header, token) => {
    const now = Date.now();
    if (!keys || now - checkedAt > 1_000) {
      checkedAt = now;
      const stat = fs.statSync(path);
      if (stat.mtimeMs !== mtimeMs) {
        const jwks = JSON.parse(fs.readFileSync(path, 'utf8')) as JSONWebKeySet;
        keys = createLocalJWKSet(refuseDemoKeys ? withoutDemoKeys(jwks, path) : jwks);
        mtimeMs = stat.mtimeMs;
      }
    }
    return (keys as JWTVerifyGetKey)(header, token);
  };
}

/** fetch for the remote key set, answering its JWKS less any demo key. */
function demoKeyFreeFetch(url: URL): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!res.ok) return res;
    const jwks = (await res.json()) as JSONWebKeySet;
    return Response.json(withoutDemoKeys(jwks, url.href), { status: res.status });
  };
}

export class StaffAuthenticator {
  private readonly keys: JWTVerifyGetKey;
  /** Tokens verified lately, so a session's token is verified once, not per request. */
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly config: AuthConfig,
    private readonly agencies: readonly Agency[],
  ) {
    this.keys =
      config.jwks.kind === 'url'
        ? createRemoteJWKSet(config.jwks.url, {
            cooldownDuration: 30_000,
            timeoutDuration: 5_000,
            ...(config.refuseDemoKeys ? { [customFetch]: demoKeyFreeFetch(config.jwks.url) } : {}),
          })
        : fileKeySet(config.jwks.path, config.refuseDemoKeys === true);
  }

  /** The principal for an `Authorization: Bearer …` header; throws when it is not valid. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new AuthenticationError('no token');
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
    if (!match) throw new AuthenticationError('malformed authorization header');
    const token = match[1] as string;
    if (token.length > this.config.maxTokenBytes) throw new AuthenticationError('token too large');
    const known = await this.verified.recall(token, this.keys);
    if (known) return known;
    let verifiedWith: VerifyingKey | undefined;
    let payload, protectedHeader;
    try {
      ({ payload, protectedHeader } = await jwtVerify(
        token,
        async (header, input) => (verifiedWith = await this.keys(header, input)),
        {
          algorithms: this.config.algorithms,
          issuer: this.config.issuer,
          audience: this.config.audience,
          clockTolerance: this.config.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        },
      ));
    } catch (error) {
      throw new AuthenticationError(`token refused: ${(error as Error).message}`);
    }
    const agencyId = payload[this.config.agencyClaim];
    const agency = typeof agencyId === 'string' ? this.agencies.find((a) => a.id === agencyId) : undefined;
    if (!agency || !payload.sub) throw new AuthenticationError('token names no agency of this town');
    const principal = { staffId: payload.sub, agency };
    if (verifiedWith !== undefined && typeof payload.exp === 'number')
      this.verified.remember(token, {
        principal,
        header: protectedHeader,
        input: flattened(token),
        key: verifiedWith,
        exp: payload.exp,
      });
    return principal;
  }

  /** Like authenticate, but a refusal is logged and answered with null. */
  async principalOrNull(authorization: string | undefined): Promise<Principal | null> {
    try {
      return await this.authenticate(authorization);
    } catch (error) {
      log.info({ reason: (error as Error).message }, 'authentication refused');
      return null;
    }
  }
}
