/**
 * The embedded store's two durability modes (EmbeddedStoreOptions.durability): `commit`
 * fsyncs inside the commit (synchronous=FULL); `wal-fsync` commits with NORMAL and fsyncs
 * the WAL on the thread pool before the write resolves. The audit store uses the second
 * (openStore({ service: 'audit' })); kill -9 of both is in test/faults/store-crash.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore, openStore } from '../../shared/store';

const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-durability-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('durability modes', () => {
  it('commit is synchronous=FULL; wal-fsync is NORMAL with the WAL fsynced before a write resolves', async () => {
    const full = new EmbeddedStore({ dataDir: tmp() });
    expect(full.database.pragma('synchronous', { simple: true })).toBe(2);
    await full.close();

    const dir = tmp();
    const store = new EmbeddedStore({ dataDir: dir, durability: 'wal-fsync' });
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    const syncs = jest.spyOn(store, 'durable');
    const docs = store.collection('docs');
    await docs.insertMany([{ _id: 'a' }, { _id: 'b' }]);
    await docs.updateOne({ _id: 'a' }, { $set: { n: 1 } });
    await docs.deleteMany({ _id: 'b' });
    expect(syncs).toHaveBeenCalledTimes(3);
    // Another connection (another process) sees the writes.
    const other = new EmbeddedStore({ dataDir: dir });
    expect(await other.collection('docs').find({})).toEqual([{ _id: 'a', n: 1 }]);
    await other.close();
    await store.close();
  });

  it('the audit store is opened in wal-fsync, every other service in commit', async () => {
    const env = { DATA_DIR: tmp() };
    const audit = (await openStore({ service: 'audit', env })) as EmbeddedStore;
    const juso = (await openStore({ service: 'juso', env })) as EmbeddedStore;
    expect(audit.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(juso.database.pragma('synchronous', { simple: true })).toBe(2);
    await audit.close();
    await juso.close();
  });
});
