/**
 * Issue 16: every command delivers its whole output to a pipe. Before, `import --json
 * | wc -c` gave 200–440 kB of ~630 kB and `link --list --json | wc -c` stopped at
 * 65,536 bytes: process.exit() right after a large write. Each command here runs
 * under a shell with its output piped through `wc -c` (and `grep -c`), and the piped
 * output is parsed. Also the CSV reader's messages for an unclosed quote in a CRLF
 * file: the real line, the file named once, and a line number in --json.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../shared/store';
import { seedJuso } from '../../subgraphs/juso/seed';
import { kaigoExportLines } from '../fixtures/import/kaigo-export';
import { ROOT, sjis } from '../import/helpers';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MAPPING = path.join(ROOT, 'subgraphs/kaigo/import/mapping.example.json');
const ROWS = 3_000;

let dir: string;

/** A command line run by sh: the pipe is the shell's, as an agency's IT person would type it. */
async function sh(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), MONGODB_URI: '', LOG_LEVEL: 'silent' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const script = (name: string) => `${TSX} ${path.join(ROOT, 'scripts', name)}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-pipes-'));
  const juso = new EmbeddedStore({ dataDir: path.join(dir, 'data', 'juso') });
  await seedJuso(juso, { syntheticResidents: ROWS });
  await juso.close();
  const lines = [...kaigoExportLines(ROWS)];
  fs.writeFileSync(path.join(dir, 'good.csv'), sjis(lines.join('\r\n') + '\r\n'));
  // Every row's 生年月日 out of its era: 3,000 errors.
  const bad = lines.map((l, i) =>
    i === 0
      ? l
      : l
          .split(',')
          .map((f, j) => (j === 4 ? 'H31.5.1' : f))
          .join(','),
  );
  fs.writeFileSync(path.join(dir, 'many.csv'), sjis(bad.join('\r\n') + '\r\n'));
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('commands into a pipe', () => {
  it('import --json: the whole JSON through `wc -c`, parseable, every error through `grep -c`', async () => {
    const cmd = `${script('import.ts')} kaigo ${dir}/many.csv --mapping ${MAPPING} --json --quiet`;
    // tee passes on what it reads (and keeps it): wc counts exactly what the command wrote to the pipe.
    const counted = await sh(`${cmd} 2>/dev/null | tee ${dir}/import.json | wc -c`);
    const piped = fs.readFileSync(`${dir}/import.json`, 'utf8');
    expect(Number(counted.stdout.trim())).toBe(Buffer.byteLength(piped));
    expect(Buffer.byteLength(piped)).toBeGreaterThan(300_000);
    const summary = JSON.parse(piped) as { errors: { line: number | null }[] };
    expect(summary.errors).toHaveLength(ROWS);
    expect(summary.errors.every((e) => typeof e.line === 'number')).toBe(true);
    const errors = await sh(`${cmd} 2>&1 >/dev/null | grep -c '^error:'`);
    expect(Number(errors.stdout.trim())).toBe(ROWS);
  }, 180_000);

  it('link --list --json: the whole list through `wc -c`, parseable', async () => {
    const imported = await sh(
      `${script('import.ts')} kaigo ${dir}/good.csv --mapping ${MAPPING} --quiet --by s-kita-01`,
    );
    expect(imported.code).toBe(0);
    const cmd = `${script('link.ts')} kaigo --list --json`;
    const counted = await sh(`${cmd} | tee ${dir}/link.json | wc -c`);
    const piped = fs.readFileSync(`${dir}/link.json`, 'utf8');
    expect(Number(counted.stdout.trim())).toBe(Buffer.byteLength(piped));
    expect(Buffer.byteLength(piped)).toBeGreaterThan(65_536);
    expect((JSON.parse(piped) as unknown[]).length).toBeGreaterThanOrEqual(ROWS / 10);
    // The text form too, and a reader that stops early is not an error.
    const text = await sh(`${script('link.ts')} kaigo --list | tail -1`);
    expect(text.stdout).toMatch(/^\d+ record\(s\) waiting\n$/);
    const head = await sh(`${script('link.ts')} kaigo --list | head -1`);
    expect(head.code).toBe(0);
    expect(head.stderr).not.toMatch(/EPIPE|Error/);
  }, 180_000);

  it('token and trusted list deliver their output to a pipe', async () => {
    const token = await sh(`${script('token.ts')} s-kita-01 | cat`);
    expect(token.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const trusted = await sh(`${script('trusted.ts')} list --json | cat`);
    expect((JSON.parse(trusted.stdout) as { name: string }[]).map((o) => o.name)).toContain(
      'DashboardHousehold',
    );
    const usage = await sh(`${script('token.ts')} | cat`);
    expect(usage.stderr).toContain('usage:');
  }, 60_000);
});

describe('an unclosed quote in a CRLF file', () => {
  it('names the line it opens on, the file once, and a line number in --json', async () => {
    const header = [...kaigoExportLines(1)][0];
    const rows = [...kaigoExportLines(4)].slice(1);
    // Line 1 header, 2–3 rows, 4 a row whose 住所 opens a quote that never closes, 5 a row.
    rows[2] = rows[2]!
      .split(',')
      .map((f, j) => (j === 5 ? `"${f}` : f))
      .join(',');
    const file = path.join(dir, 'stray.csv');
    fs.writeFileSync(
      file,
      [header, rows[0], rows[1], rows[2], rows[3]!.replace(/"/g, '')].join('\r\n') + '\r\n',
    );
    expect(fs.readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(5);
    const cmd = `${script('import.ts')} kaigo ${file} --mapping ${MAPPING} --dry-run --quiet`;
    const plain = await sh(`${cmd} 2>&1 >/dev/null`);
    const errorLine = plain.stdout.split('\n').find((l) => l.startsWith('error:')) ?? '';
    expect(errorLine).toMatch(/^error: stray\.csv:4: not readable as CSV: a quoted field/);
    expect(errorLine.match(/stray\.csv/g)).toHaveLength(1);
    const json = await sh(`${cmd} --json 2>/dev/null | cat`);
    const summary = JSON.parse(json.stdout) as { errors: { file: string; line: number | null }[] };
    expect(summary.errors).toEqual([expect.objectContaining({ file: 'stray.csv', line: 4 })]);
  }, 60_000);
});
