/**
 * What the demo town's seeds share: how seeded records are linked, and writing in
 * batches. The contract a seed implements (SeedOptions) is shared/seed.ts.
 */

/** Seeded records are linked as of the demo town's start of year. */
export const SEED_LINK = {
  method: 'NUMBER',
  linkedAt: '2026-04-01T00:00:00.000Z',
  linkedBy: 'seed',
} as const;

export const SEED_BATCH = 5_000;

/** Writes in batches so a journal line or a transaction stays a sane size. */
export async function inBatches<T>(items: Iterable<T>, write: (batch: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= SEED_BATCH) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length) await write(batch);
}
