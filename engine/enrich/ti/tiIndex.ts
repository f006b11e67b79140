// Every loaded indicator, indexed for lookups in well under a microsecond: IPv4 addresses as a
// sorted Uint32Array (8 bytes each instead of a map entry), IPv4 ranges in one map per prefix length
// (an address costs one lookup per length present, however many ranges a feed lists), IPv6 ranges
// bucketed by first hextet (upstream's layout), domains in a map walked from the name up to its parents,
// and ASNs, URLs and hashes in maps. Descriptions are shared between indicators (IocMeta).
import { type Cidr, cidrContains, ipv4ToInt, parseCidr } from '../../net/cidr';
import { canonicalIpv6 } from '../geo/ipv6';
import type { FeedEntry, FeedSource } from './parseFeed';
import type { IocKind, IocMeta } from './types';

export interface DomainMatch {
  meta: IocMeta;
  /** The listed name (the queried one, or a parent of it). */
  listed: string;
  isSubdomain: boolean;
}

export interface IpMatch {
  meta: IocMeta;
  /** The listed address or range. */
  listed: string;
}

/** IPv4 key × META_SPAN + meta index stays below 2^53, so the pair sorts as one float exactly. */
const META_SPAN = 2 ** 21;

interface RangeEntry {
  cidr: Cidr;
  meta: number;
}

/** The IPv4 ranges of one prefix length, by network address. */
interface PrefixTable {
  prefix: number;
  mask: number;
  byNet: Map<number, RangeEntry>;
}

export class TiIndex {
  private readonly metas: IocMeta[] = [];
  private readonly metaIds = new Map<string, number>();
  private v4Pending: number[] = [];
  private v4Keys = new Uint32Array(0);
  private v4Meta = new Uint32Array(0);
  private readonly v6 = new Map<string, number>();
  /** Longest prefix first, so the most specific listed range is the one reported. */
  private v4Ranges: PrefixTable[] = [];
  private readonly v6Ranges = new Map<number, RangeEntry[]>();
  private readonly domains = new Map<string, number>();
  private readonly maps: Record<'asn' | 'url' | 'ja3' | 'sslSha1' | 'jarm', Map<string, number>> = {
    asn: new Map(),
    url: new Map(),
    ja3: new Map(),
    sslSha1: new Map(),
    jarm: new Map(),
  };
  private readonly counts: Record<IocKind, number> = {
    ip: 0,
    range: 0,
    domain: 0,
    asn: 0,
    url: 0,
    ja3: 0,
    sslSha1: 0,
    jarm: 0,
  };
  /** Indicators beyond the description table's size keep the feed but lose their own description. */
  private overflowMeta = -1;

  /** How many indicators of each kind were added (a later feed listing the same one counts again). */
  get sizes(): Readonly<Record<IocKind, number>> {
    return this.counts;
  }

  get size(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** Later additions of the same indicator win, so the local files (loaded last) override feeds. */
  add(e: FeedEntry, src: FeedSource): void {
    const m = this.metaId(e.description, src, e.threatLevel);
    const { kind, value } = e.ioc;
    this.counts[kind]++;
    switch (kind) {
      case 'ip': {
        const n = ipv4ToInt(value);
        if (n !== undefined) this.v4Pending.push(n * META_SPAN + m);
        else this.v6.set(canonicalIpv6(value) ?? value, m);
        return;
      }
      case 'range': {
        const cidr = parseCidr(value);
        if (cidr) this.addRange(cidr, m);
        return;
      }
      case 'domain':
        this.domains.set(value, m);
        return;
      default:
        this.maps[kind].set(value, m);
    }
  }

  /** Sorts what add() collected; call once after loading (lookups call it too if needed). */
  seal(): void {
    if (!this.v4Pending.length) return;
    const all = new Float64Array(this.v4Keys.length + this.v4Pending.length);
    for (let i = 0; i < this.v4Keys.length; i++) all[i] = this.v4Keys[i]! * META_SPAN + this.v4Meta[i]!;
    all.set(this.v4Pending, this.v4Keys.length);
    this.v4Pending = [];
    all.sort();
    // One entry per address: the highest description id, i.e. the feed whose description for it
    // was first seen last (local files load after feeds, so a user's own entry wins).
    const keys: number[] = [];
    const metas: number[] = [];
    for (let i = 0; i < all.length; i++) {
      const key = Math.floor(all[i]! / META_SPAN);
      const meta = all[i]! - key * META_SPAN;
      if (keys.length && keys[keys.length - 1] === key) metas[metas.length - 1] = meta;
      else {
        keys.push(key);
        metas.push(meta);
      }
    }
    this.v4Keys = Uint32Array.from(keys);
    this.v4Meta = Uint32Array.from(metas);
  }

  ip(ip: string): IpMatch | undefined {
    if (this.v4Pending.length) this.seal();
    const n = ipv4ToInt(ip);
    if (n !== undefined) {
      const keys = this.v4Keys;
      let lo = 0;
      let hi = keys.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const k = keys[mid]!;
        if (k < n) lo = mid + 1;
        else if (k > n) hi = mid - 1;
        else return { meta: this.metas[this.v4Meta[mid]!]!, listed: ip };
      }
      for (const t of this.v4Ranges) {
        const r = t.byNet.get((n & t.mask) >>> 0);
        if (r) return { meta: this.metas[r.meta]!, listed: r.cidr.text };
      }
      return undefined;
    }
    if (!ip.includes(':')) return undefined;
    const canon = canonicalIpv6(ip);
    if (!canon) return undefined;
    const m = this.v6.get(canon);
    if (m !== undefined) return { meta: this.metas[m]!, listed: ip };
    return this.inRanges(this.v6Ranges.get(parseInt(canon.slice(0, canon.indexOf(':')), 16)), ip);
  }

  /** Exact name first, then each parent (`a.b.evil.example` → `b.evil.example` → `evil.example`). */
  domain(name: string): DomainMatch | undefined {
    let d = name.toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    let isSubdomain = false;
    for (;;) {
      const m = this.domains.get(d);
      if (m !== undefined) return { meta: this.metas[m]!, listed: d, isSubdomain };
      const dot = d.indexOf('.');
      // Stop before a bare top-level domain: a list naming `com` is not a reason to flag every name.
      if (dot < 0 || d.indexOf('.', dot + 1) < 0) return undefined;
      d = d.slice(dot + 1);
      isSubdomain = true;
    }
  }

  asn(number: number): IocMeta | undefined {
    return this.get('asn', String(number));
  }

  url(url: string): IocMeta | undefined {
    return this.get('url', url.toLowerCase());
  }

  ja3(hash: string): IocMeta | undefined {
    return this.get('ja3', hash.toLowerCase());
  }

  sslSha1(hash: string): IocMeta | undefined {
    return this.get('sslSha1', hash.toLowerCase());
  }

  jarm(hash: string): IocMeta | undefined {
    return this.get('jarm', hash.toLowerCase());
  }

  get hasAsns(): boolean {
    return this.maps.asn.size > 0;
  }

  private get(kind: keyof TiIndex['maps'], key: string): IocMeta | undefined {
    const m = this.maps[kind].get(key);
    return m === undefined ? undefined : this.metas[m];
  }

  private inRanges(list: RangeEntry[] | undefined, ip: string): IpMatch | undefined {
    if (!list) return undefined;
    for (const r of list)
      if (cidrContains(r.cidr, ip)) return { meta: this.metas[r.meta]!, listed: r.cidr.text };
    return undefined;
  }

  private addRange(cidr: Cidr, meta: number): void {
    const entry = { cidr, meta };
    if (!cidr.v6) {
      let t = this.v4Ranges.find((x) => x.prefix === cidr.prefix);
      if (!t) {
        t = { prefix: cidr.prefix, mask: cidr.mask, byNet: new Map() };
        this.v4Ranges = [...this.v4Ranges, t].sort((a, b) => b.prefix - a.prefix);
      }
      // The same range listed again: the later list wins, as for single addresses.
      t.byNet.set(cidr.net, entry);
      return;
    }
    const first = cidr.hextets![0]!;
    const span = cidr.prefix >= 16 ? 1 : 2 ** (16 - cidr.prefix);
    for (let h = first; h < first + span; h++) bucket(this.v6Ranges, h).push(entry);
  }

  private metaId(description: string, src: FeedSource, threatLevel: IocMeta['threatLevel']): number {
    const key = `${src.name}\u0000${threatLevel}\u0000${src.tags}\u0000${description}`;
    let id = this.metaIds.get(key);
    if (id !== undefined) return id;
    if (this.metas.length >= META_SPAN - 1) {
      if (this.overflowMeta < 0) {
        this.overflowMeta = this.metas.length;
        this.metas.push({ description: '', source: src.name, threatLevel, tags: src.tags });
      }
      return this.overflowMeta;
    }
    id = this.metas.length;
    this.metas.push({ description, source: src.name, threatLevel, tags: src.tags });
    this.metaIds.set(key, id);
    return id;
  }
}

function bucket(m: Map<number, RangeEntry[]>, k: number): RangeEntry[] {
  let b = m.get(k);
  if (!b) m.set(k, (b = []));
  return b;
}
