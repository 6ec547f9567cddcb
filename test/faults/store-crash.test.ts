/**
 * kill -9 of a process under write load loses no acknowledged write: the child writes
 * as fast as it can and prints each write it has been told is done; it is killed
 * mid-stream; every printed write must be in the store when it is opened again, whole
 * (a batch entirely or not at all), and the database must pass SQLite's integrity check.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../../shared/store';
import { recordFault } from '../support/security-summary';

const ROOT = path.resolve(__dirname, '../..');

function startWriter(
  dataDir: string,
  durability: 'commit' | 'wal-fsync',
): {
  child: ChildProcessWithoutNullStreams;
  acks: string[];
  ready: Promise<void>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'store-child.ts'), dataDir, 'write-forever', durability],
    {
      cwd: ROOT,
    },
  );
  const acks: string[] = [];
  let buffered = '';
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ack ready') readyResolve();
      else if (line.startsWith('ack ')) acks.push(line.slice(4));
    }
  });
  return { child, acks, ready };
}

// commit: every store but the audit log; wal-fsync: the audit log (WAL fsynced off the event loop).
describe.each(['commit', 'wal-fsync'] as const)('durable writes under kill -9 (%s)', (durability) => {
  it('every write acknowledged before SIGKILL is there after reopening', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juso-kill-'));
    const { child, acks, ready } = startWriter(dataDir, durability);
    const exited = new Promise<string | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    await ready;
    // Let it write for a while, then kill it without warning in the middle of its stream.
    while (acks.length < 300) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = new EmbeddedStore({ dataDir });
    const docs = store.collection('writes');
    const ids = new Set((await docs.find({})).map((d) => d._id));
    const missing: string[] = [];
    let incs = 0;
    for (const ack of acks) {
      if (ack.startsWith('one-') && !ids.has(ack)) missing.push(ack);
      if (ack.startsWith('batch-'))
        for (let j = 0; j < 20; j++) if (!ids.has(`${ack}-${j}`)) missing.push(`${ack}-${j}`);
      if (ack.startsWith('inc-')) incs++;
    }
    const counter = (await docs.findOne({ _id: 'counter' })) as { count: number } | null;
    // A batch is there whole or not at all, even the one in flight at the kill.
    const batches = new Map<string, number>();
    for (const id of ids)
      if (id.startsWith('batch-'))
        batches.set(id.replace(/-\d+$/, ''), (batches.get(id.replace(/-\d+$/, '')) ?? 0) + 1);
    const torn = [...batches.values()].filter((n) => n !== 20).length;
    const integrity = store.database.pragma('integrity_check', { simple: true });
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });

    const survived =
      missing.length === 0 && (counter?.count ?? 0) >= incs && torn === 0 && integrity === 'ok';
    recordFault(`kill -9 under write load (${durability})`, survived);
    expect({ missing, torn, integrity }).toEqual({ missing: [], torn: 0, integrity: 'ok' });
    expect(counter?.count).toBeGreaterThanOrEqual(incs);
    expect(acks.length).toBeGreaterThanOrEqual(300);
  }, 60_000);
});
