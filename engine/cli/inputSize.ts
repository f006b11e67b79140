// Bytes a progress bar measures against: the file's size, or the sum of a folder's files.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function inputSize(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) {
    const f = await stat(join(path, name)).catch(() => undefined);
    if (f?.isFile()) total += f.size;
  }
  return total;
}
