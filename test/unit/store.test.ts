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

  it('answers ranges on an indexed number as MongoDB does: numbers only, sorted, limited', async () => {
    const c = store.collection<Doc & { seq?: number | string }>('log');
    await c.createIndexes([{ keys: ['seq'] }]);
    await c.insertMany([
      ...[5, 3, 1, 4, 2].map((seq) => ({ _id: `s${seq}`, tags: [], n: 0, seq })),
      { _id: 'str', tags: [], n: 0, seq: '9' },
      { _id: 'none', tags: [], n: 0 },
    ]);
    const ids = async (filter: Record<string, unknown>, options = {}) =>
      (await c.find(filter, options)).map((d) => d._id);
    expect(await ids({}, { sort: { seq: -1 }, limit: 1 })).toEqual(['str']);
    expect(await ids({ seq: { $gte: 0 } }, { sort: { seq: -1 }, limit: 1 })).toEqual(['s5']);
    expect(await ids({}, { sort: { seq: 1 }, limit: 2 })).toEqual(['none', 's1']);
    expect(await ids({ seq: { $gt: 2 } }, { sort: { seq: 1 } })).toEqual(['s3', 's4', 's5']);
    expect(await ids({ seq: { $gt: 2 } }, { sort: { seq: 1 }, limit: 2 })).toEqual(['s3', 's4']);
    expect(await ids({ seq: { $gte: 2, $lt: 4 } }, { sort: { seq: 1 } })).toEqual(['s2', 's3']);
    expect(await ids({ seq: { $lte: 2 } }, { sort: { seq: -1 } })).toEqual(['s2', 's1']);
    expect(await ids({ seq: { $gt: '1' } })).toEqual(['str']);
    expect(await c.countDocuments({ seq: { $lt: 3 } })).toBe(2);
    expect(await c.deleteMany({ seq: { $lt: 3 } })).toBe(2);
    expect(await ids({}, { sort: { seq: 1 } })).toEqual(['none', 's3', 's4', 's5', 'str']);
    expect(await c.deleteMany({ seq: { $in: [4, '9'] } })).toBe(2);
    expect(await ids({ seq: { $gte: 0 } }, { sort: { seq: 1 } })).toEqual(['s3', 's5']);
  });

  it('answers ranges on an indexed string (ISO dates) and equality by type', async () => {
    const c = store.collection<Doc & { on?: string; v?: unknown }>('dates');
    await c.createIndexes([{ keys: ['on'] }, { keys: ['v'] }]);
    await c.insertMany([
      { _id: 'd1', tags: [], n: 0, on: '2026-04-01', v: 1 },
      { _id: 'd2', tags: [], n: 0, on: '2026-05-15', v: '1' },
      { _id: 'd3', tags: [], n: 0, on: '2026-06-30', v: true },
    ]);
    const ids = async (filter: Record<string, unknown>) =>
      (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
    expect(await ids({ on: { $lt: '2026-06-01' } })).toEqual(['d1', 'd2']);
    expect(await ids({ on: { $gte: '2026-05-01', $lte: '2026-06-30' } })).toEqual(['d2', 'd3']);
    expect(await ids({ v: 1 })).toEqual(['d1']);
    expect(await ids({ v: '1' })).toEqual(['d2']);
    expect(await ids({ v: true })).toEqual(['d3']);
    expect(await ids({ v: { $in: [1, true] } })).toEqual(['d1', 'd3']);
  });

  it('keeps multikey indexes right through updates, upserts and deletes', async () => {
    const c = store.collection<Doc>('docs');
    expect((await c.find({ tags: { $in: ['x', 'q'] } })).map((d) => d._id)).toEqual(['a']);
    await c.updateOne({ _id: 'b' }, { $push: { tags: 'q' } });
    expect((await c.find({ tags: { $in: ['x', 'q'] } }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual([
      'a',
      'b',
    ]);
    await c.upsertMany([{ _id: 'a', tags: ['z'], n: 1 }]);
    expect((await c.find({ tags: 'x' })).map((d) => d._id)).toEqual([]);
    expect(await c.deleteMany({ tags: 'y' })).toBe(1);
    expect((await c.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'c']);
    // The unique key of the deleted document is free again.
    await c.insertOne({ _id: 'g', tags: [], n: 7, link: { residentId: 'P-2' } });
    expect((await c.findOne({ 'link.residentId': 'P-2' }))?._id).toBe('g');
  });

  it('enforces compound and non-sparse unique indexes, also on a missing field', async () => {
    const c = store.collection<StoredDoc>('consents');
    await c.createIndexes([
      { keys: ['personId', 'version'], unique: true },
      { keys: ['code'], unique: true },
    ]);
    await c.insertMany([
      { _id: 'p1v1', personId: 'P-1', version: 1, code: 'a' },
      { _id: 'p1v2', personId: 'P-1', version: 2, code: 'b' },
      { _id: 'p2v1', personId: 'P-2', version: 1 },
    ]);
    await expect(
      c.insertOne({ _id: 'again', personId: 'P-1', version: 2, code: 'c' }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    // Both lack `code`: to MongoDB both are null in a unique, non-sparse index.
    await expect(c.insertOne({ _id: 'p3v1', personId: 'P-3', version: 1 })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    await expect(c.insertOne({ _id: 'p1v1', personId: 'P-9', version: 9, code: 'z' })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    expect((await c.find({ personId: 'P-1' }, { sort: { version: -1 } })).map((d) => d._id)).toEqual([
      'p1v2',
      'p1v1',
    ]);
  });

  it('refuses an index whose unique key the stored documents already repeat', async () => {
    const c = store.collection<Doc>('docs');
    await expect(c.createIndexes([{ keys: ['n2'], unique: true }])).rejects.toThrow();
    await c.updateOne({ _id: 'b' }, { $set: { n: 1 } });
    await expect(c.createIndexes([{ keys: ['n'], unique: true }])).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await c.countDocuments({})).toBe(3);
  });

  it('upserts one document by filter, seeding it from the filter', async () => {
    const c = store.collection<Doc>('docs');
    const r = await c.updateOne({ _id: 'new' }, { $set: { n: 9, tags: ['t'] } }, { upsert: true });
    expect(r).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'new' });
    expect(await c.findOne({ tags: 't' })).toEqual({ _id: 'new', n: 9, tags: ['t'] });
    const again = await c.updateOne({ _id: 'new' }, { $set: { n: 9 } }, { upsert: true });
    expect(again).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedId: null });
  });

  it('lets a batch of upserts move a unique key from one document to another', async () => {
    const c = store.collection<Doc>('docs');
    // In this order: MongoDB checks each replacement as it goes.
    await c.upsertMany([
      { _id: 'a', tags: [], n: 1, link: { residentId: 'P-9' } },
      { _id: 'b', tags: [], n: 2, link: { residentId: 'P-1' } },
    ]);
    expect((await c.findOne({ 'link.residentId': 'P-1' }))?._id).toBe('b');
    await expect(
      c.upsertMany([{ _id: 'c', tags: [], n: 3, link: { residentId: 'P-9' } }]),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await c.findOne({ _id: 'c' })).toEqual({ _id: 'c', tags: [], n: 3 });
  });

  it('keeps the indexes of a dropped store: a running service keeps them across a reseed', async () => {
    await store.drop();
    const c = store.collection<Doc>('docs');
    expect(await c.countDocuments({})).toBe(0);
    await c.insertOne({ _id: 'a', tags: [], n: 1, link: { residentId: 'P-1' } });
    await expect(
      c.insertOne({ _id: 'b', tags: [], n: 2, link: { residentId: 'P-1' } }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
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
