/**
 * The commands as an agency's staff run them (`npm run import` / `npm run link` are
 * these scripts under tsx), on the embedded store's journal in a scratch DATA_DIR.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../shared/store';
import { KAIGO_COLLECTION } from '../../subgraphs/kaigo/adapter/native';
import { seedJuso } from '../../subgraphs/juso/seed';
import { ROOT, sampleCsv, sjis } from './helpers';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MAPPING = path.join(ROOT, 'subgraphs/kaigo/import/mapping.example.json');

let dataDir: string;

async function cli(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function kaigoCount(): Promise<number> {
  const store = new EmbeddedStore({ dataDir: path.join(dataDir, 'kaigo') });
  const n = await store.collection(KAIGO_COLLECTION).countDocuments({});
  await store.close();
  return n;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-import-'));
  const juso = new EmbeddedStore({ dataDir: path.join(dataDir, 'juso') });
  await seedJuso(juso, { syntheticResidents: 0 });
  await juso.close();
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run import / npm run link', () => {
  it('refuses a file with bad rows, printing each with its line, and writes nothing', async () => {
    const lines = sampleCsv('kaigo').trimEnd().split('\n');
    lines[2] = lines[2]!.replace('S52.6.14', 'H31.5.1');
    lines[4] = lines[4]!.replace('非該当', '要介護9');
    const file = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(file, sjis(lines.join('\r\n')));
    const { code, stdout, stderr } = await cli('import.ts', ['kaigo', file, '--mapping', MAPPING]);
    expect(code).toBe(1);
    expect(stderr).toContain('error: bad.csv:3 [生年月日]: 生年月日: "H31.5.1" is not within 平成');
    expect(stderr).toContain('error: bad.csv:5 [要介護度]: 要介護状態区分: unknown 要介護状態区分 "要介護9"');
    expect(stdout).toMatch(/errors\s+2 {2}— nothing was changed/);
    expect(await kaigoCount()).toBe(0);
  }, 60_000);

  it('imports a Shift_JIS export, then lists and confirms the waiting records', async () => {
    const file = path.join(dataDir, 'kaigo.csv');
    fs.writeFileSync(file, sjis(sampleCsv('kaigo')));
    const imported = await cli('import.ts', ['kaigo', file, '--mapping', MAPPING, '--by', 's-kita-01']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/kaigo: .*kaigo\.csv \(cp932\)/);
    expect(imported.stdout).toMatch(/rows read\s+4\n\s+inserted\s+4\n\s+updated\s+0\n\s+unchanged\s+0/);
    expect(imported.stdout).toMatch(/linked by number\s+1\n\s+linked by exact match\s+1/);
    expect(imported.stdout).toMatch(/waiting for a person\s+2/);
    expect(await kaigoCount()).toBe(4);

    const listed = await cli('link.ts', ['kaigo', '--list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/被保険者 1000000102 .*ヤマダ ケンイチ {2}1972-08-18/);
    expect(listed.stdout).toMatch(
      /1\. P-102 {2}山田 健一 .* score 0\.\d\d \(kana 1\.00, birth 0\.50, address 1\.00\)/,
    );
    expect(listed.stdout).toContain('2 record(s) waiting');

    const confirmed = await cli('link.ts', [
      'kaigo',
      '--confirm',
      '1000000102',
      'P-102',
      '--by',
      's-kita-01',
    ]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain(
      '被保険者 1000000102 linked to P-102 (山田 健一) by s-kita-01, method CONFIRMED_CANDIDATE',
    );
    const again = await cli('link.ts', ['kaigo', '--confirm', '1000000102', 'P-102', '--by', 's-kita-01']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already linked to P-102');
    expect((await cli('link.ts', ['kaigo', '--list'])).stdout).toContain('1 record(s) waiting');

    const reimport = await cli('import.ts', ['kaigo', file, '--mapping', MAPPING, '--json']);
    expect(reimport.code).toBe(0);
    expect(JSON.parse(reimport.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, keptLink: 2 });
  }, 90_000);

  it('explains its usage', async () => {
    const { code, stderr } = await cli('import.ts', ['nursing', 'x.csv']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/a silo \(kaigo, shogai, kodomo, konkyu\)/);
    const link = await cli('link.ts', ['kaigo', '--confirm', '1000000102', 'P-102']);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/--by <staff id> is required/);
  }, 60_000);
});
