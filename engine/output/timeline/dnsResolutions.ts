// IP → names it was resolved from, learnt from DNS answers in traffic order, for the timeline's
// `dns_resolution` (upstream's `DNSresolution` hash). Bounded so endless input stays bounded: at most
// MAX_IPS addresses (the least recently resolved are forgotten first) and MAX_NAMES names each
// (the oldest go first). Lists are replaced, never changed, so a caller may keep one as a snapshot.
import type { DnsRecord } from '../../flow';
import { isValidIp } from '../../net/ip';

export const MAX_IPS = 100_000;
export const MAX_NAMES = 10;

export class DnsResolutions {
  private readonly byIp = new Map<string, readonly string[]>();

  constructor(
    private readonly maxIps = MAX_IPS,
    private readonly maxNames = MAX_NAMES,
  ) {}

  learn(rec: DnsRecord): void {
    if (!rec.query || rec.rcodeName.includes('NXDOMAIN')) return;
    for (const answer of rec.answers) if (isValidIp(answer)) this.add(answer, rec.query);
  }

  of(ip: string): readonly string[] | undefined {
    return this.byIp.get(ip);
  }

  get size(): number {
    return this.byIp.size;
  }

  private add(ip: string, name: string): void {
    const old = this.byIp.get(ip);
    if (old && old[old.length - 1] === name) return;
    const names = old ? [...old.filter((n) => n !== name), name] : [name];
    if (names.length > this.maxNames) names.splice(0, names.length - this.maxNames);
    // Re-inserting moves the IP to the end of the Map's order, so the oldest entry is first to evict.
    this.byIp.delete(ip);
    this.byIp.set(ip, names);
    if (this.byIp.size > this.maxIps) this.byIp.delete(this.byIp.keys().next().value!);
  }
}
