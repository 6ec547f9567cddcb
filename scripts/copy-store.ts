/**
 * `npm run copy-store -- --to <folder | mongodb://…> [--from <folder | mongodb://…>]
 *   [--services juso,kaigo] [--prefix juso] [--to-prefix juso] [--replace]`
 * copies every collection of every service, with its indexes, from one store to another:
 * a town moving from the embedded store to MongoDB. The source defaults to DATA_DIR
 * (.data/); a backup folder (npm run backup) is a source too, and a consistent one.
 * A target that holds documents is refused unless --replace. docs/STORAGE.md.
 */
import { copyStores, parseLocation } from '../shared/store/copy';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const to = arg('to');
  if (!to)
    throw new Error(
      'usage: npm run copy-store -- --to <folder | mongodb://…> [--from <folder | mongodb://…>]',
    );
  const prefix = arg('prefix') ?? process.env.MONGODB_DB_PREFIX ?? 'juso';
  const from = parseLocation(arg('from') ?? process.env.DATA_DIR ?? '.data', prefix);
  const target = parseLocation(to, arg('to-prefix') ?? prefix);
  const started = Date.now();
  const reports = await copyStores(from, target, {
    services: arg('services')?.split(','),
    replace: process.argv.includes('--replace'),
    log: (line) => console.log(line),
  });
  const documents = reports.flatMap((r) => r.collections).reduce((a, c) => a + c.documents, 0);
  console.log(`copied ${reports.length} services, ${documents} documents in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
