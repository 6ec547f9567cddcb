/**
 * Writing a command's output so that all of it reaches a pipe. process.exit() right
 * after a large write cuts it off: stdout to a pipe is asynchronous in Node, and exit
 * does not wait (a 273 kB `link --list --json | wc -c` stopped at 65,536 bytes). So the
 * commands write through here, await the write, set process.exitCode and return: the
 * process ends when its output is delivered.
 */
import type { Writable } from 'node:stream';

/** Resolves when `text` has been handed to the OS (or the reader has gone: EPIPE). */
export function writeOut(text: string, stream: Writable = process.stdout): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      // The reader closed the pipe (`| head`): nothing more to deliver, not a failure.
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    });
  });
}

/** `writeOut` for stderr. */
export function writeErr(text: string): Promise<void> {
  return writeOut(text, process.stderr);
}

/**
 * A reader that closes the pipe early (`| head -1`) is not an error of the command:
 * stop quietly instead of throwing EPIPE from a later write.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw error;
    });
}

/**
 * Ends the process with `code` once stdout and stderr have delivered what was written
 * to them: for failure paths that may leave a connection open (a MongoDB client), where
 * setting process.exitCode alone could leave the process waiting.
 */
export async function exitAfterOutput(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    // An empty write's callback runs after every earlier write has been flushed.
    stream.write('', () => resolve());
  });
}
