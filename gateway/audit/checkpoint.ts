/**
 * Signed checkpoints of the audit chain's head, kept outside the store: a hash chain
 * alone is evident only against naive edits (whoever can write the store can recompute
 * every hash after an edit, delete the last records, or drop the log). A checkpoint
 * `(seq, hash, at)` signed with an Ed25519 key the store never sees, appended to a file
 * of its own and printed in the log, pins the chain: `verify` then finds a rewritten
 * record (its checkpoint no longer matches), a truncation (a checkpoint beyond the end)
 * and a wiped log (checkpoints, no records).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const DEV_KEYS = path.resolve(__dirname, '../../dev/audit-keys');
export const DEV_CHECKPOINT_PRIVATE_KEY_FILE = path.join(DEV_KEYS, 'checkpoint.private.jwk.json');
export const DEV_CHECKPOINT_PUBLIC_KEY_FILE = path.join(DEV_KEYS, 'checkpoint.public.jwk.json');

/**
 * RFC 7638 thumbprint of the committed demo checkpoint key (dev/audit-keys/): public,
 * so a production start refuses it (shared/auth/demo-keys.ts lists it).
 * test/unit/audit-checkpoint.test.ts checks it against the file.
 */
export const DEMO_CHECKPOINT_KEY_FINGERPRINT = 'P4pWbKjs7AMoTODrilhlRsBKOyupiOzGviWnu4gkdeo';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Fingerprint of the signing key. */
  key: string;
  /** Ed25519 over `audit-checkpoint/1 <seq> <hash> <at>`, base64url. */
  sig: string;
}

export interface CheckpointConfig {
  /** The append-only file; null: checkpoints are printed in the log only. */
  file: string | null;
  /** The private key signs (the gateway, `archive`); verification needs only the public one. */
  privateKeyFile: string | null;
  publicKeyFile: string;
  /** A checkpoint after this many records … */
  everyRecords: number;
  /** … or this many minutes after the head moved (and once a day regardless). */
  everyMinutes: number;
}

type Jwk = Record<string, unknown>;

/** RFC 7638 thumbprint of an OKP (Ed25519) JWK: the same for its public and private forms. */
export function okpFingerprint(jwk: Jwk): string {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new Error('the audit checkpoint key must be an Ed25519 JWK (kty OKP, crv Ed25519)');
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');
}

const readJwk = (file: string): Jwk => JSON.parse(fs.readFileSync(file, 'utf8')) as Jwk;

/**
 * Where checkpoints go and which keys sign and verify them. AUDIT_CHECKPOINT_FILE
 * (`off` for none) defaults to `${DATA_DIR}/audit-checkpoints.jsonl`; a graph whose
 * data lives in memory (DATA_DIR=memory) or that runs under a test runner (NODE_ENV=test:
 * graphs that are reset between tests) has no file unless one is named.
 */
export function checkpointConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointConfig {
  const named = env.AUDIT_CHECKPOINT_FILE;
  const file =
    named === 'off'
      ? null
      : named
        ? path.resolve(named)
        : env.DATA_DIR === 'memory' || env.NODE_ENV === 'test'
          ? null
          : path.join(path.resolve(env.DATA_DIR ?? '.data'), 'audit-checkpoints.jsonl');
  return {
    file,
    privateKeyFile: env.AUDIT_CHECKPOINT_KEY_FILE ?? DEV_CHECKPOINT_PRIVATE_KEY_FILE,
    publicKeyFile: env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE ?? DEV_CHECKPOINT_PUBLIC_KEY_FILE,
    everyRecords: Math.max(1, Number(env.AUDIT_CHECKPOINT_EVERY ?? 1000) || 1000),
    everyMinutes: Math.max(1, Number(env.AUDIT_CHECKPOINT_MINUTES ?? 10) || 10),
  };
}

const message = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>) =>
  Buffer.from(`audit-checkpoint/1 ${c.seq} ${c.hash} ${c.at}`, 'utf8');

/** Signs checkpoints (and archive trailers) with the private key. */
export class CheckpointSigner {
  private constructor(
    private readonly key: KeyObject,
    readonly fingerprint: string,
  ) {}

  static fromFile(file: string): CheckpointSigner {
    const jwk = readJwk(file);
    const fingerprint = okpFingerprint(jwk);
    return new CheckpointSigner(createPrivateKey({ key: jwk, format: 'jwk' }), fingerprint);
  }

  get isDemoKey(): boolean {
    return this.fingerprint === DEMO_CHECKPOINT_KEY_FINGERPRINT;
  }

  checkpoint(seq: number, hash: string, at = new Date()): Checkpoint {
    const c = { seq, hash, at: at.toISOString() };
    return { ...c, key: this.fingerprint, sig: sign(null, message(c), this.key).toString('base64url') };
  }

  signBytes(data: Buffer): string {
    return sign(null, data, this.key).toString('base64url');
  }
}

/** Verifies checkpoints with the public key alone. */
export class CheckpointVerifier {
  private constructor(
    private readonly key: KeyObject,
    readonly fingerprint: string,
  ) {}

  static fromFile(file: string): CheckpointVerifier {
    const jwk = readJwk(file);
    const { d: _private, ...pub } = jwk;
    return new CheckpointVerifier(createPublicKey({ key: pub, format: 'jwk' }), okpFingerprint(jwk));
  }

  valid(c: Checkpoint): boolean {
    if (c.key !== this.fingerprint || typeof c.sig !== 'string') return false;
    try {
      return verify(null, message(c), this.key, Buffer.from(c.sig, 'base64url'));
    } catch {
      return false;
    }
  }

  validBytes(data: Buffer, sig: string): boolean {
    try {
      return verify(null, data, this.key, Buffer.from(sig, 'base64url'));
    } catch {
      return false;
    }
  }
}

/**
 * Appends one line and fsyncs it. One write() of one line on a file opened O_APPEND:
 * several gateways appending to the same file do not interleave within a line.
 */
export async function appendCheckpoint(file: string, c: Checkpoint): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'a', 0o640);
  try {
    await handle.write(JSON.stringify(c) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type CheckpointLine = { line: number; checkpoint: Checkpoint } | { line: number; error: string };

/** The checkpoints of a file, in file order; a missing file has none. */
export function readCheckpoints(file: string): CheckpointLine[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: CheckpointLine[] = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const c = JSON.parse(text) as Checkpoint;
      if (
        typeof c.seq !== 'number' ||
        typeof c.hash !== 'string' ||
        typeof c.at !== 'string' ||
        typeof c.sig !== 'string'
      )
        out.push({ line: i + 1, error: 'not a checkpoint' });
      else out.push({ line: i + 1, checkpoint: c });
    } catch {
      // A torn last line (a crash mid-append) is not a checkpoint, and not a forgery.
      if (i < lines.length - 2) out.push({ line: i + 1, error: 'not JSON' });
    }
  });
  return out;
}
