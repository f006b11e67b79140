// A domain's registration date from RDAP (RFC 9083): `GET {base}/domain/{name}`, the `events` entry
// whose eventAction is "registration". https://rdap.org redirects to the registry's own RDAP server
// (fetch follows). 404 = the registry has no such domain (an answer: nothing to know).
import type { LookupSource } from '../cache/backgroundLookups';

const REQUEST_TIMEOUT_MS = 15_000;

export async function fetchRegistration(
  baseUrl: string,
  domain: string,
  signal: AbortSignal,
): Promise<string | null> {
  const url = `${baseUrl.replace(/\/+$/, '')}/domain/${encodeURIComponent(domain)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/rdap+json, application/json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
  } catch (err) {
    throw new Error(`${url}: ${(err as Error).cause ?? (err as Error).message}`);
  }
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  return registrationOf(await res.json());
}

/** The registration date as ISO 8601 text; null when the record has none. */
export function registrationOf(body: unknown): string | null {
  const events = (body as { events?: unknown })?.events;
  if (!Array.isArray(events)) return null;
  for (const e of events as { eventAction?: unknown; eventDate?: unknown }[]) {
    if (e?.eventAction !== 'registration' || typeof e.eventDate !== 'string') continue;
    const ms = Date.parse(e.eventDate);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return null;
}

export function rdapSource(baseUrl: string): LookupSource<string> {
  return {
    namespace: 'rdap_registration',
    label: 'RDAP',
    fetch: (domain, signal) => fetchRegistration(baseUrl, domain, signal),
  };
}
