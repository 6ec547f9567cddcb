/**
 * `npm run build`: the compiled JavaScript that production runs (`NODE_ENV=production
 * npm start`, the Docker image). esbuild transpiles every TypeScript module of the
 * services and tools, one file to one file, CommonJS, into dist/ with the tree's own
 * layout, and copies the files they read beside them (schemas, demo keys, the
 * dashboard's page), so every `path.join(__dirname, …)` finds in dist/ what it finds in
 * the sources. Not bundled on purpose: the same module paths, stack traces that name
 * the source file (source maps, `node --enable-source-maps`), node_modules as it is.
 *
 * The dashboard's browser script is bundled here too (dist/dashboard/app.js), so the
 * compiled gateway serves it without running esbuild.
 *
 * esbuild rather than tsc: it is already what tsx and the dashboard use, it compiles the
 * tree in about a second, and type-checking stays `npm run typecheck` (CI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { DASHBOARD_BUNDLE_OPTIONS } from '../gateway/dashboard/bundle';
import type { BuildStamp } from './build-stamp';
import { DIST, ROOT, sourceFiles, sourceHash, stampFile } from './build-stamp';

/** The browser app's modules: bundled into one script, not compiled one by one. */
const CLIENT_DIR = path.join(ROOT, 'dashboard/client') + path.sep;

/** Compiles the tree into `dist` (dist/ by default; the build test uses its own folder). */
export async function buildAll(dist: string = DIST): Promise<BuildStamp> {
  const files = sourceFiles();
  fs.rmSync(dist, { recursive: true, force: true });
  await build({
    entryPoints: files.modules.filter((f) => !f.startsWith(CLIENT_DIR)),
    outdir: dist,
    outbase: ROOT,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    charset: 'utf8',
    logLevel: 'warning',
  });
  for (const asset of files.assets) {
    const to = path.join(dist, path.relative(ROOT, asset));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(asset, to);
  }
  await build({ ...DASHBOARD_BUNDLE_OPTIONS, outfile: path.join(dist, 'dashboard/app.js'), write: true });
  const stamp: BuildStamp = {
    sourceHash: sourceHash(files),
    builtAt: new Date().toISOString(),
    modules: files.modules.length,
  };
  fs.writeFileSync(stampFile(dist), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

if (require.main === module) {
  const started = performance.now();
  buildAll().then(
    (stamp) =>
      console.log(
        `built ${stamp.modules} modules into dist/ in ${Math.round(performance.now() - started)} ms`,
      ),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
