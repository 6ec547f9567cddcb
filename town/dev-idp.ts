/**
 * The demo town's development identity provider: it signs staff tokens with the key
 * in dev/idp/, for the staff → agency registry of SCENARIOS.md. Tests, the dashboard's
 * demo sign-in and `npm run token` use it; a real town's IdP replaces it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import type { StaffMember } from './agencies';
import { DEMO_STAFF } from './agencies';

export const DEV_IDP_ISSUER = 'https://idp.sakura-town.example/dev';
export const DEV_IDP_AUDIENCE = 'juso-gateway';
export const DEV_IDP_JWKS_FILE = path.resolve(__dirname, '../dev/idp/jwks.json');
const PRIVATE_KEY_FILE = path.resolve(__dirname, '../dev/idp/private.jwk.json');

export interface MintOptions {
  /** Seconds until expiry (default 8 hours, a working day). */
  expiresInSeconds?: number;
  /** Extra or overriding claims (tests of hostile tokens). */
  claims?: Record<string, unknown>;
}

let keyPromise: Promise<{ key: Awaited<ReturnType<typeof importJWK>>; jwk: JWK }> | null = null;

function devKey() {
  keyPromise ??= (async () => {
    const jwk = JSON.parse(fs.readFileSync(PRIVATE_KEY_FILE, 'utf8')) as JWK;
    return { key: await importJWK(jwk, jwk.alg ?? 'ES256'), jwk };
  })();
  return keyPromise;
}

/** `registry`: the demo town's staff, or more (the staff of a silo a test declares). */
export async function mintDevToken(
  staffId: string,
  options: MintOptions = {},
  registry: readonly StaffMember[] = DEMO_STAFF,
): Promise<string> {
  const staff = registry.find((s) => s.id === staffId);
  if (!staff)
    throw new Error(`unknown staff id ${staffId}; the demo town has ${registry.map((s) => s.id).join(', ')}`);
  const { key, jwk } = await devKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ agency: staff.agencyId, name: staff.name, ...options.claims })
    .setProtectedHeader({ alg: jwk.alg ?? 'ES256', kid: jwk.kid ?? 'dev', typ: 'JWT' })
    .setIssuer(DEV_IDP_ISSUER)
    .setAudience(DEV_IDP_AUDIENCE)
    .setSubject(staff.id)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 8 * 3600))
    .sign(key);
}
