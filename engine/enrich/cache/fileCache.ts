// The enrichment cache as one JSON file in the user's cache folder (engine/enrich/cacheDir.ts): read
// once when the run starts, written once when it ends. Two runs ending at the same time would each
// write their own view, so the writer merges with what is on disk first (the newer entry wins) and
// replaces the file by renaming, so a reader never sees half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { enrichmentCacheDir } from '../cacheDir';
import { type CacheEntry, type EnrichmentCache, isCacheEntry } from './enrichmentCache';

type Namespaces = Map<string, Map<string, CacheEntry>>;

export const CACHE_FILE_NAME = 'enrichment-cache.json';

export function defaultCacheFile(dir = enrichmentCacheDir()): string {
  return join(dir, CACHE_FILE_NAME);
}

export class FileEnrichmentCache implements EnrichmentCache {
  private readonly data: Namespaces;
  private dirty = false;

  /** A file that is missing starts an empty cache; one that cannot be read does too, with one line. */
  constructor(
    readonly where: string,
    private readonly onProblem: (line: string) => void = () => {},
  ) {
    this.data = readCacheFile(where, onProblem) ?? new Map();
  }

  async get(namespace: string, key: string): Promise<CacheEntry | undefined> {
    return this.data.get(namespace)?.get(key);
  }

  set(namespace: string, key: string, entry: CacheEntry): void {
    let ns = this.data.get(namespace);
    if (!ns) this.data.set(namespace, (ns = new Map()));
    ns.set(key, entry);
    this.dirty = true;
  }

  async close(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      const merged = readCacheFile(this.where, () => {}) ?? new Map();
      for (const [name, entries] of this.data) {
        let ns = merged.get(name);
        if (!ns) merged.set(name, (ns = new Map()));
        for (const [k, e] of entries) {
          const old = ns.get(k);
          if (!old || old.t <= e.t) ns.set(k, e);
        }
      }
      mkdirSync(dirname(this.where), { recursive: true });
      const tmp = `${this.where}.${process.pid}.tmp`;
      writeFileSync(tmp, serialise(merged));
      renameSync(tmp, this.where);
    } catch (err) {
      this.onProblem(`${this.where}: cannot write the enrichment cache: ${(err as Error).message}`);
    }
  }
}

/** Sorted keys, so the file only changes where the answers did. */
function serialise(data: Namespaces): string {
  const out: Record<string, Record<string, CacheEntry>> = {};
  for (const name of [...data.keys()].sort()) {
    const ns = data.get(name)!;
    out[name] = Object.fromEntries([...ns.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return JSON.stringify({ version: 1, namespaces: out }) + '\n';
}

/** The file's entries; undefined when there is no file or it cannot be used (then one line says why). */
function readCacheFile(path: string, onProblem: (line: string) => void): Namespaces | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      onProblem(
        `${path}: cannot read the enrichment cache (${(err as Error).message}); starting with an empty cache`,
      );
    return undefined;
  }
  try {
    const doc = JSON.parse(text) as { version?: unknown; namespaces?: unknown };
    if (doc?.version !== 1 || typeof doc.namespaces !== 'object' || doc.namespaces === null)
      throw new Error('not an enrichment cache of this version');
    const data: Namespaces = new Map();
    for (const [name, entries] of Object.entries(doc.namespaces as Record<string, unknown>)) {
      if (typeof entries !== 'object' || entries === null)
        throw new Error(`namespace ${name} is not an object`);
      const ns = new Map<string, CacheEntry>();
      for (const [k, e] of Object.entries(entries as Record<string, unknown>)) {
        if (!isCacheEntry(e)) throw new Error(`entry ${name}/${k} has no value and time`);
        ns.set(k, e);
      }
      data.set(name, ns);
    }
    return data;
  } catch (err) {
    onProblem(
      `${path}: the enrichment cache is corrupted (${(err as Error).message}); starting with an empty cache`,
    );
    return undefined;
  }
}
