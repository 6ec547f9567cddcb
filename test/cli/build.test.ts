/**
 * The compiled build (`npm run build`) is what production runs: built into its own
 * folder here, the five subgraphs and the gateway start from it with plain node (no
 * tsx: a module that still needed TypeScript would fail to load) in production mode,
 * serve the dashboard's prebuilt script and answer the dashboard's household query, a
 * trusted document, under the access rules. A stale build is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DashboardHouseholdDocument as HOUSEHOLD } from '../../dashboard/generated/graphql';
import { buildAll } from '../../scripts/build';
import { ROOT, stampFile, staleBuild } from '../../scripts/build-stamp';
import { launchGraph } from '../../scripts/launch';
import type { LaunchedGraph } from '../../scripts/launch';
import { mintDevToken } from '../../town/dev-idp';

jest.setTimeout(120_000);

// Inside the project (its node_modules resolve from there); hidden, so the build skips it.
const OUT = path.join(ROOT, `.build-test-${process.pid}`);
const DATA = fs.mkdtempSync(path.join(os.tmpdir(), 'build-test-'));
let graph: LaunchedGraph | undefined;
let gatewayUrl = '';

beforeAll(async () => {
  await buildAll(OUT);
  graph = await launchGraph(true, {
    tree: OUT,
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ALLOW_DEMO_KEYS: '1',
      DATA_DIR: DATA,
      SEED: 'if-empty',
      SYNTHETIC_RESIDENTS: '0',
      LOG_LEVEL: 'warn',
    },
    // The demo-key warnings are expected here; errors still show.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  gatewayUrl = graph.gatewayUrl;
});

afterAll(async () => {
  await graph?.stop();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync(DATA, { recursive: true, force: true });
});

async function household(staffId: string): Promise<{ status: number; body: HouseholdAnswer }> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken(staffId)}` },
    body: JSON.stringify({ query: HOUSEHOLD, variables: { id: 'H-DOUBLE' } }),
  });
  return { status: res.status, body: (await res.json()) as HouseholdAnswer };
}

interface HouseholdAnswer {
  data?: { household: { members: { id: string; kaigo: { careLevel: string } | null }[] } | null };
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

it('runs compiled JavaScript only: no TypeScript module is loaded from the build', () => {
  const ts = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? ts(full) : e.name.endsWith('.ts') ? [full] : [];
    });
  expect(ts(OUT)).toEqual([]);
  expect([...graph!.children.values()].every((c) => c.exitCode === null)).toBe(true);
});

it('answers the dashboard household query on the access rules: own field shown, others withheld', async () => {
  const kaigo = await household('s-kita-01');
  expect(kaigo.status).toBe(200);
  const members = kaigo.body.data!.household!.members;
  expect(members.map((m) => m.id)).toEqual(['P-201', 'P-202', 'P-203', 'P-204']);
  expect(members.find((m) => m.id === 'P-202')!.kaigo).toEqual(
    expect.objectContaining({ careLevel: expect.any(String) }),
  );
  // ハローワーク is on no case team of this household: P-202's is withheld, with its reason.
  const other = await household('s-hw-01');
  expect(other.body.data!.household!.members.find((m) => m.id === 'P-202')!.kaigo).toBeNull();
  const reason = other.body.errors?.find((e) => e.path?.join('.') === 'household.members.1.kaigo');
  expect(reason?.extensions?.code).toBe('NOT_ON_TEAM');
});

it('refuses, in production, a document that is not trusted', async () => {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await mintDevToken('s-kita-01')}`,
    },
    body: JSON.stringify({ query: '{ household(id: "H-DOUBLE") { id } }' }),
  });
  expect(res.status).toBe(403);
  const body = (await res.json()) as HouseholdAnswer;
  expect(body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
});

it('serves the dashboard script the build bundled', async () => {
  const res = await fetch(gatewayUrl.replace('/graphql', '/dashboard/app.js'));
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(fs.readFileSync(path.join(OUT, 'dashboard/app.js'), 'utf8'));
});

it('knows a build from other sources: the stamp must match the checkout', () => {
  expect(staleBuild(OUT)).toBeNull();
  const file = stampFile(OUT);
  const stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as { sourceHash: string };
  fs.writeFileSync(file, JSON.stringify({ ...stamp, sourceHash: '0'.repeat(64) }));
  expect(staleBuild(OUT)).toMatch(/other sources.*npm run build/);
  fs.rmSync(file);
  expect(staleBuild(OUT)).toMatch(/no compiled build/);
});
