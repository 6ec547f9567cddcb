/**
 * `npm run backup -- <folder>`: a consistent copy of every service's embedded store
 * (DATA_DIR, default .data/), taken while the services run, with a manifest of sizes,
 * checksums and document counts. docs/STORAGE.md.
 */
import path from 'node:path';
import { backup } from '../shared/store/backup';

function main(): void {
  const folder = process.argv[2];
  if (!folder || folder.startsWith('-')) throw new Error('usage: npm run backup -- <folder>');
  if (process.env.MONGODB_URI)
    throw new Error('MONGODB_URI is set: back MongoDB up with its own tools (mongodump, or snapshots)');
  if (process.env.DATA_DIR === 'memory') throw new Error('DATA_DIR=memory: nothing on disk to back up');
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const started = Date.now();
  const manifest = backup(dataDir, path.resolve(folder));
  for (const s of manifest.services) {
    const docs = Object.values(s.collections).reduce((a, b) => a + b, 0);
    console.log(
      `${s.service.padEnd(8)} ${(s.bytes / 1024 / 1024).toFixed(1).padStart(8)} MiB  ${docs} documents`,
    );
  }
  console.log(`backup of ${dataDir} in ${path.resolve(folder)} (${Date.now() - started} ms)`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
