/**
 * Several processes on one embedded store: a command run while the services are up (an
 * import, a seed, `npm run link`) is seen by them on their next read, without a restart.
 * Here the "service" is this process's open store and the command is a child process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../shared/store';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('a second process on the same store', () => {
  it('an import in another process is read by the running service at once, through its index', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-procs-'));
    const service = new EmbeddedStore({ dataDir });
    const records = service.collection('records');
    expect(await records.find({ 'link.residentId': { $in: ['P-1', 'P-7'] } })).toEqual([]);

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'store-child.ts'), dataDir, 'import', '1000'],
      { cwd: ROOT },
    );
    expect(stdout).toContain('ack imported 1000');

    // No reopen: the next read sees the other process's collection, documents and index.
    const found = await records.find({ 'link.residentId': { $in: ['P-1', 'P-7'] } }, { sort: { _id: 1 } });
    expect(found.map((d) => d._id)).toEqual(['K-1', 'K-7']);
    expect(service.explain('records', { 'link.residentId': 'P-1' }).join()).toMatch(
      /i:records:link.residentId/,
    );
    expect(await records.countDocuments({})).toBe(1000);
    await service.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
