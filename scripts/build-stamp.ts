/**
 * What a compiled build (dist/) was built from: the list of sources and one hash over
 * them. `npm run build` writes the stamp; production start (scripts/npm-start.js)
 * recomputes the hash and refuses a build older than the checkout, rather than run it.
 * Plain Node only (no esbuild), so the compiled copy runs without build tools.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The project: the nearest folder above with a package.json (the same from dist/scripts/). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = projectRoot(__dirname);
export const DIST = path.join(ROOT, 'dist');
/** Written last by the build: a dist/ without it is a build that did not finish. */
export const stampFile = (dist: string = DIST) => path.join(dist, 'build.json');

/** Not part of what runs: tests, benchmarks, docs, data and the build's own output. */
const SKIP = new Set(['node_modules', 'dist', 'test', 'bench', 'docs', 'coverage']);
/** Files read at run time, copied beside the modules as they are. */
const ASSET = /\.(graphql|json|html|css)$/;

export interface SourceFiles {
  /** TypeScript modules, absolute paths, sorted. */
  modules: string[];
  assets: string[];
}

function walk(dir: string, into: SourceFiles): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) walk(full, into);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      into.modules.push(full);
    } else if (ASSET.test(entry.name)) {
      into.assets.push(full);
    }
  }
}

/** Every project folder's modules and assets (top-level files are configuration). */
export function sourceFiles(): SourceFiles {
  const files: SourceFiles = { modules: [], assets: [] };
  for (const entry of fs.readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.')) {
      walk(path.join(ROOT, entry.name), files);
    }
  }
  files.modules.sort();
  files.assets.sort();
  return files;
}

/** One hash over every source the build reads, and the lockfile (the dependencies it ran against). */
export function sourceHash(files: SourceFiles = sourceFiles()): string {
  const hash = createHash('sha256');
  for (const file of [...files.modules, ...files.assets, path.join(ROOT, 'package-lock.json')]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export interface BuildStamp {
  sourceHash: string;
  builtAt: string;
  modules: number;
}

/** Why the compiled build cannot be run as it is, or null when it is current. */
export function staleBuild(dist: string = DIST): string | null {
  const file = stampFile(dist);
  if (!fs.existsSync(file)) return 'there is no compiled build (dist/): run `npm run build` first';
  const stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildStamp;
  if (stamp.sourceHash !== sourceHash())
    return `dist/ was built (${stamp.builtAt}) from other sources than these: run \`npm run build\` again`;
  return null;
}
