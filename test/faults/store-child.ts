/**
 * A second process on an embedded store, for the multi-process and crash tests:
 *   node --import tsx test/faults/store-child.ts <dataDir> write-forever [commit|wal-fsync]
 *     writes as fast as it can (single inserts, batches, updates) and prints `ack <id>`
 *     once each write has resolved, until it is killed (in the given durability mode);
 *   node --import tsx test/faults/store-child.ts <dataDir> import <n>
 *     what an import does while the services run: creates an index, upserts n records.
 */
import type { StoredDoc } from '../../shared/store';
import { EmbeddedStore } from '../../shared/store';

async function main(): Promise<void> {
  const [dataDir, command, arg] = process.argv.slice(2);
  if (!dataDir || !command) throw new Error('usage: store-child.ts <dataDir> write-forever | import <n>');
  const durability = command === 'write-forever' && arg === 'wal-fsync' ? 'wal-fsync' : 'commit';
  const store = new EmbeddedStore({ dataDir, durability });
  const ack = (id: string) => process.stdout.write(`ack ${id}\n`);
  if (command === 'import') {
    const records = store.collection<StoredDoc>('records');
    await records.createIndexes([{ keys: ['link.residentId'], unique: true, sparse: true }]);
    const n = Number(arg ?? 10);
    await records.upsertMany(
      Array.from({ length: n }, (_, i) => ({ _id: `K-${i}`, link: { residentId: `P-${i}` } })),
    );
    ack(`imported ${n}`);
    await store.close();
    return;
  }
  if (command !== 'write-forever') throw new Error(`unknown command ${command}`);
  const docs = store.collection<StoredDoc & { n?: number }>('writes');
  await docs.createIndexes([{ keys: ['n'], unique: true }]);
  await docs.upsertMany([{ _id: 'counter', n: -1, count: 0 }]);
  ack('ready');
  for (let i = 0; ; i++) {
    if (i % 3 === 0) {
      await docs.insertOne({ _id: `one-${i}`, n: i, pad: 'x'.repeat(500) });
      ack(`one-${i}`);
    } else if (i % 3 === 1) {
      const batch = Array.from({ length: 20 }, (_, j) => ({
        _id: `batch-${i}-${j}`,
        n: i * 1000 + j + 1_000_000,
      }));
      await docs.insertMany(batch);
      ack(`batch-${i}`);
    } else {
      await docs.updateOne({ _id: 'counter' }, { $inc: { count: 1 } });
      ack(`inc-${i}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
