/**
 * The keys committed in dev/ are public: anyone who has read the repository can sign
 * staff tokens with the demo IdP's key and mint subgraph credentials with the demo
 * gateway keys. A process started with NODE_ENV=production refuses to run with any of
 * them, recognised by fingerprint (so a copy under another name or path is caught too),
 * unless ALLOW_DEMO_KEYS=1 says the demo town is meant, which is logged loudly and shown
 * on the dashboard.
 *
 * The fingerprints are written out here rather than computed from dev/ at start: a
 * deployment that replaced the files in dev/ with its own keys must not be refused, and a
 * deployment that still runs the committed ones must be. test/security/demo-keys.test.ts
 * checks that the list matches the files in dev/.
 */
import { createHash } from 'node:crypto';
import { createLogger } from '../logger';

/** RFC 7638 thumbprint (SHA-256, base64url) of a JWK: the same for its public and private forms. */
export function jwkFingerprint(jwk: Readonly<Record<string, unknown>>): string {
  const members: Record<string, readonly string[]> = {
    EC: ['crv', 'kty', 'x', 'y'],
    OKP: ['crv', 'kty', 'x'],
    RSA: ['e', 'kty', 'n'],
    oct: ['k', 'kty'],
  };
  const kty = jwk.kty;
  const required = typeof kty === 'string' ? members[kty] : undefined;
  if (!required) throw new Error(`cannot fingerprint a JWK of kty ${String(kty)}`);
  const canonical: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof jwk[name] !== 'string') throw new Error(`JWK (${String(kty)}) without "${name}"`);
    canonical[name] = jwk[name];
  }
  // Lexicographic member order, no whitespace: JSON.stringify keeps insertion order.
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

/** Fingerprint → which committed key it is. */
export const DEMO_KEY_FINGERPRINTS: ReadonlyMap<string, string> = new Map([
  ['oP3kg3-EmMkpjYDZncUUVOnPbF7LkpFN2fjNiU67Qns', 'dev/idp: the demo IdP signing key (sakura-dev-idp-2026)'],
  ['0185DVu2qYckKiaQkdV9kQeusgrDV_oLQM3ddn0ry6c', 'dev/gateway-keys: the demo juso credential key'],
  ['xmEui7foui-r-rde626y6pOI6YlA818GlLL-el-Yasw', 'dev/gateway-keys: the demo kaigo credential key'],
  ['I5R-glbag1fwGxI3zh4TMipe3O0wK3UAeuCPkKaJpZ4', 'dev/gateway-keys: the demo shogai credential key'],
  ['aLUvLPvvlOO1U1rLMLpMjZyz8xsTVk-5cwBuKu-Dbmk', 'dev/gateway-keys: the demo kodomo credential key'],
  ['m__L8QBaivB2Jf2o5JZbQBu4Ksqw8qQ7wWcWy6ff-AI', 'dev/gateway-keys: the demo konkyu credential key'],
  // The Ed25519 gateway key pair before the per-subgraph HMAC keys: an old checkout's
  // files copied into a deployment are just as public.
  ['FVL4QVeViX3OWeAOVYIQ4jozBeHCeatkqtL2HghPefw', 'dev/gateway-keys (old): the demo Ed25519 gateway key'],
  // The audit log's Ed25519 checkpoint key (dev/audit-keys/; gateway/audit/checkpoint.ts
  // exports the same value as DEMO_CHECKPOINT_KEY_FINGERPRINT). Written out here so this
  // module does not depend on the gateway's; the gateway's start-up check passes the
  // checkpoint key it signs with (gateway/server.ts).
  ['P4pWbKjs7AMoTODrilhlRsBKOyupiOzGviWnu4gkdeo', 'dev/audit-keys: the demo audit checkpoint key'],
]);

export interface KeyInUse {
  /** What the key is for and where it came from, for the message: "the IdP's keys (AUTH_JWKS_FILE)". */
  role: string;
  fingerprint: string;
}

export interface DemoKeyUse extends KeyInUse {
  demo: string;
}

/** The keys among `keys` that are committed demo keys. */
export function demoKeysAmong(keys: readonly KeyInUse[]): DemoKeyUse[] {
  const found: DemoKeyUse[] = [];
  for (const key of keys) {
    const demo = DEMO_KEY_FINGERPRINTS.get(key.fingerprint);
    if (demo) found.push({ ...key, demo });
  }
  return found;
}

export class DemoKeysError extends Error {}

export const GENERATE_KEYS_HINT =
  'Generate real keys with `npm run keys -- <folder>` and point GATEWAY_SUBGRAPH_KEYS_FILE (gateway), ' +
  'SUBGRAPH_KEY_FILE (each subgraph), AUDIT_CHECKPOINT_KEY_FILE (the audit log) and AUTH_JWKS_URL ' +
  'or AUTH_JWKS_FILE (the town’s IdP) at them; ' +
  'see README, Security.';

/**
 * Throws when NODE_ENV=production and any of `keys` is a demo key, unless
 * ALLOW_DEMO_KEYS=1; then it logs a warning that is hard to miss. Returns the demo keys
 * in use (empty outside production or with real keys).
 */
export function refuseDemoKeys(
  service: string,
  keys: readonly KeyInUse[],
  env: NodeJS.ProcessEnv = process.env,
): DemoKeyUse[] {
  const found = demoKeysAmong(keys);
  if (found.length === 0 || env.NODE_ENV !== 'production') return found;
  const list = found.map((k) => `${k.role} is ${k.demo}`).join('; ');
  if (env.ALLOW_DEMO_KEYS !== '1')
    throw new DemoKeysError(
      `${service}: refusing to start in production (NODE_ENV=production) with the demo keys committed in dev/, ` +
        `which are public (anyone can sign tokens and credentials with them): ${list}. ${GENERATE_KEYS_HINT} ` +
        `To run the demo town in production mode anyway, set ALLOW_DEMO_KEYS=1.`,
    );
  createLogger(service).warn(
    { demoKeys: found.map((k) => k.demo) },
    `!!! ${service} RUNS IN PRODUCTION WITH THE PUBLIC DEMO KEYS (ALLOW_DEMO_KEYS=1): ${list}. ` +
      `Anyone can sign tokens and credentials this service accepts. For the demo town only. !!!`,
  );
  return found;
}
