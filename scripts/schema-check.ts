/**
 * `npm run schema:check` (CI, .ci/run): does this commit break a client? Composes the
 * supergraph from the subgraph schemas and compares it with the one on the base —
 * the merge-base with `main` (SCHEMA_BASE overrides; on main itself, the previous
 * commit) — using @graphql-inspector/core. A breaking change (a field or type removed,
 * a type changed, an argument made required, …) fails the check unless the commit
 * message says it is meant: `[breaking-schema]`. Dangerous and safe changes are listed.
 *
 * No base to compare with (a shallow clone, a first commit, no supergraph there yet):
 * it says so and passes. The federation machinery (join__*, link__*) is not part of
 * what clients see and is left out of the comparison.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Change } from '@graphql-inspector/core';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/compose';
import { writeOut } from './output';

export const BREAKING_MARKER = '[breaking-schema]';
const ROOT = path.resolve(__dirname, '..');
const INTERNAL = /^(join__|link__|federation__|inaccessible$|tag$)|^_Service|^_Any|^_Entity/;

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** The commit to compare with, or null when there is none to be had. */
export function baseCommit(env: NodeJS.ProcessEnv = process.env): string | null {
  const head = git(['rev-parse', 'HEAD']);
  if (!head) return null;
  const candidates = env.SCHEMA_BASE ? [env.SCHEMA_BASE] : ['origin/main', 'main'];
  for (const ref of candidates) {
    const base = git(['merge-base', 'HEAD', ref]);
    if (base && base !== head) return base;
    // On main itself: the previous commit, if the clone has it.
    if (base === head) return git(['rev-parse', '--verify', '--quiet', 'HEAD~1']);
  }
  return null;
}

export interface SchemaCheck {
  base: string | null;
  breaking: Change[];
  other: Change[];
}

/** The changes clients see: the federation types and directives are left out. */
export async function compareSupergraphs(before: string, after: string): Promise<Omit<SchemaCheck, 'base'>> {
  const all = await diff(
    buildSchema(before, { assumeValid: true }),
    buildSchema(after, { assumeValid: true }),
  );
  const changes = all.filter(
    (c) => !INTERNAL.test(c.path?.split('.')[0] ?? '') && !/\b(join__|link__)\w*|'link'/.test(c.message),
  );
  return {
    breaking: changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking),
    other: changes.filter((c) => c.criticality.level !== CriticalityLevel.Breaking),
  };
}

async function main(): Promise<number> {
  const base = baseCommit();
  const previous = base ? git(['show', `${base}:${path.relative(ROOT, SUPERGRAPH_FILE)}`]) : null;
  if (!base || previous === null) {
    await writeOut(
      `schema check: no base to compare${base ? ` (${base.slice(0, 12)} has no supergraph)` : ''}; passing\n`,
    );
    return 0;
  }
  const { breaking, other } = await compareSupergraphs(previous, composeSupergraph());
  const lines = [
    `schema check against ${base.slice(0, 12)}: ${breaking.length} breaking, ${other.length} other change(s)`,
  ];
  for (const c of breaking) lines.push(`  BREAKING  ${c.message}`);
  for (const c of other) lines.push(`  ${c.criticality.level.toLowerCase().padEnd(9)} ${c.message}`);
  const message = git(['log', '-1', '--format=%B']) ?? '';
  const meant = message.includes(BREAKING_MARKER);
  if (breaking.length && meant)
    lines.push(`breaking changes accepted: the commit message says ${BREAKING_MARKER}`);
  else if (breaking.length)
    lines.push(`clients would break; if that is meant, say ${BREAKING_MARKER} in the commit message`);
  await writeOut(lines.join('\n') + '\n');
  return breaking.length && !meant ? 1 : 0;
}

if (require.main === module)
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`schema check failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
