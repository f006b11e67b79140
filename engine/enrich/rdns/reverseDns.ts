// Reverse DNS of profile IPs (upstream ip_info's `reverse_dns`, from socket.gethostbyaddr): the first
// PTR name. A resolver of its own (node:dns Resolver) with a timeout and one try, so a slow or absent
// DNS server costs seconds, never the run. "No PTR record" is an answer (null) and is cached.
import { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import type { LookupSource } from '../cache/backgroundLookups';

/** PTR names of an IP; resolves [] when there are none. */
export type ReverseResolver = (ip: string) => Promise<string[]>;

const TIMEOUT_MS = 2000;
/** c-ares codes that mean "there is no name", not "the lookup failed". */
const NO_NAME = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME']);

/** The system's DNS servers, or `servers` (`host` or `host:port`, e.g. a test's local server). */
export function systemReverseResolver(servers?: string[], timeoutMs = TIMEOUT_MS): ReverseResolver {
  const r = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers?.length) r.setServers(servers);
  return async (ip) => {
    const name = arpaName(ip);
    if (!name) return [];
    try {
      // resolvePtr, not reverse(): reverse() reports a timeout as ENOTFOUND (it falls back to the hosts
      // file), which would cache "no name" for an address whose server only was slow.
      return await r.resolvePtr(name);
    } catch (err) {
      if (NO_NAME.has((err as NodeJS.ErrnoException).code ?? '')) return [];
      throw err;
    }
  };
}

/** `4.3.2.1.in-addr.arpa` / the nibbles of `ip6.arpa`; undefined when `ip` is not an address. */
export function arpaName(ip: string): string | undefined {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  // IPv4-mapped forms (`::ffff:1.2.3.4`) are left out: their owner's name is under in-addr.arpa.
  if (!isIPv6(ip) || ip.includes('.')) return undefined;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const full = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const nibbles = full.map((g) => g.padStart(4, '0')).join('');
  return `${[...nibbles].reverse().join('.')}.ip6.arpa`;
}

export function reverseDnsSource(resolve: ReverseResolver): LookupSource<string> {
  return {
    namespace: 'reverse_dns',
    label: 'reverse DNS',
    fetch: async (ip, signal) => {
      const names = await abortable(resolve(ip), signal);
      return names.length ? names[0]!.replace(/\.$/, '') : null;
    },
  };
}

/** c-ares lookups cannot be aborted; the run stops waiting for them instead. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
