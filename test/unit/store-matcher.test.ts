/**
 * The embedded store answers equality and `$in` filters without mingo; the answers must
 * be the ones mingo (MongoDB's semantics) gives, for every shape of document.
 */
import { Query } from 'mingo';
import { EmbeddedStore } from '../../shared/store';
import type { StoredDoc } from '../../shared/store';

const DOCS: StoredDoc[] = [
  {
    _id: 'a',
    status: 'OPEN',
    n: 1,
    flag: true,
    tags: ['x', 'y'],
    team: [{ agencyId: 'k' }, { agencyId: 'm' }],
  },
  { _id: 'b', status: 'CLOSED', n: 2, flag: false, tags: [], team: [] },
  { _id: 'c', status: 'OPEN', n: '1', tags: ['y'], link: { residentId: 'P-1' }, team: [{ agencyId: 'k' }] },
  { _id: 'd', status: null, n: 1.0, tags: [['x']], link: { residentId: 'P-2' } },
  { _id: 'e', tags: 'x', link: [{ residentId: 'P-1' }, { residentId: 'P-3' }] },
];

const FILTERS: Record<string, unknown>[] = [
  {},
  { _id: 'a' },
  { _id: { $in: ['a', 'c', 'zz'] } },
  { _id: { $in: [] } },
  { status: 'OPEN' },
  { status: { $eq: 'OPEN' } },
  { n: 1 },
  { n: '1' },
  { n: { $in: [1, 2] } },
  { flag: true },
  { flag: false },
  { tags: 'x' },
  { tags: { $in: ['y', 'q'] } },
  { 'team.agencyId': 'k' },
  { 'team.agencyId': { $in: ['m'] } },
  { 'link.residentId': { $in: ['P-1', 'P-2'] } },
  { 'link.residentId': 'P-3' },
  { tags: 'x', status: 'OPEN' },
  { 'team.agencyId': 'k', status: 'OPEN', n: 1 },
  { missing: 'x' },
  // Not equality on primitives: still mingo, included to check the hand-over.
  { status: null },
  { n: { $gt: 1 } },
  { 'tags.0': 'x' },
  { $or: [{ _id: 'a' }, { _id: 'b' }] },
];

describe('embedded store: equality and $in filters', () => {
  for (const indexed of [false, true]) {
    it(`answers as mingo does (${indexed ? 'with' : 'without'} indexes)`, async () => {
      const store = new EmbeddedStore();
      const c = store.collection<StoredDoc>('docs');
      if (indexed)
        await c.createIndexes([
          { keys: ['status'] },
          { keys: ['n'] },
          { keys: ['tags'] },
          { keys: ['team.agencyId'] },
          { keys: ['link.residentId'] },
        ]);
      await c.insertMany(DOCS);
      for (const filter of FILTERS) {
        const query = new Query(filter);
        const expected = DOCS.filter((d) => query.test(d)).map((d) => d._id);
        const found = (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
        expect([JSON.stringify(filter), found]).toEqual([JSON.stringify(filter), expected]);
      }
    });
  }
});
