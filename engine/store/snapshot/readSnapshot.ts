// Opening a saved analysis: the file's header and checksum are checked (snapshotFile.ts), then the
// payload's shape, then the profiles, windows, evidence and alerts are put back into a MemoryStore, so
// everything that reads a store (the kernel's queries, Kalipso, `slips alerts`) reads a reopened
// analysis exactly as it read the live one. Nothing of the capture is read again.
import { open, readFile } from 'node:fs/promises';
import { MemoryStore } from '../memoryStore';
import { decodeSnapshot, looksLikeSnapshot, SnapshotError } from './snapshotFile';
import type { SnapshotPayload } from './snapshotPayload';

export interface OpenedSnapshot {
  payload: SnapshotPayload;
  store: MemoryStore;
}

/** True when `path` is a file that starts with a snapshot header (whatever its name). */
export async function isSnapshotFile(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(64);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return looksLikeSnapshot(head.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The first part of the payload that is not what a snapshot holds, or undefined. */
function shapeProblem(p: unknown): string | undefined {
  if (!isObj(p)) return 'the payload is not an object';
  for (const k of ['profiles', 'evidence', 'alerts', 'records'])
    if (!Array.isArray(p[k])) return `'${k}' is not a list`;
  for (const k of ['config', 'grid', 'summary', 'names', 'alts'])
    if (!isObj(p[k])) return `'${k}' is missing`;
  if (typeof p.input !== 'string' || typeof p.format !== 'string') return `'input' or 'format' is missing`;
  const evidence = (p.evidence as unknown[]).length;
  const alerts = (p.alerts as unknown[]).length;
  for (const [i, prof] of (p.profiles as unknown[]).entries()) {
    if (
      !isObj(prof) ||
      typeof prof.ip !== 'string' ||
      !Array.isArray(prof.windows) ||
      !Array.isArray(prof.info)
    )
      return `profile ${i} is not {ip, info, windows}`;
    for (const w of prof.windows as unknown[]) {
      if (!isObj(w) || typeof w.number !== 'number' || !Array.isArray(w.evidence) || !Array.isArray(w.alerts))
        return `a window of ${prof.ip} is not {number, evidence, alerts}`;
      if ((w.evidence as unknown[]).some((x) => typeof x !== 'number' || x < 0 || x >= evidence))
        return `window ${w.number} of ${prof.ip} names evidence the snapshot does not hold`;
      if ((w.alerts as unknown[]).some((x) => typeof x !== 'number' || x < 0 || x >= alerts))
        return `window ${w.number} of ${prof.ip} names an alert the snapshot does not hold`;
    }
  }
  for (const [i, e] of (p.evidence as unknown[]).entries())
    if (!isObj(e) || typeof e.id !== 'string' || !isObj(e.timewindow))
      return `evidence ${i} has no id or window`;
  for (const [i, a] of (p.alerts as unknown[]).entries())
    if (!isObj(a) || typeof a.id !== 'string' || !Array.isArray(a.correlIds) || !isObj(a.lastEvidence))
      return `alert ${i} is not a complete alert`;
  return undefined;
}

export function restoreStore(payload: SnapshotPayload): MemoryStore {
  const store = new MemoryStore();
  const byId = new Map(payload.evidence.map((e) => [e.id, e]));
  // One evidence object per id, as in the live run where an alert's last evidence is one of its window's.
  for (const a of payload.alerts) a.lastEvidence = byId.get(a.lastEvidence.id) ?? a.lastEvidence;
  for (const entry of payload.profiles) {
    const p = store.profile(entry.ip, entry.firstSeen);
    for (const [k, v] of entry.info) p.info.set(k, v);
    for (const w of entry.windows) {
      const tw = store.window(p, w.number, w.start, w.end);
      tw.lastModified = w.lastModified;
      tw.closed = w.closed;
      tw.summary = { ...w.summary };
      // A saved window has no records of its own: the snapshot's records are the run's, in input order.
      tw.detail = undefined;
      tw.evidence = w.evidence.map((i) => payload.evidence[i]!);
      tw.alerts = w.alerts.map((i) => payload.alerts[i]!);
    }
  }
  return store;
}

export async function readSnapshot(path: string, name = path): Promise<OpenedSnapshot> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (code ?? (err as Error).message);
    throw new SnapshotError(`cannot read the saved analysis ${name}: ${why}`);
  }
  const payload = decodeSnapshot(data, name);
  const why = shapeProblem(payload);
  if (why) throw new SnapshotError(`${name} is not a saved analysis this engine can open: ${why}`);
  const p = payload as SnapshotPayload;
  return { payload: p, store: restoreStore(p) };
}
