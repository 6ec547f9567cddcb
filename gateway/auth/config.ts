/**
 * How the gateway authenticates staff, from the environment. Normalised once at
 * start; a bad setting stops the gateway with a clear message rather than weakening
 * a check.
 *
 * | variable                 | default                                  |
 * |--------------------------|------------------------------------------|
 * | AUTH_JWKS_URL            | (unset: use AUTH_JWKS_FILE)              |
 * | AUTH_JWKS_FILE           | dev/idp/jwks.json (the demo town's IdP)  |
 * | AUTH_ISSUER              | https://idp.sakura-town.example/dev      |
 * | AUTH_AUDIENCE            | juso-gateway                             |
 * | AUTH_ALGORITHMS          | ES256,RS256,PS256,EdDSA                  |
 * | AUTH_CLOCK_TOLERANCE_S   | 30 (at most 300)                         |
 * | AUTH_MAX_TOKEN_BYTES     | 4096 (at most 16384)                     |
 * | AUTH_AGENCY_CLAIM        | agency                                   |
 *
 * With NODE_ENV=production the demo IdP's key (dev/idp/) is never trusted, whichever
 * file or URL serves it, unless ALLOW_DEMO_KEYS=1 (shared/auth/demo-keys.ts).
 */
import { DEV_IDP_AUDIENCE, DEV_IDP_ISSUER, DEV_IDP_JWKS_FILE } from '../../town/dev-idp';

/** Asymmetric algorithms only: a shared secret would let any verifier mint tokens. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export interface AuthConfig {
  jwks: { kind: 'file'; path: string } | { kind: 'url'; url: URL };
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  maxTokenBytes: number;
  agencyClaim: string;
  /** Drop the committed demo keys from the key set (production without ALLOW_DEMO_KEYS=1). */
  refuseDemoKeys?: boolean;
}

export class AuthConfigError extends Error {}

function boundedInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new AuthConfigError(`${name} must be 0–${max}`);
  return value;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const algorithms = (env.AUTH_ALGORITHMS ?? 'ES256,RS256,PS256,EdDSA').split(',').map((a) => a.trim());
  for (const alg of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg))
      throw new AuthConfigError(`AUTH_ALGORITHMS: ${alg} is not an asymmetric algorithm we accept`);
  }
  let jwks: AuthConfig['jwks'];
  if (env.AUTH_JWKS_URL) {
    const url = new URL(env.AUTH_JWKS_URL);
    if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
      throw new AuthConfigError('AUTH_JWKS_URL must use https');
    jwks = { kind: 'url', url };
  } else {
    jwks = { kind: 'file', path: env.AUTH_JWKS_FILE ?? DEV_IDP_JWKS_FILE };
  }
  return {
    jwks,
    issuer: env.AUTH_ISSUER ?? DEV_IDP_ISSUER,
    audience: env.AUTH_AUDIENCE ?? DEV_IDP_AUDIENCE,
    algorithms,
    clockToleranceSeconds: boundedInt(env, 'AUTH_CLOCK_TOLERANCE_S', 30, 300),
    maxTokenBytes: boundedInt(env, 'AUTH_MAX_TOKEN_BYTES', 4096, 16384),
    agencyClaim: env.AUTH_AGENCY_CLAIM ?? 'agency',
    refuseDemoKeys: env.NODE_ENV === 'production' && env.ALLOW_DEMO_KEYS !== '1',
  };
}
