/**
 * The store contract, run against the embedded engine always and against MongoDB when
 * MONGODB_URI is set: the repositories' filter and update documents mean the same on both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store, StoredDoc } from '../../shared/store';
import { DuplicateKeyError, EmbeddedStore, openStore } from '../../shared/store';

interface Doc extends StoredDoc {
  residentId?: string;
  tags: string[];
  n: number;
  link?: { residentId: string };
}

const backends: [string, () => Promise<Store>][] = [['embedded', async () => new EmbeddedStore()]];
if (process.env.MONGODB_URI) {
  backends.push(['mongodb', () => openStore({ service: `test_${process.pid}_${Date.now()}` })]);
}

describe.each(backends)('store contract (%s)', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
    await store.drop();
    const c = store.collection<Doc>('docs');
    await c.createIndexes([{ keys: ['link.residentId'], unique: true, sparse: true }, { keys: ['tags'] }]);
    await c.insertMany([
      { _id: 'a', tags: ['x', 'y'], n: 1, link: { residentId: 'P-1' } },
      { _id: 'b', tags: ['y'], n: 2, link: { residentId: 'P-2' } },
      { _id: 'c', tags: [], n: 3 },
    ]);
  });
  afterEach(async () => {
    await store.drop();
    await store.close();
  });

  it('finds by $in on an indexed nested field, in one read', async () => {
    const before = store.stats.reads;
    const found = await store
      .collection<Doc>('docs')
      .find({ 'link.residentId': { $in: ['P-1', 'P-2', 'P-9'] } }, { sort: { _id: 1 } });
    expect(found.map((d) => d._id)).toEqual(['a', 'b']);
    expect(store.stats.reads - before).toBe(1);
  });

  it('finds through an indexed path into an array of documents', async () => {
    const c = store.collection<Doc & { team?: { agencyId: string }[] }>('teams');
    await c.createIndexes([{ keys: ['team.agencyId'] }]);
    await c.insertMany([
      { _id: 't1', tags: [], n: 1, team: [{ agencyId: 'a' }, { agencyId: 'b' }] },
      { _id: 't2', tags: [], n: 2, team: [{ agencyId: 'b' }] },
      { _id: 't3', tags: [], n: 3 },
    ]);
    expect((await c.find({ 'team.agencyId': 'b' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual([
      't1',
      't2',
    ]);
    expect((await c.find({ 'team.agencyId': { $in: ['a'] } })).map((d) => d._id)).toEqual(['t1']);
    await c.updateOne({ _id: 't2' }, { $set: { team: [{ agencyId: 'c' }] } });
    expect((await c.find({ 'team.agencyId': 'b' })).map((d) => d._id)).toEqual(['t1']);
  });

  it('matches array fields (multikey) and sorts and limits', async () => {
    const found = await store.collection<Doc>('docs').find({ tags: 'y' }, { sort: { n: -1 }, limit: 1 });
    expect(found.map((d) => d._id)).toEqual(['b']);
  });

  it('applies update operators and reports matches', async () => {
    const c = store.collection<Doc>('docs');
    const r = await c.updateOne({ _id: 'a', n: 1 }, { $inc: { n: 1 }, $push: { tags: 'z' } });
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: 'a' })).toMatchObject({ n: 2, tags: ['x', 'y', 'z'] });
    expect((await c.updateOne({ _id: 'a', n: 1 }, { $inc: { n: 1 } })).matchedCount).toBe(0);
  });

  it('refuses a duplicate unique key and writes none of a failing batch', async () => {
    const c = store.collection<Doc>('docs');
    await expect(
      c.insertMany([
        { _id: 'd', tags: [], n: 4 },
        { _id: 'e', tags: [], n: 5, link: { residentId: 'P-1' } },
      ]),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await c.countDocuments({})).toBe(3);
  });

  it('upserts many by _id, replacing whole documents', async () => {
    const c = store.collection<Doc>('docs');
    await c.upsertMany([
      { _id: 'a', tags: [], n: 10 },
      { _id: 'f', tags: ['q'], n: 6 },
    ]);
    expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', tags: [], n: 10 });
    expect(await c.countDocuments({})).toBe(4);
  });

  it('does not let a caller mutate stored documents through a result', async () => {
    const c = store.collection<Doc>('docs');
    const found = await c.findOne({ _id: 'a' });
    found!.n = 999;
    expect((await c.findOne({ _id: 'a' }))!.n).toBe(1);
  });

  it('treats operator objects in ids as data, never as a wildcard match', async () => {
    const c = store.collection<Doc>('docs');
    // A repository passes ids through $in: an object smuggled in matches nothing.
    expect(await c.find({ _id: { $in: [{ $ne: null }] } })).toEqual([]);
  });
});

describe('embedded store journal', () => {
  it('replays acknowledged writes after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-store-'));
    const first = new EmbeddedStore({ dataDir: dir });
    const c = first.collection<Doc>('docs');
    await c.createIndexes([{ keys: ['n'] }]);
    await c.insertMany([{ _id: 'a', tags: [], n: 1 }]);
    await c.updateOne({ _id: 'a' }, { $set: { n: 2 } });
    await c.insertOne({ _id: 'b', tags: [], n: 3 });
    await c.deleteMany({ _id: 'b' });
    await first.close();
    const second = new EmbeddedStore({ dataDir: dir });
    expect(await second.collection<Doc>('docs').find({})).toEqual([{ _id: 'a', tags: [], n: 2 }]);
    await second.close();
  });

  it('changes nothing when the journal cannot be written', async () => {
    const store = new EmbeddedStore();
    const c = store.collection<Doc>('docs');
    await c.insertOne({ _id: 'a', tags: [], n: 1 });
    store.failWrites = true;
    await expect(c.updateOne({ _id: 'a' }, { $set: { n: 2 } })).rejects.toThrow();
    store.failWrites = false;
    expect((await c.findOne({ _id: 'a' }))!.n).toBe(1);
  });
});
