/**
 * `npm run backup`, `npm run restore` and `npm run copy-store` on the embedded store, as
 * an operator runs them (the scripts under tsx, DATA_DIR set): a backup taken while the
 * store is open and written to, a restore that brings the same household back (refused
 * while the store is in use), and a copy of every collection with its indexes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../shared/store';
import type { BackupManifest } from '../../shared/store/backup';
import { seedJuso } from '../../subgraphs/juso/seed';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let work: string;
let dataDir: string;

async function cli(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const open = (service: string, root = dataDir) => new EmbeddedStore({ dataDir: path.join(root, service) });

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-backup-'));
  dataDir = path.join(work, 'data');
  const juso = open('juso');
  await seedJuso(juso, { syntheticResidents: 50 });
  await juso.close();
  const audit = open('audit');
  await audit.collection('audit_log').createIndexes([{ keys: ['seq'], unique: true }]);
  await audit.collection('audit_log').insertMany([1, 2, 3].map((seq) => ({ _id: String(seq), seq })));
  await audit.close();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('backs up while the store is open and written to, and restores the same household', async () => {
    const live = open('juso');
    const households = live.collection('households');
    const original = await households.findOne({ _id: 'H-DOUBLE' });
    expect(original).not.toBeNull();

    // A writer holds the store open throughout the backup (the services keep running).
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        await live.collection('scratch').insertOne({ _id: `w${i}` });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const folder = path.join(work, 'backup-1');
    const backedUp = await cli('backup.ts', [folder]);
    writing = false;
    await writes;
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    expect(manifest.services.map((s) => s.service)).toEqual(['audit', 'juso']);
    expect(manifest.services.find((s) => s.service === 'audit')?.collections).toEqual({ audit_log: 3 });
    expect(manifest.services.find((s) => s.service === 'juso')?.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The household changes after the backup.
    await households.updateOne({ _id: 'H-DOUBLE' }, { $set: { memberIds: [] } });
    await households.deleteMany({ _id: { $ne: 'H-DOUBLE' } });

    // Refused while a process has the store open; nothing changes.
    const refused = await cli('restore.ts', [folder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /juso is in use by a running process: stop the services.*Nothing was changed/,
    );
    expect((await households.findOne({ _id: 'H-DOUBLE' }))?.memberIds).toEqual([]);
    await live.close();

    const restored = await cli('restore.ts', [folder]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored audit, juso into/);
    expect(
      fs.readdirSync(path.join(dataDir, 'juso')).some((f) => f.startsWith('store.sqlite.before-restore-')),
    ).toBe(true);
    const reopened = open('juso');
    expect(await reopened.collection('households').findOne({ _id: 'H-DOUBLE' })).toEqual(original);
    expect(await reopened.collection('households').countDocuments({})).toBe(
      manifest.services.find((s) => s.service === 'juso')?.collections.households,
    );
    // The restored stores take writes and keep their indexes.
    await reopened
      .collection('households')
      .updateOne({ _id: 'H-DOUBLE' }, { $set: { note: 'after restore' } });
    await reopened.close();
    const audit = open('audit');
    expect(audit.explain('audit_log', { seq: { $gt: 1 } }).join()).toMatch(
      /SEARCH i USING PRIMARY KEY \(t0=\? AND v0>\?\)/,
    );
    await expect(audit.collection('audit_log').insertOne({ _id: 'x', seq: 3 })).rejects.toThrow(
      /duplicate key/,
    );
    await audit.close();
  }, 90_000);

  it('refuses a damaged backup before touching anything', async () => {
    const folder = path.join(work, 'backup-2');
    expect((await cli('backup.ts', [folder])).code).toBe(0);
    fs.appendFileSync(path.join(folder, 'audit', 'store.sqlite'), 'x');
    const refused = await cli('restore.ts', [folder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not match the manifest's checksum/);
    expect((await cli('backup.ts', [folder])).stderr).toMatch(/is not empty/);
  }, 60_000);
});

describe('copy-store', () => {
  it('copies every collection of every service with its indexes, and refuses a target with documents', async () => {
    const target = path.join(work, 'copy');
    const copied = await cli('copy-store.ts', ['--to', target]);
    expect(copied.stderr).toBe('');
    expect(copied.stdout).toMatch(/copied 2 services/);
    for (const service of ['juso', 'audit']) {
      const a = open(service);
      const b = open(service, target);
      expect(b.collectionNames()).toEqual(a.collectionNames());
      for (const name of a.collectionNames()) {
        expect(b.indexSpecs(name)).toEqual(a.indexSpecs(name));
        expect(await b.collection(name).find({}, { sort: { _id: 1 } })).toEqual(
          await a.collection(name).find({}, { sort: { _id: 1 } }),
        );
      }
      await a.close();
      await b.close();
    }
    const again = await cli('copy-store.ts', ['--to', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds \d+ documents: nothing was copied/);
    expect((await cli('copy-store.ts', ['--to', target, '--replace'])).code).toBe(0);
  }, 90_000);
});
