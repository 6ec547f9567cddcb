/**
 * How the dashboard's browser script is bundled: one ES module from dashboard/client/app.ts.
 * Shared by the gateway, which bundles it in memory at start when it runs from the
 * TypeScript sources (tsx), and `npm run build`, which writes it to dist/dashboard/app.js
 * for the compiled gateway, so both serve the same script.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

export const DASHBOARD_BUNDLE_OPTIONS = {
  entryPoints: [path.join(__dirname, '../../dashboard/client/app.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

/** Where `npm run build` puts the bundle, as seen from the compiled gateway (dist/gateway/dashboard/). */
const PREBUILT = path.join(__dirname, '../../dashboard/app.js');

/** This module runs compiled (dist/), not from the TypeScript sources. */
const COMPILED = path.extname(__filename) === '.js';

/** The dashboard's script: the build's bundle when compiled, else bundled now. */
export async function dashboardScript(): Promise<string> {
  if (COMPILED) return fs.promises.readFile(PREBUILT, 'utf8');
  // Loaded only here: a compiled gateway does not need esbuild at run time.
  const { build } = await import('esbuild');
  const result = await build({ ...DASHBOARD_BUNDLE_OPTIONS, write: false });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the dashboard script');
  return file.text;
}
