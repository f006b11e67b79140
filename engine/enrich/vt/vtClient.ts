// A VirusTotal API v3 client for the four reports Slips uses: IP addresses, domains, URLs and files.
// Only the counts of `data.attributes.last_analysis_stats` are kept: enrichment, never evidence
// (upstream's virustotal module raises no evidence either).
//
// Status codes as VirusTotal documents them (https://docs.virustotal.com/reference/errors):
// 404 NotFoundError = VirusTotal has no report (an answer, cached like any other);
// 429 QuotaExceededError = too many requests: wait and try again (Retry-After when given, else a
// minute, doubling), a few times; 401 WrongCredentialsError / 403 ForbiddenError = the key cannot
// be used: no request of this run can succeed, so the lookups turn off.
import type { LookupClock } from '../cache/lookupClock';
import { LookupsOff } from '../cache/backgroundLookups';
import { RateLimiter } from './rateLimiter';

export type VtObjectKind = 'ip' | 'domain' | 'url' | 'file';

/** How many engines called the object what, in its last analysis. */
export interface VtScores {
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
}

const COLLECTION: Record<VtObjectKind, string> = {
  ip: 'ip_addresses',
  domain: 'domains',
  url: 'urls',
  file: 'files',
};

/** Free-tier quota: 4 requests per minute. */
export const FREE_TIER_PER_MINUTE = 4;
const MINUTE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface VtClientOptions {
  apiKey: string;
  /** `https://www.virustotal.com`, or a local server in tests. */
  baseUrl: string;
  clock: LookupClock;
  requestsPerMinute?: number;
  /** Times a 429 is retried before the lookup fails. */
  maxRetries?: number;
}

/** A URL's identifier in API v3: its unpadded base64url encoding. */
export function vtUrlId(url: string): string {
  return Buffer.from(url, 'utf8').toString('base64url');
}

export class VtClient {
  private readonly limiter: RateLimiter;
  /** Sends per object, with the clock's time, for tests and the bench. */
  readonly sendTimes: number[] = [];

  constructor(private readonly o: VtClientOptions) {
    this.limiter = new RateLimiter(o.requestsPerMinute ?? FREE_TIER_PER_MINUTE, MINUTE_MS, o.clock);
  }

  /** The object's scores; null when VirusTotal has no report of it. */
  async report(kind: VtObjectKind, id: string, signal: AbortSignal): Promise<VtScores | null> {
    const ident = kind === 'url' ? vtUrlId(id) : id;
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/api/v3/${COLLECTION[kind]}/${encodeURIComponent(ident)}`;
    const retries = this.o.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.take(signal);
      this.sendTimes.push(this.o.clock.now());
      const res = await fetch(url, {
        headers: { 'x-apikey': this.o.apiKey, accept: 'application/json' },
        signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      if (res.status === 200) return scoresOf(await res.json());
      const why = await errorOf(res);
      if (res.status === 404) return null;
      if (res.status === 401 || res.status === 403)
        throw new LookupsOff(
          `the API key was refused (${res.status} ${why}); VirusTotal lookups are off for this run`,
        );
      if (res.status === 429 && attempt < retries) {
        await this.o.clock.sleep(backoffMs(res.headers.get('retry-after'), attempt), signal);
        continue;
      }
      throw new Error(`HTTP ${res.status} ${why}`);
    }
  }
}

/** Retry-After (seconds) when VirusTotal sends it, else one minute, doubling with each attempt. */
export function backoffMs(retryAfter: string | null, attempt: number): number {
  const s = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  return MINUTE_MS * 2 ** attempt;
}

/** `code: message` of a VirusTotal error body (`{"error": {"code", "message"}}`), or the status text. */
async function errorOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    const e = body?.error;
    if (e && typeof e.code === 'string')
      return typeof e.message === 'string' ? `${e.code}: ${e.message}` : e.code;
  } catch {
    // Not JSON: the status text says enough.
  }
  return res.statusText;
}

function scoresOf(body: unknown): VtScores {
  const stats = (body as { data?: { attributes?: { last_analysis_stats?: Record<string, unknown> } } })?.data
    ?.attributes?.last_analysis_stats;
  if (!stats || typeof stats !== 'object')
    throw new Error('the report has no data.attributes.last_analysis_stats');
  const count = (k: string) => {
    const v = stats[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  return {
    malicious: count('malicious'),
    suspicious: count('suspicious'),
    harmless: count('harmless'),
    undetected: count('undetected'),
  };
}
