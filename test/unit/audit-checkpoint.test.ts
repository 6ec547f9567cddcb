/** Checkpoint keys and signatures; where checkpoints go by default. */
import fs from 'node:fs';
import {
  CheckpointSigner,
  CheckpointVerifier,
  checkpointConfigFromEnv,
  DEMO_CHECKPOINT_KEY_FINGERPRINT,
  DEV_CHECKPOINT_PRIVATE_KEY_FILE,
  DEV_CHECKPOINT_PUBLIC_KEY_FILE,
  okpFingerprint,
} from '../../gateway/audit/checkpoint';

it('the exported demo fingerprint is the committed key pair’s (RFC 7638), public and private alike', () => {
  const pub = JSON.parse(fs.readFileSync(DEV_CHECKPOINT_PUBLIC_KEY_FILE, 'utf8')) as Record<string, unknown>;
  const priv = JSON.parse(fs.readFileSync(DEV_CHECKPOINT_PRIVATE_KEY_FILE, 'utf8')) as Record<
    string,
    unknown
  >;
  expect(okpFingerprint(pub)).toBe(DEMO_CHECKPOINT_KEY_FINGERPRINT);
  expect(okpFingerprint(priv)).toBe(DEMO_CHECKPOINT_KEY_FINGERPRINT);
  expect(CheckpointSigner.fromFile(DEV_CHECKPOINT_PRIVATE_KEY_FILE).isDemoKey).toBe(true);
});

it('a checkpoint verifies with the public key, and not once any part of it changes', () => {
  const signer = CheckpointSigner.fromFile(DEV_CHECKPOINT_PRIVATE_KEY_FILE);
  const verifier = CheckpointVerifier.fromFile(DEV_CHECKPOINT_PUBLIC_KEY_FILE);
  const c = signer.checkpoint(42, 'a'.repeat(64), new Date('2026-11-22T10:00:00.000Z'));
  expect(verifier.valid(c)).toBe(true);
  expect(verifier.valid({ ...c, seq: 43 })).toBe(false);
  expect(verifier.valid({ ...c, hash: 'b'.repeat(64) })).toBe(false);
  expect(verifier.valid({ ...c, at: '2026-11-23T10:00:00.000Z' })).toBe(false);
  expect(verifier.valid({ ...c, sig: c.sig.slice(0, -2) + 'AA' })).toBe(false);
});

it('checkpoints go to DATA_DIR by default; none for data in memory or under a test runner, unless named', () => {
  expect(checkpointConfigFromEnv({ DATA_DIR: '/srv/juso' }).file).toBe('/srv/juso/audit-checkpoints.jsonl');
  expect(checkpointConfigFromEnv({ DATA_DIR: 'memory' }).file).toBeNull();
  expect(checkpointConfigFromEnv({ NODE_ENV: 'test' }).file).toBeNull();
  expect(checkpointConfigFromEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_FILE: '/x/c.jsonl' }).file).toBe(
    '/x/c.jsonl',
  );
  expect(checkpointConfigFromEnv({ AUDIT_CHECKPOINT_FILE: 'off' }).file).toBeNull();
  expect(checkpointConfigFromEnv({ AUDIT_CHECKPOINT_KEY_FILE: '/k.jwk' }).privateKeyFile).toBe('/k.jwk');
});
