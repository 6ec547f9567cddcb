/**
 * Backup and restore of the embedded stores (docs/STORAGE.md). A backup folder has the
 * layout of a DATA_DIR (`<service>/store.sqlite` each) plus `manifest.json`, so it can
 * also be opened as one (`DATA_DIR=<backup> npm start`, or the copy command's source).
 *
 * Backup runs while the services run: `VACUUM INTO` reads one consistent snapshot of each
 * database (WAL: writers are not blocked) and writes a compact copy. Restore refuses a
 * store that a running process has open, and writes through SQLite's backup API, so even
 * a process that starts meanwhile sees the old database or the new one, never a mix.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JOURNAL_FILE } from './journal';
import { BUSY_TIMEOUT_MS, STORE_FILE } from './sqlite';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'juso-store-backup/1';

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  sqlite: string;
  from: string;
  services: {
    service: string;
    /** Relative to the backup folder. */
    file: string;
    bytes: number;
    sha256: string;
    /** Documents per collection, as read from the copy. */
    collections: Record<string, number>;
  }[];
}

function sha256(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Documents per collection of a database file. */
export function collectionCounts(db: Database.Database): Record<string, number> {
  const names = db.prepare('SELECT name FROM _collections ORDER BY name').pluck().all() as string[];
  return Object.fromEntries(
    names.map((name) => [
      name,
      db
        .prepare(`SELECT count(*) FROM "${`c:${name}`.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/** The services with an embedded store in a data folder (sub-folders holding store.sqlite). */
export function servicesIn(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dataDir, e.name, STORE_FILE)))
    .map((e) => e.name)
    .sort();
}

export function backup(dataDir: string, folder: string): BackupManifest {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0)
    throw new Error(`${folder} is not empty: a backup goes into a new or empty folder`);
  const unmigrated = fs.existsSync(dataDir)
    ? fs
        .readdirSync(dataDir)
        .filter((name) => fs.existsSync(path.join(dataDir, name, JOURNAL_FILE)))
        .filter((name) => !fs.existsSync(path.join(dataDir, name, STORE_FILE)))
    : [];
  if (unmigrated.length)
    throw new Error(
      `${unmigrated.join(', ')} still hold the old journal format (${JOURNAL_FILE}): start the services ` +
        `once (or any command on them) to migrate it, then back up`,
    );
  const services = servicesIn(dataDir);
  if (services.length === 0)
    throw new Error(`no embedded store in ${dataDir} (one <service>/${STORE_FILE} each)`);
  fs.mkdirSync(folder, { recursive: true });
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    sqlite: '',
    from: path.resolve(dataDir),
    services: [],
  };
  for (const service of services) {
    const target = path.join(folder, service, STORE_FILE);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const source = new Database(path.join(dataDir, service, STORE_FILE), {
      fileMustExist: true,
      timeout: BUSY_TIMEOUT_MS,
    });
    try {
      manifest.sqlite = source.prepare('SELECT sqlite_version()').pluck().get() as string;
      // One read transaction: a consistent snapshot while the services go on writing.
      source.prepare('VACUUM INTO ?').run(target);
    } finally {
      source.close();
    }
    fsyncPath(target);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    let collections: Record<string, number>;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new Error(`the copy of ${service} fails SQLite's integrity check: ${String(check)}`);
      collections = collectionCounts(copy);
    } finally {
      copy.close();
    }
    manifest.services.push({
      service,
      file: path.join(service, STORE_FILE),
      bytes: fs.statSync(target).size,
      sha256: sha256(target),
      collections,
    });
  }
  // Written last: a folder without a manifest is an unfinished backup.
  const file = path.join(folder, MANIFEST_FILE);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  fsyncPath(file);
  fsyncPath(folder);
  return manifest;
}

export function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`${folder} has no ${MANIFEST_FILE}: not a (finished) backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== FORMAT)
    throw new Error(`${file}: unknown backup format ${String(manifest.format)}`);
  return manifest;
}

/**
 * Whether another process has this database open. An open WAL connection holds a shared
 * lock on the WAL index; leaving WAL mode needs every other connection closed, so it is
 * refused (SQLITE_BUSY) exactly when the store is in use. The database stays unchanged
 * otherwise: the next open switches it back to WAL.
 */
export function inUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { timeout: 200 });
  try {
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  restored: string[];
  /** Services of the data folder that the backup does not hold: left as they are. */
  untouched: string[];
  /** The databases replaced, kept next to them. */
  keptAside: string[];
}

/** Brings a backup back into a data folder. The services must be stopped. */
export async function restore(folder: string, dataDir: string): Promise<RestoreResult> {
  const manifest = readManifest(folder);
  // Everything is checked before anything is replaced.
  for (const s of manifest.services) {
    const file = path.join(folder, s.file);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing from the backup`);
    if (sha256(file) !== s.sha256) throw new Error(`${file} does not match the manifest's checksum`);
  }
  const busy = manifest.services
    .filter((s) => inUse(path.join(dataDir, s.service, STORE_FILE)))
    .map((s) => s.service);
  if (busy.length)
    throw new Error(
      `${busy.join(', ')} ${busy.length > 1 ? 'are' : 'is'} in use by a running process: stop the services ` +
        `(Ctrl-C on npm start) and any import or seed, then restore. Nothing was changed.`,
    );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const result: RestoreResult = { restored: [], untouched: [], keptAside: [] };
  for (const s of manifest.services) {
    const target = path.join(dataDir, s.service, STORE_FILE);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.existsSync(target)) {
      // The database being replaced is kept, compacted, next to it: a restore is undoable.
      const aside = `${target}.before-restore-${stamp}`;
      const old = new Database(target, { timeout: BUSY_TIMEOUT_MS });
      try {
        old.prepare('VACUUM INTO ?').run(aside);
      } finally {
        old.close();
      }
      result.keptAside.push(aside);
    }
    const source = new Database(path.join(folder, s.file), { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    const restored = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const counts = collectionCounts(restored);
      if (JSON.stringify(counts) !== JSON.stringify(s.collections))
        throw new Error(`${s.service}: the restored database does not hold what the manifest lists`);
    } finally {
      restored.close();
    }
    result.restored.push(s.service);
  }
  const inBackup = new Set(manifest.services.map((s) => s.service));
  result.untouched = servicesIn(dataDir).filter((s) => !inBackup.has(s));
  return result;
}
