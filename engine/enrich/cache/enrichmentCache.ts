// The persistent enrichment cache (quirk Q19): what remote services said about an IP or a domain,
// kept across runs and apart from any analysis (a run's output folder or Redis DB 0 never holds it).
// Entries are grouped by namespace (one per kind of lookup) and carry the wall-clock time they were
// fetched, so each lookup decides itself when an entry is too old and fetches it again.

export interface CacheEntry {
  /** The answer; null when the service said it has nothing (a cached "not found"). */
  v: unknown;
  /** Seconds since the epoch when the answer was fetched. */
  t: number;
}

export interface EnrichmentCache {
  /** Where the cache lives, for messages. */
  readonly where: string;
  get(namespace: string, key: string): Promise<CacheEntry | undefined>;
  set(namespace: string, key: string, entry: CacheEntry): void;
  /** Writes what is pending and releases the cache; failures are reported, never thrown. */
  close(): Promise<void>;
}

/** True when the value read back from a store has the shape of an entry. */
export function isCacheEntry(x: unknown): x is CacheEntry {
  return (
    typeof x === 'object' &&
    x !== null &&
    'v' in x &&
    typeof (x as CacheEntry).t === 'number' &&
    Number.isFinite((x as CacheEntry).t)
  );
}
