// The enrichment cache in Redis database 1 when the analysis itself goes to Redis (upstream keeps
// IPsInfo/DomainsInfo in DB 1 and the analysis in DB 0, quirk Q19), so every run against that server
// shares it. One hash per namespace; each field holds the JSON entry. Redis errors never stop a run:
// a failed read is a miss, failed writes are reported once when the cache closes.
import { Redis } from 'ioredis';
import { type CacheEntry, type EnrichmentCache, isCacheEntry } from './enrichmentCache';

/** Upstream's cache database. */
export const ENRICHMENT_DB = 1;
const KEY_PREFIX = 'slips_notebooks_enrichment:';

/** The URL of the same server with the cache database instead of the analysis one. */
export function cacheUrlOf(analysisUrl: string): string {
  const u = new URL(analysisUrl);
  u.pathname = `/${ENRICHMENT_DB}`;
  return u.toString();
}

export class RedisEnrichmentCache implements EnrichmentCache {
  private readonly redis: Redis;
  private writeError: string | undefined;
  private readonly writes: Promise<unknown>[] = [];

  constructor(
    analysisUrl: string,
    private readonly onProblem: (line: string) => void = () => {},
  ) {
    this.where = cacheUrlOf(analysisUrl);
    this.redis = new Redis(this.where, { lazyConnect: false, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    // Without a listener a connection error would be thrown as an unhandled event.
    this.redis.on('error', () => {});
  }

  readonly where: string;

  async get(namespace: string, key: string): Promise<CacheEntry | undefined> {
    try {
      const raw = await this.redis.hget(KEY_PREFIX + namespace, key);
      if (raw === null) return undefined;
      const e = JSON.parse(raw) as unknown;
      return isCacheEntry(e) ? e : undefined;
    } catch {
      return undefined;
    }
  }

  set(namespace: string, key: string, entry: CacheEntry): void {
    this.writes.push(
      this.redis.hset(KEY_PREFIX + namespace, key, JSON.stringify(entry)).catch((err: Error) => {
        this.writeError ??= err.message;
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.writes);
    if (this.writeError)
      this.onProblem(`${this.where}: some enrichment answers were not cached: ${this.writeError}`);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
