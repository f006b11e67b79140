// Writing a saved analysis: to a temporary file beside the target, renamed into place once complete,
// so an interrupted save never leaves a half-written snapshot under the name the user gave.
import { rename, unlink, writeFile } from 'node:fs/promises';
import { encodeSnapshot } from './snapshotFile';
import { payloadOf, type RunToSave } from './snapshotPayload';

/** Writes the snapshot and returns its size in bytes. */
export async function writeSnapshot(path: string, run: RunToSave): Promise<number> {
  const data = encodeSnapshot(payloadOf(run));
  const tmp = `${path}.${process.pid}.part`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return data.length;
}
