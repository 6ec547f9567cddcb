/**
 * Reads a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile enforced`)
 * and prints where the time went: self time by function, by package or project file,
 * and the total (self + callees) time of the project's own functions.
 *
 *   npx tsx bench/profile.ts bench/out/profiles/enforced [--top 30] [--last SECONDS]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(__dirname, '..');

/** A package name for node_modules code, a project path for ours, or a V8/Node category. */
export function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
  }
  if (file.startsWith('node:')) return file;
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

/** `lastSeconds`: only the samples of the profile's last seconds (the load, not the start-up). */
export function summarise(profile: Profile, top = 30, lastSeconds = Infinity): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  const from = profile.endTime - lastSeconds * 1e6;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((a, [, us]) => a + us, 0);
  const busy = total - idle;

  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const inclusiveOwn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id) as ProfileNode;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    const o = owner(url, functionName);
    add(byFunction, `${functionName || '(anonymous)'}  ${o}:${lineNumber + 1}`, us);
    add(byOwner, o, us);
    // Inclusive time of project functions: each sample counts once per distinct frame on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = (byId.get(cur) as ProfileNode).callFrame;
      const fo = owner(f.url, f.functionName);
      if (fo.includes('node_modules') || !/^(gateway|shared|subgraphs|bench)\//.test(fo)) continue;
      const key = `${f.functionName || '(anonymous)'}  ${fo}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusiveOwn, key, us);
    }
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const table = (title: string, m: Map<string, number>) =>
    [
      title,
      ...[...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, us]) => `  ${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`),
    ].join('\n');
  return [
    `profile: ${(Math.min(lastSeconds * 1e6, profile.endTime - profile.startTime) / 1e6).toFixed(1)} s wall, ${(busy / 1e6).toFixed(1)} s on CPU (${((100 * busy) / total).toFixed(0)}% busy); percentages are of CPU time`,
    table('self time by package / file', byOwner),
    table('self time by function', byFunction),
    table('total time (self + callees) of the project’s functions', inclusiveOwn),
  ].join('\n\n');
}

if (require.main === module) {
  let file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile.ts FILE.cpuprofile|FOLDER [--top N]');
    process.exit(2);
  }
  // A folder (npm run bench -- --profile NAME writes bench/out/profiles/NAME/): its largest
  // profile is the main thread's; the small one is tsx's loader thread.
  if (fs.statSync(file).isDirectory()) {
    const dir = file;
    const largest = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(dir, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    if (!largest) throw new Error(`no .cpuprofile in ${dir}`);
    file = largest;
  }
  const i = process.argv.indexOf('--top');
  const top = i > 0 ? Number(process.argv[i + 1]) : 30;
  const j = process.argv.indexOf('--last');
  const last = j > 0 ? Number(process.argv[j + 1]) : Infinity;
  console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, top, last));
}
