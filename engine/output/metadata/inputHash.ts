// sha256 of the analysed input, streamed so a multi-gigabyte capture never sits in memory. A folder
// (Zeek logs) gets one hash per file, by path relative to it, sorted so the listing is stable.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export type InputHash =
  { sha256: string; bytes: number } | { files: Record<string, { sha256: string; bytes: number }> };

export function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk) => {
        bytes += chunk.length;
        h.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), bytes }));
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) out.push(...(await listFiles(p)));
    else if (ent.isFile()) out.push(p);
  }
  return out;
}

/** Undefined when there is nothing on disk to hash (stdin, a live interface). */
export async function hashInput(path: string): Promise<InputHash | undefined> {
  if (path === '-') return undefined;
  let st;
  try {
    st = await stat(path);
  } catch {
    return undefined;
  }
  if (st.isFile()) return sha256File(path);
  if (!st.isDirectory()) return undefined;
  const files: Record<string, { sha256: string; bytes: number }> = {};
  const paths = (await listFiles(path)).map((p) => relative(path, p).split(sep).join('/')).sort();
  for (const rel of paths) files[rel] = await sha256File(join(path, rel));
  return { files };
}
