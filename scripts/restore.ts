/**
 * `npm run restore -- <folder>`: brings a backup (npm run backup) back into DATA_DIR
 * (default .data/). Stop the services first: a store in use is refused and nothing is
 * changed. Each database replaced is kept next to it (store.sqlite.before-restore-…).
 */
import path from 'node:path';
import { restore } from '../shared/store/backup';

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder || folder.startsWith('-')) throw new Error('usage: npm run restore -- <folder>');
  if (process.env.MONGODB_URI)
    throw new Error('MONGODB_URI is set: restore MongoDB with its own tools (mongorestore)');
  if (process.env.DATA_DIR === 'memory') throw new Error('DATA_DIR=memory: nowhere on disk to restore to');
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const result = await restore(path.resolve(folder), dataDir);
  console.log(`restored ${result.restored.join(', ')} into ${dataDir}`);
  for (const file of result.keptAside) console.log(`  kept the replaced database as ${file}`);
  if (result.untouched.length)
    console.log(`  not in the backup, left as they are: ${result.untouched.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
