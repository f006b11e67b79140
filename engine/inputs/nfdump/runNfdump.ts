// Runs `nfdump -r FILE -o csv` and hands back its stdout as a stream, so a large capture is
// converted while it is read rather than buffered. TZ=UTC makes nfdump print times in UTC, which
// is how zone-less times are read (timestamps.ts), so results do not depend on the machine's zone.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Accounting } from '../accounting';
import { InputError } from '../reader';

/** stderr lines kept as file errors; nfdump repeats itself on a broken file. */
const MAX_STDERR_LINES = 20;

export interface NfdumpRun {
  stdout: Readable;
  /** Resolves when nfdump has exited and its stderr and exit status are reported. */
  finished: Promise<void>;
  /** Ends nfdump early (the reader was stopped). */
  stop(): void;
}

export async function runNfdump(command: string, path: string, acc: Accounting): Promise<NfdumpRun> {
  const child = spawn(command, ['-r', path, '-o', 'csv'], {
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        reject(
          new InputError(
            `${path}: reading nfdump files needs the nfdump tool, which is not installed; install it with apt-get install nfdump`,
          ),
        );
      else reject(new InputError(`${path}: could not run ${command}: ${err.message}`));
    });
  });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  let stopped = false;
  const finished = new Promise<void>((resolve) => {
    child.once('close', (code, sig) => {
      const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0);
      for (const l of lines.slice(0, MAX_STDERR_LINES)) acc.fileError(path, 0, `nfdump: ${l}`);
      if (!stopped && code !== 0)
        acc.fileError(
          path,
          0,
          `nfdump exited with ${code === null ? `signal ${sig}` : `code ${code}`}; flows it printed before were kept`,
        );
      resolve();
    });
  });
  return {
    stdout: child.stdout,
    finished,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) {
        stopped = true;
        child.kill();
      }
    },
  };
}
