/**
 * `npm run keys -- <folder>`: a deployment's own keys, in place of the public demo keys
 * in dev/ (which a production start refuses). Writes, readable by the owner only:
 *
 *   <folder>/gateway/subgraph-keys.json   all five subgraph credential keys → GATEWAY_SUBGRAPH_KEYS_FILE (gateway)
 *   <folder>/subgraphs/<name>.jwk.json    one subgraph's own key           → SUBGRAPH_KEY_FILE (that subgraph only)
 *   <folder>/idp/private.jwk.json         an ES256 IdP signing key, for a town without an IdP yet or for tests
 *   <folder>/idp/jwks.json                its public JWKS                  → AUTH_JWKS_FILE (gateway)
 *   <folder>/audit/checkpoint.private.jwk.json  the audit log's checkpoint signing key (Ed25519) → AUDIT_CHECKPOINT_KEY_FILE
 *   <folder>/audit/checkpoint.public.jwk.json   its public key, for `verify`               → AUDIT_CHECKPOINT_PUBLIC_KEY_FILE
 *
 * Each subgraph key is its own 32 random bytes (HMAC-SHA256): a subgraph given only its
 * own file cannot make a credential another subgraph accepts. Nothing is overwritten:
 * the folder must not exist or be empty.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SERVICES } from '../shared/domain';
import type { SubgraphKeyJwk, SubgraphKeySet } from '../shared/auth/gateway-credential';

export interface GeneratedKeys {
  folder: string;
  /** GATEWAY_SUBGRAPH_KEYS_FILE */
  gatewayKeysFile: string;
  /** SUBGRAPH_KEY_FILE per subgraph */
  subgraphKeyFiles: Record<(typeof SERVICES)[number], string>;
  /** AUTH_JWKS_FILE */
  idpJwksFile: string;
  idpPrivateKeyFile: string;
  auditCheckpointPrivateKeyFile: string;
  auditCheckpointPublicKeyFile: string;
}

function write(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': never replace an existing key file.
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

export function generateKeys(folder: string, now = new Date()): GeneratedKeys {
  const dir = path.resolve(folder);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: keys are never overwritten; choose a new folder`);
  const stamp = now.toISOString().slice(0, 10);

  const set: SubgraphKeySet = {};
  const subgraphKeyFiles = {} as GeneratedKeys['subgraphKeyFiles'];
  for (const name of SERVICES) {
    const jwk: SubgraphKeyJwk = {
      kty: 'oct',
      kid: `${name}-${stamp}`,
      alg: 'HS256',
      k: randomBytes(32).toString('base64url'),
    };
    set[name] = jwk;
    subgraphKeyFiles[name] = path.join(dir, 'subgraphs', `${name}.jwk.json`);
    write(subgraphKeyFiles[name], jwk);
  }
  const gatewayKeysFile = path.join(dir, 'gateway', 'subgraph-keys.json');
  write(gatewayKeysFile, set);

  const idp = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const idpKid = `idp-${stamp}`;
  const idpPrivateKeyFile = path.join(dir, 'idp', 'private.jwk.json');
  const idpJwksFile = path.join(dir, 'idp', 'jwks.json');
  const idpPublic: JsonWebKey = idp.publicKey.export({ format: 'jwk' });
  write(idpPrivateKeyFile, {
    ...idp.privateKey.export({ format: 'jwk' }),
    kid: idpKid,
    alg: 'ES256',
    use: 'sig',
  });
  write(idpJwksFile, { keys: [{ ...idpPublic, kid: idpKid, alg: 'ES256', use: 'sig' }] });

  const audit = generateKeyPairSync('ed25519');
  const auditKid = `audit-checkpoint-${stamp}`;
  const auditCheckpointPrivateKeyFile = path.join(dir, 'audit', 'checkpoint.private.jwk.json');
  const auditCheckpointPublicKeyFile = path.join(dir, 'audit', 'checkpoint.public.jwk.json');
  write(auditCheckpointPrivateKeyFile, {
    ...audit.privateKey.export({ format: 'jwk' }),
    kid: auditKid,
    alg: 'EdDSA',
    use: 'sig',
  });
  write(auditCheckpointPublicKeyFile, {
    ...audit.publicKey.export({ format: 'jwk' }),
    kid: auditKid,
    alg: 'EdDSA',
    use: 'sig',
  });

  return {
    folder: dir,
    gatewayKeysFile,
    subgraphKeyFiles,
    idpJwksFile,
    idpPrivateKeyFile,
    auditCheckpointPrivateKeyFile,
    auditCheckpointPublicKeyFile,
  };
}

function main(): void {
  const folder = process.argv[2];
  if (!folder || folder.startsWith('-')) {
    console.error('usage: npm run keys -- <folder>   (a new or empty folder, outside the repository)');
    process.exit(2);
  }
  const keys = generateKeys(folder);
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  console.log(`Keys written to ${rel(keys.folder)} (owner-readable only). Give each process only its own:

  gateway:   GATEWAY_SUBGRAPH_KEYS_FILE=${rel(keys.gatewayKeysFile)}
             AUTH_JWKS_URL=<the town's IdP JWKS>  (or AUTH_JWKS_FILE=${rel(keys.idpJwksFile)} with AUTH_ISSUER, AUTH_AUDIENCE)
${SERVICES.map((s) => `  ${`${s}:`.padEnd(10)} SUBGRAPH_KEY_FILE=${rel(keys.subgraphKeyFiles[s])}`).join('\n')}
             AUDIT_CHECKPOINT_KEY_FILE=${rel(keys.auditCheckpointPrivateKeyFile)}
             AUDIT_CHECKPOINT_PUBLIC_KEY_FILE=${rel(keys.auditCheckpointPublicKeyFile)}

Subgraph traffic must go over TLS or a private network: the credential authenticates a
request, it does not encrypt it.`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
