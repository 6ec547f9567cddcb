/**
 * The embedded store's own promises, beyond the contract: lookups are answered by
 * SQLite's indexes (not scans), documents live on disk (a second connection sees
 * every write at once, with no restart), and an old journal folder is migrated whole
 * or refused whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredDoc } from '../../shared/store';
import { DuplicateKeyError, EmbeddedStore } from '../../shared/store';

const made: string[] = [];
const tmp = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `juso-${name}-`));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded store: queries answered by indexes', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = new EmbeddedStore();
    const c = store.collection<StoredDoc>('audit');
    await c.createIndexes([
      { keys: ['seq'], unique: true },
      { keys: ['persons'] },
      { keys: ['link.residentId'], unique: true, sparse: true },
    ]);
    const docs: StoredDoc[] = [];
    for (let seq = 1; seq <= 5000; seq++)
      docs.push({
        _id: `r${seq}`,
        seq,
        persons: [`P-${seq % 50}`, `P-${seq % 7}`],
        link: { residentId: `R-${seq}` },
      });
    await c.insertMany(docs);
  });
  afterAll(() => store.close());

  const plan = (filter: Record<string, unknown>, options = {}) =>
    store.explain('audit', filter, options).join(' | ');

  it('finds the last record by seq from the index, without a scan or a sort', async () => {
    expect(plan({}, { sort: { seq: -1 }, limit: 1 })).toMatch(/^SCAN i \| SEARCH c USING INDEX/);
    expect(plan({}, { sort: { seq: -1 }, limit: 1 })).not.toMatch(/TEMP B-TREE/);
    const [last] = await store.collection('audit').find({}, { sort: { seq: -1 }, limit: 1 });
    expect(last?._id).toBe('r5000');
  });

  it('pages by a seq range in index order', async () => {
    const page = { sort: { seq: 1 as const }, limit: 100 };
    expect(plan({ seq: { $gt: 4950 } }, page)).toMatch(/SEARCH i USING PRIMARY KEY \(t0=\? AND v0>\?\)/);
    expect(plan({ seq: { $gt: 4950 } }, page)).not.toMatch(/TEMP B-TREE|SCAN c/);
    const found = await store.collection('audit').find({ seq: { $gt: 4950 } }, page);
    expect(found.map((d) => d.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 4951 + i));
  });

  it('looks up equality and $in on multikey and nested paths', () => {
    expect(plan({ persons: 'P-3' })).toMatch(/SEARCH i:audit:persons USING PRIMARY KEY \(t0=\? AND v0=\?\)/);
    expect(plan({ 'link.residentId': { $in: ['R-1', 'R-2'] } })).toMatch(/SEARCH i:audit:link.residentId/);
    for (const p of [plan({ persons: 'P-3' }), plan({ 'link.residentId': { $in: ['R-1', 'R-2'] } })])
      expect(p).not.toMatch(/SCAN c:audit/);
  });

  it('sorts after matching when another index supplies the candidates', async () => {
    const found = await store.collection('audit').find({ persons: 'P-3' }, { sort: { seq: -1 }, limit: 3 });
    const expected = Array.from({ length: 5000 }, (_, i) => 5000 - i)
      .filter((seq) => seq % 50 === 3 || seq % 7 === 3)
      .slice(0, 3);
    expect(found.map((d) => d.seq)).toEqual(expected);
  });
});

describe('embedded store: several connections on one file', () => {
  it('a write through one connection is read by another at once, indexes included', async () => {
    const dir = tmp('shared');
    const service = new EmbeddedStore({ dataDir: dir });
    const command = new EmbeddedStore({ dataDir: dir });
    const households = service.collection<StoredDoc>('households');
    expect(await households.findOne({ _id: 'H-1' })).toBeNull();
    // The other connection (an import or a seed) creates the collection and its index.
    await command.collection('households').createIndexes([{ keys: ['memberIds'], unique: false }]);
    await command.collection('households').insertOne({ _id: 'H-1', memberIds: ['P-1', 'P-2'] });
    expect(await households.findOne({ memberIds: 'P-2' })).toEqual({
      _id: 'H-1',
      memberIds: ['P-2', 'P-1'].reverse(),
    });
    expect(service.explain('households', { memberIds: 'P-2' }).join()).toMatch(/i:households:memberIds/);
    // A reseed (drop and reload) through the other connection.
    await command.drop();
    await command.collection('households').insertOne({ _id: 'H-2', memberIds: ['P-3'] });
    expect((await households.find({})).map((d) => d._id)).toEqual(['H-2']);
    await command.close();
    await service.close();
  });

  it('writes from both connections interleave and none is lost', async () => {
    const dir = tmp('writers');
    const a = new EmbeddedStore({ dataDir: dir });
    const b = new EmbeddedStore({ dataDir: dir });
    await a.collection('x').createIndexes([{ keys: ['n'], unique: true }]);
    for (let i = 0; i < 200; i++) await (i % 2 ? a : b).collection('x').insertOne({ _id: `d${i}`, n: i });
    await expect(b.collection('x').insertOne({ _id: 'again', n: 7 })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    expect(await a.collection('x').countDocuments({})).toBe(200);
    expect(await b.collection('x').countDocuments({ n: { $gte: 100 } })).toBe(100);
    await a.close();
    await b.close();
  });

  it('opens a store of any history without reading its documents', async () => {
    const dir = tmp('history');
    const first = new EmbeddedStore({ dataDir: dir });
    const c = first.collection<StoredDoc & { n: number }>('counters');
    await c.insertOne({ _id: 'c', n: 0 });
    for (let i = 0; i < 500; i++) await c.updateOne({ _id: 'c' }, { $inc: { n: 1 } });
    await first.close();
    // 500 updates are one row, not 500 journal lines to replay.
    const second = new EmbeddedStore({ dataDir: dir });
    expect(await second.collection('counters').findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 500 });
    expect(second.database.prepare('SELECT count(*) FROM "c:counters"').pluck().get()).toBe(1);
    await second.close();
  });
});

describe('embedded store: migration from the journal format', () => {
  const journal = (lines: object[], tail = '') =>
    lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '') + tail;

  let quiet: jest.SpyInstance;
  beforeEach(() => (quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)));
  afterEach(() => quiet.mockRestore());

  it('replays puts, deletes and drops into SQLite, and keeps the journal renamed', async () => {
    const dir = tmp('migrate');
    fs.writeFileSync(
      path.join(dir, 'journal.jsonl'),
      journal([
        { c: 'people', put: [{ _id: 'gone', name: 'before the drop' }] },
        { drop: true },
        {
          c: 'people',
          put: [
            { _id: 'P-1', name: '山田' },
            { _id: 'P-2', name: '佐藤' },
          ],
        },
        { c: 'people', put: [{ _id: 'P-1', name: '山田 太郎' }] },
        { c: 'people', del: ['P-2'] },
        { c: 'households', put: [{ _id: 'H-1', memberIds: ['P-1'] }] },
      ]),
    );
    const store = new EmbeddedStore({ dataDir: dir });
    expect(await store.collection('people').find({})).toEqual([{ _id: 'P-1', name: '山田 太郎' }]);
    expect(await store.collection('households').countDocuments({})).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(['journal.jsonl.migrated', 'store.sqlite']),
    );
    expect(fs.existsSync(path.join(dir, 'journal.jsonl'))).toBe(false);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining('migrated'));
    await store.close();
    // Opened again: nothing replayed twice.
    const again = new EmbeddedStore({ dataDir: dir });
    expect(await again.collection('people').countDocuments({})).toBe(1);
    await again.close();
  });

  it('refuses a journal corrupt before its last line, migrating nothing and keeping the file', () => {
    const dir = tmp('corrupt');
    const file = path.join(dir, 'journal.jsonl');
    fs.writeFileSync(file, `{"c":"x","put":[{"_id":"a"}]}\n{"c":"x","pu\n{"c":"x","put":[{"_id":"b"}]}\n`);
    expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(/corrupt at line 2.*nothing was migrated/);
    expect(fs.existsSync(file)).toBe(true);
    fs.writeFileSync(file, '{"c":"x","put":[{"_id":"a"}]}\n');
    const store = new EmbeddedStore({ dataDir: dir });
    expect(store.database.prepare('SELECT count(*) FROM "c:x"').pluck().get()).toBe(1);
    return store.close();
  });

  it('refuses a journal next to a database that has documents of its own', async () => {
    const dir = tmp('both');
    const store = new EmbeddedStore({ dataDir: dir });
    await store.collection('x').insertOne({ _id: 'new' });
    await store.close();
    fs.writeFileSync(path.join(dir, 'journal.jsonl'), journal([{ c: 'x', put: [{ _id: 'old' }] }]));
    expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(
      /holds both the old journal.*Nothing was changed/,
    );
    expect(fs.existsSync(path.join(dir, 'journal.jsonl'))).toBe(true);
  });
});
