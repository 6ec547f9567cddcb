/**
 * Issue 12, leak 8: production trusted the public demo keys in dev/. A process started
 * with NODE_ENV=production now refuses them (by fingerprint) unless ALLOW_DEMO_KEYS=1,
 * which logs loudly and puts a banner on the dashboard; and a production gateway or
 * subgraph on real keys refuses whatever the demo keys sign.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { DEV_IDP_AUDIENCE, DEV_IDP_ISSUER, mintDevToken } from '../../town/dev-idp';
import { DEMO_KEY_FINGERPRINTS, DemoKeysError, jwkFingerprint } from '../../shared/auth/demo-keys';
import { CredentialSigner, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { CredentialSubject } from '../../shared/auth/gateway-credential';
import { startService } from '../../shared/http/service';
import { EmbeddedStore } from '../../shared/store';
import { authConfigFromEnv } from '../../gateway/auth/config';
import { DASHBOARD_CSP } from '../../gateway/dashboard';
import { createGatewayService } from '../../gateway/server';
import type { GeneratedKeys } from '../../scripts/keys';
import { generateKeys } from '../../scripts/keys';
import { recordAttack } from '../support/security-summary';

const ROOT = path.resolve(__dirname, '../..');
const BANNER = 'デモ用の鍵で動作中';
const subject: CredentialSubject = {
  staffId: 's-kodomo-01',
  agency: { id: 'kodomo-center', role: 'FIELD', field: 'KODOMO' },
  meetingId: null,
  requestId: 'attack',
};

let tmp: string;
let keys: GeneratedKeys;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-keys-'));
  keys = generateKeys(path.join(tmp, 'keys'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The environment of a production process: nothing of ours from the test runner's. */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(GATEWAY_|SUBGRAPH_KEY|AUTH_|ALLOW_DEMO_KEYS|AUDIT_|JEST_|MONGODB_)/.test(k)) env[k] = v;
  return {
    ...env,
    NODE_ENV: 'production',
    DATA_DIR: 'memory',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...extra,
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  output: () => string;
  exit: Promise<number | null>;
  stop: () => void;
}

/** Starts an entry point as `npm start` does (node --import tsx), collecting its output. */
function start(entry: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { output: () => out, exit, stop: () => child.kill('SIGTERM') };
}

/** The exit code, or 'running' if it is still up after `ms` (the timer does not hold jest open). */
function exitWithin(started: Started, ms: number): Promise<number | null | 'running'> {
  return Promise.race([
    started.exit,
    new Promise<'running'>((r) => setTimeout(() => r('running'), ms).unref()),
  ]);
}

async function waitHealthy(url: string, started: Started): Promise<void> {
  let exited = false;
  void started.exit.then(() => (exited = true));
  for (let i = 0; i < 300 && !exited; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy: ${started.output()}`);
}

describe('the demo keys are known by fingerprint', () => {
  const files = [
    'dev/idp/private.jwk.json',
    'dev/gateway-keys/juso.jwk.json',
    'dev/gateway-keys/kaigo.jwk.json',
    'dev/gateway-keys/shogai.jwk.json',
    'dev/gateway-keys/kodomo.jwk.json',
    'dev/gateway-keys/konkyu.jwk.json',
    ...(fs.existsSync(path.join(ROOT, 'dev/audit-keys/checkpoint.public.jwk.json'))
      ? ['dev/audit-keys/checkpoint.public.jwk.json']
      : []),
  ];
  it.each(files)('%s', (file) => {
    const jwk = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
    expect(DEMO_KEY_FINGERPRINTS.has(jwkFingerprint(jwk))).toBe(true);
  });

  it('the IdP JWKS and the gateway’s key set are the same keys', () => {
    const jwks = JSON.parse(fs.readFileSync(path.join(ROOT, 'dev/idp/jwks.json'), 'utf8')) as {
      keys: Record<string, unknown>[];
    };
    for (const k of jwks.keys) expect(DEMO_KEY_FINGERPRINTS.has(jwkFingerprint(k))).toBe(true);
    const set = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'dev/gateway-keys/subgraph-keys.json'), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    for (const k of Object.values(set)) expect(DEMO_KEY_FINGERPRINTS.has(jwkFingerprint(k))).toBe(true);
  });

  it('keys from `npm run keys` are not demo keys', () => {
    for (const file of [keys.gatewayKeysFile, keys.idpJwksFile, ...Object.values(keys.subgraphKeyFiles)]) {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const jwks =
        (value.keys as Record<string, unknown>[] | undefined) ?? (value.kty ? [value] : Object.values(value));
      for (const k of jwks as Record<string, unknown>[])
        expect(DEMO_KEY_FINGERPRINTS.has(jwkFingerprint(k))).toBe(false);
    }
    expect((fs.statSync(keys.gatewayKeysFile).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('a production start with the demo keys', () => {
  it('is refused for the gateway, saying how to generate real keys', async () => {
    const port = await freePort();
    const gw = start('gateway/index.ts', productionEnv({ PORT: String(port) }));
    const code = await exitWithin(gw, 25_000);
    if (code === 'running') gw.stop();
    recordAttack('production gateway on the demo keys', code === 'running' || code === 0);
    expect(code).toBe(1);
    expect(gw.output()).toContain('refusing to start in production');
    expect(gw.output()).toContain('npm run keys -- <folder>');
    expect(gw.output()).toContain('ALLOW_DEMO_KEYS=1');
  }, 40_000);

  it('is refused for a subgraph (kodomo), before it opens its store', async () => {
    const port = await freePort();
    const sg = start('subgraphs/kodomo/index.ts', productionEnv({ PORT: String(port), SEED: 'if-empty' }));
    const code = await exitWithin(sg, 25_000);
    if (code === 'running') sg.stop();
    recordAttack('production subgraph on the demo key', code === 'running' || code === 0);
    expect(code).toBe(1);
    expect(sg.output()).toContain('kodomo: refusing to start in production');
    expect(sg.output()).toContain('npm run keys -- <folder>');
    expect(sg.output()).not.toContain('loading the demo town');
  }, 40_000);

  it('is refused in process too, and a copy of the demo JWKS elsewhere is still the demo key', async () => {
    const copy = path.join(tmp, 'renamed-jwks.json');
    fs.copyFileSync(path.join(ROOT, 'dev/idp/jwks.json'), copy);
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(
        createGatewayService({
          production: true,
          auditStore: new EmbeddedStore(),
          signer: await CredentialSigner.fromEnv({ GATEWAY_SUBGRAPH_KEYS_FILE: keys.gatewayKeysFile }),
          auth: authConfigFromEnv({ NODE_ENV: 'production', AUTH_JWKS_FILE: copy }),
        }),
      ).rejects.toThrow(DemoKeysError);
      await expect(CredentialVerifier.fromEnv('kaigo', { NODE_ENV: 'production' })).rejects.toThrow(
        DemoKeysError,
      );
      // Real IdP and credential keys, but the audit log would sign its checkpoints with the demo key.
      process.env.AUDIT_CHECKPOINT_FILE = path.join(tmp, 'refused-checkpoints.jsonl');
      await expect(
        createGatewayService({
          production: true,
          auditStore: new EmbeddedStore(),
          signer: await CredentialSigner.fromEnv({ GATEWAY_SUBGRAPH_KEYS_FILE: keys.gatewayKeysFile }),
          auth: authConfigFromEnv({ NODE_ENV: 'production', AUTH_JWKS_FILE: keys.idpJwksFile }),
        }),
      ).rejects.toThrow('the audit checkpoint key (AUDIT_CHECKPOINT_KEY_FILE) is dev/audit-keys');
    } finally {
      process.env.NODE_ENV = before;
      delete process.env.AUDIT_CHECKPOINT_FILE;
    }
  });

  it('runs with ALLOW_DEMO_KEYS=1, warns loudly, and the dashboard shows the banner (strict CSP kept)', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const gw = start('gateway/index.ts', productionEnv({ PORT: String(port), ALLOW_DEMO_KEYS: '1' }));
    try {
      await waitHealthy(url, gw);
      const res = await fetch(`${url}/dashboard`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain(BANNER);
      expect(html).toContain('本番では使用しないでください');
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(gw.output()).toContain('RUNS IN PRODUCTION WITH THE PUBLIC DEMO KEYS');
    } finally {
      gw.stop();
      await gw.exit;
    }
    const sg = await CredentialVerifier.fromEnv('kodomo', { NODE_ENV: 'production', ALLOW_DEMO_KEYS: '1' });
    expect(sg).toBeInstanceOf(CredentialVerifier);
  }, 40_000);
});

describe('a production gateway and subgraph on real keys', () => {
  const before = process.env.NODE_ENV;
  let gatewayUrl: string;
  let stopGateway: () => Promise<void>;
  const saved = { file: process.env.AUDIT_CHECKPOINT_FILE, key: process.env.AUDIT_CHECKPOINT_KEY_FILE };
  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    // The audit log signs checkpoints in production: with the deployment's own key too.
    process.env.AUDIT_CHECKPOINT_FILE = path.join(tmp, 'checkpoints.jsonl');
    process.env.AUDIT_CHECKPOINT_KEY_FILE = keys.auditCheckpointPrivateKeyFile;
    const env = {
      NODE_ENV: 'production',
      GATEWAY_SUBGRAPH_KEYS_FILE: keys.gatewayKeysFile,
      AUTH_JWKS_FILE: keys.idpJwksFile,
    };
    const auditStore = new EmbeddedStore();
    const service = await createGatewayService({
      production: true,
      auditStore,
      signer: await CredentialSigner.fromEnv(env),
      auth: authConfigFromEnv(env),
      // `{ __typename }` is not one of the dashboard's trusted documents; authentication is what is tested.
      allowArbitraryOperations: true,
    });
    const running = await startService(service, 0);
    gatewayUrl = running.url;
    stopGateway = async () => {
      await running.stop();
      await auditStore.close();
    };
  });
  afterAll(async () => {
    await stopGateway();
    process.env.NODE_ENV = before;
    for (const [name, value] of [
      ['AUDIT_CHECKPOINT_FILE', saved.file],
      ['AUDIT_CHECKPOINT_KEY_FILE', saved.key],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  const ask = async (token: string) =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('refuses a token signed with the demo IdP key, accepts one from its own IdP', async () => {
    const demo = await ask(await mintDevToken('s-kodomo-01'));
    recordAttack('demo-IdP token against a production gateway on real keys', demo.status !== 401);
    expect(demo.status).toBe(401);
    const jwk = JSON.parse(fs.readFileSync(keys.idpPrivateKeyFile, 'utf8')) as JWK;
    const real = await new SignJWT({ agency: 'kodomo-center' })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
      .setIssuer(DEV_IDP_ISSUER)
      .setAudience(DEV_IDP_AUDIENCE)
      .setSubject('s-kodomo-01')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(jwk, 'ES256'));
    expect((await ask(real)).status).toBe(200);
  });

  it('shows no demo-key banner', async () => {
    expect(await (await fetch(gatewayUrl.replace(/\/graphql$/, '/dashboard'))).text()).not.toContain(BANNER);
  });

  it('a subgraph on its real key refuses a credential made with the demo keys', async () => {
    const kodomo = await CredentialVerifier.fromEnv('kodomo', {
      NODE_ENV: 'production',
      SUBGRAPH_KEY_FILE: keys.subgraphKeyFiles.kodomo,
    });
    const demoSigner = await CredentialSigner.fromEnv({});
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const forged = await demoSigner.sign('kodomo', subject, body, { 'P-501': { ADDRESS: 'ALLOW' } });
    let refused = false;
    await kodomo.verify(forged, body).catch(() => (refused = true));
    recordAttack('demo-key credential against a production subgraph on its real key', !refused);
    expect(refused).toBe(true);
    const realSigner = await CredentialSigner.fromEnv({ GATEWAY_SUBGRAPH_KEYS_FILE: keys.gatewayKeysFile });
    await expect(kodomo.verify(await realSigner.sign('kodomo', subject, body), body)).resolves.toBeDefined();
  });

  it('a JWKS that also serves the demo key is refused at start, and its demo key is ignored if it appears later', async () => {
    const mixed = path.join(tmp, 'mixed-jwks.json');
    const realJwks = JSON.parse(fs.readFileSync(keys.idpJwksFile, 'utf8')) as { keys: unknown[] };
    const demoJwks = JSON.parse(fs.readFileSync(path.join(ROOT, 'dev/idp/jwks.json'), 'utf8')) as {
      keys: unknown[];
    };
    fs.writeFileSync(mixed, JSON.stringify({ keys: [...realJwks.keys, ...demoJwks.keys] }));
    const env = { NODE_ENV: 'production', AUTH_JWKS_FILE: mixed };
    await expect(
      createGatewayService({
        production: true,
        auditStore: new EmbeddedStore(),
        signer: await CredentialSigner.fromEnv({ GATEWAY_SUBGRAPH_KEYS_FILE: keys.gatewayKeysFile }),
        auth: authConfigFromEnv(env),
      }),
    ).rejects.toThrow(DemoKeysError);
    // Rotated in after the start: the file is re-read, the demo key left out.
    const { StaffAuthenticator } = await import('../../gateway/auth/authenticate');
    const { DEMO_AGENCIES } = await import('../../town/agencies');
    const auth = new StaffAuthenticator(authConfigFromEnv(env), DEMO_AGENCIES);
    expect(await auth.principalOrNull(`Bearer ${await mintDevToken('s-kodomo-01')}`)).toBeNull();
  });
});

it('a random key is no demo key (sanity of the fingerprint)', () => {
  const k = { kty: 'oct', k: crypto.randomBytes(32).toString('base64url') };
  expect(DEMO_KEY_FINGERPRINTS.has(jwkFingerprint(k))).toBe(false);
});
