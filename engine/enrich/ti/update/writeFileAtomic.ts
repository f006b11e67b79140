// Readers of the remote-feeds folder (an analysis starting while an update runs) must see either the
// old file or the new one, never half of one: write beside the target, then rename over it.
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary name in the target's own folder (rename is only atomic within one file system). */
export function tempPathFor(target: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${rand}.tmp`);
}

export function writeFileAtomic(target: string, data: string): void {
  const tmp = tempPathFor(target);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temporary files an update left when it was killed mid-download (their process is gone). Files of a
 * process still running are another update's, in progress, and stay. Returns the names removed.
 */
export function removeStaleTemps(folder: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const m = /^\..+\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
    if (!m || running(Number(m[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}
