// The local whitelist as a matcher (slips-behaviour.md 5.1 and 6.2): records whose source or destination
// matches an entry that ignores flows are dropped before profiling; evidence whose attacker or victim
// matches an entry that ignores alerts is dropped before accumulation. Every value is reduced to a bit
// mask of (direction × ignore type) so one lookup answers all four questions.
//
// What a side of a flow or evidence is matched by:
//  * ip: the address itself, exactly or inside a CIDR range (ranges are an extension of upstream's exact IPs);
//  * domain and organisation (by its listed domains): the domain or any subdomain of it, among the names
//    the record itself carries (DNS query, HTTP host, TLS SNI and certificate CN, destination side) and the
//    names the address is known by so far in traffic time (DNS answers that contained it, with their
//    CNAMEs, and SNI of TLS connections to it);
//  * mac: the record's own MACs (conn smac/dmac, DHCP client MAC, ARP) and the MAC a local address was
//    last seen with.
import { isIP } from 'node:net';
import type { FlowRecord } from '../flow';
import type { Evidence, Party } from '../evidence/types';
import type { NetworkKnowledge } from '../detectors/networkKnowledge';
import { cidrContains, ipv4ToInt, parseCidr, type Cidr } from '../net/cidr';
import { isPrivateIp } from '../net/ip';
import { normaliseMac, type WhitelistEntry, type WhitelistProblem } from './parseWhitelist';

/** Bits of a value's mask: which side it is whitelisted on, for flows and for alerts. */
export const SRC_FLOWS = 1;
export const DST_FLOWS = 2;
export const SRC_ALERTS = 4;
export const DST_ALERTS = 8;
const FLOWS = SRC_FLOWS | DST_FLOWS;
const ALERTS = SRC_ALERTS | DST_ALERTS;

/** Addresses remembered with their MAC or SNI; the least recently changed are forgotten first. */
const MAX_LEARNED = 200_000;
/** Names whose verdict is remembered; the memo starts again when full. */
const MAX_MEMO = 100_000;

export function entryMask(e: Pick<WhitelistEntry, 'direction' | 'ignore'>): number {
  const sides = e.direction === 'src' ? SRC_FLOWS : e.direction === 'dst' ? DST_FLOWS : FLOWS;
  let m = 0;
  if (e.ignore !== 'alerts') m |= sides;
  if (e.ignore !== 'flows') m |= sides << 2;
  return m;
}

interface V4Range {
  net: number;
  mask: number;
  bits: number;
}

function remember(map: Map<string, string>, key: string, value: string): void {
  if (map.get(key) === value) return;
  map.delete(key);
  if (map.size >= MAX_LEARNED) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** DNS answers are addresses, names (CNAMEs) or record text; only names without spaces are worth matching. */
function notAName(answer: string): boolean {
  return isIP(answer) !== 0 || answer.includes(' ');
}

/** The certificate CN of a TLS subject such as `CN=www.example.com,O=Example`. */
function commonName(subject: string): string {
  const i = subject.indexOf('CN=');
  if (i < 0) return '';
  const end = subject.indexOf(',', i);
  return subject.slice(i + 3, end < 0 ? undefined : end);
}

/** The host of a URL (`http://evil.example:8080/x` → `evil.example`), or the text itself. */
function urlHost(url: string): string {
  const s = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const end = s.search(/[/?#]/);
  return end < 0 ? s : s.slice(0, end);
}

export class Whitelist {
  /** Whitelisting nothing: what the engine uses when the whitelist is off or the file is empty. */
  static readonly EMPTY = new Whitelist([], []);

  private readonly ips = new Map<string, number>();
  private readonly v4Ranges: V4Range[] = [];
  private readonly v6Ranges: { cidr: Cidr; bits: number }[] = [];
  private readonly domains = new Map<string, number>();
  private readonly macs = new Map<string, number>();
  private readonly ipBits: number;
  private readonly domainBits: number;
  private readonly macBits: number;
  private readonly memo = new Map<string, number>();
  private readonly v6Memo = new Map<string, number>();
  private readonly macOf = new Map<string, string>();
  private readonly sniOf = new Map<string, string>();
  /** Bits an address gets from the CNAMEs of the DNS answers that contained it. */
  private readonly cnameBits = new Map<string, number>();

  /** Some entry ignores flows: records must be checked before profiling. */
  readonly filtersFlows: boolean;
  /** Some entry ignores alerts: evidence must be checked before accumulation. */
  readonly filtersAlerts: boolean;
  /** Records must be observed (MACs and SNIs learnt) for the entries to match. */
  readonly observes: boolean;

  constructor(
    readonly entries: readonly WhitelistEntry[],
    readonly problems: readonly WhitelistProblem[],
    /** The file read, when one was. */
    readonly path?: string,
  ) {
    let ipBits = 0;
    let domainBits = 0;
    let macBits = 0;
    for (const e of entries) {
      const bits = entryMask(e);
      if (e.type === 'ip') {
        ipBits |= bits;
        const cidr = e.value.includes('/') || e.value.includes(':') ? parseCidr(e.value) : undefined;
        if (!cidr) this.ips.set(e.value, bits);
        else if (cidr.v6) this.v6Ranges.push({ cidr, bits });
        else this.v4Ranges.push({ net: cidr.net, mask: cidr.mask, bits });
      } else if (e.type === 'mac') {
        macBits |= bits;
        this.macs.set(e.value, bits);
      } else {
        domainBits |= bits;
        for (const d of e.type === 'domain' ? [e.value] : e.domains)
          this.domains.set(d, (this.domains.get(d) ?? 0) | bits);
      }
    }
    this.ipBits = ipBits;
    this.domainBits = this.domains.size ? domainBits : 0;
    this.macBits = macBits;
    const all = ipBits | this.domainBits | macBits;
    this.filtersFlows = (all & FLOWS) !== 0;
    this.filtersAlerts = (all & ALERTS) !== 0;
    this.observes = this.domainBits !== 0 || macBits !== 0;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Learns, from one record, the MAC of a local address and the SNI a server was reached by. */
  observe(rec: FlowRecord, knowledge: NetworkKnowledge): void {
    if (this.macBits) {
      switch (rec.kind) {
        case 'conn':
          if (rec.smac && (isPrivateIp(rec.saddr) || knowledge.isLocal(rec.saddr)))
            remember(this.macOf, rec.saddr, rec.smac.toLowerCase());
          break;
        case 'dhcp':
          if (rec.smac && rec.clientAddr) remember(this.macOf, rec.clientAddr, rec.smac.toLowerCase());
          break;
        case 'arp': {
          const mac = rec.smac || rec.srcHw;
          if (mac && rec.saddr) remember(this.macOf, rec.saddr, mac.toLowerCase());
          break;
        }
      }
    }
    if (!this.domainBits) return;
    if (rec.kind === 'ssl' && rec.serverName && rec.daddr) remember(this.sniOf, rec.daddr, rec.serverName);
    else if (rec.kind === 'dns' && rec.answers.length > 1) {
      // A → CNAME chain: the addresses answered are known by the canonical names too.
      let m = 0;
      for (const a of rec.answers) if (!notAName(a)) m |= this.domainMask(a);
      if (m)
        for (const a of rec.answers)
          if (isIP(a) !== 0) {
            this.cnameBits.delete(a);
            if (this.cnameBits.size >= MAX_LEARNED)
              this.cnameBits.delete(this.cnameBits.keys().next().value!);
            this.cnameBits.set(a, m);
          }
    }
  }

  /** True when the record must be dropped: a side of it matches an entry that ignores flows. */
  flowIsWhitelisted(rec: FlowRecord, knowledge: NetworkKnowledge): boolean {
    if (this.ipBits & FLOWS) {
      if (this.ipMask(rec.saddr) & SRC_FLOWS) return true;
      if (this.ipMask(rec.daddr) & DST_FLOWS) return true;
      if (rec.kind === 'dns') for (const a of rec.answers) if (this.ipMask(a) & DST_FLOWS) return true;
    }
    if (this.domainBits & FLOWS) {
      let name = '';
      if (rec.kind === 'dns') {
        name = rec.query;
        for (const a of rec.answers) if (!notAName(a) && this.domainMask(a) & DST_FLOWS) return true;
      } else if (rec.kind === 'http') name = rec.host;
      else if (rec.kind === 'ssl') {
        if (rec.serverName && this.domainMask(rec.serverName) & DST_FLOWS) return true;
        name = commonName(rec.subject);
      }
      if (name && this.domainMask(name) & DST_FLOWS) return true;
      if (this.namesMask(rec.daddr, knowledge) & DST_FLOWS) return true;
      if (this.namesMask(rec.saddr, knowledge) & SRC_FLOWS) return true;
    }
    if (this.macBits & FLOWS) {
      let smac = '';
      let dmac = '';
      if (rec.kind === 'conn' || rec.kind === 'arp') {
        smac = rec.smac;
        dmac = rec.dmac;
      } else if (rec.kind === 'dhcp') smac = rec.smac;
      if (this.macMask(smac) & SRC_FLOWS || this.macMask(dmac) & DST_FLOWS) return true;
      if (this.macMask(this.macOf.get(rec.saddr)) & SRC_FLOWS) return true;
      if (this.macMask(this.macOf.get(rec.daddr)) & DST_FLOWS) return true;
    }
    return false;
  }

  /** True when the evidence must be dropped: its attacker or victim matches an entry that ignores alerts. */
  evidenceIsWhitelisted(e: Evidence, knowledge: NetworkKnowledge): boolean {
    if (this.partyMask(e.attacker, knowledge) & (e.attacker.direction === 'SRC' ? SRC_ALERTS : DST_ALERTS))
      return true;
    const v = e.victim;
    return (
      v !== undefined &&
      (this.partyMask(v, knowledge) & (v.direction === 'SRC' ? SRC_ALERTS : DST_ALERTS)) !== 0
    );
  }

  /** Everything one side of an evidence is whitelisted for. */
  partyMask(p: Party, knowledge: NetworkKnowledge): number {
    let m = 0;
    switch (p.iocType) {
      case 'IP':
        m = this.ipMask(p.value) | this.namesMask(p.value, knowledge) | this.macMask(this.macOf.get(p.value));
        break;
      case 'DOMAIN':
        m = this.domainMask(p.value);
        break;
      case 'URL':
        m = this.domainMask(urlHost(p.value));
        break;
      case 'MAC':
        m = this.macMask(p.value);
        break;
      default:
        break;
    }
    if (p.sni) m |= this.domainMask(p.sni);
    return m;
  }

  /** What an address is whitelisted for as an address. */
  ipMask(ip: string): number {
    if (!this.ipBits || !ip) return 0;
    let m = this.ips.get(ip) ?? 0;
    if (this.v4Ranges.length && !ip.includes(':')) {
      const n = ipv4ToInt(ip);
      if (n !== undefined) for (const r of this.v4Ranges) if ((n & r.mask) >>> 0 === r.net) m |= r.bits;
    }
    if (this.v6Ranges.length && ip.includes(':')) {
      // Parsing an IPv6 address allocates: remember each address's verdict.
      let v6 = this.v6Memo.get(ip);
      if (v6 === undefined) {
        v6 = 0;
        for (const r of this.v6Ranges) if (cidrContains(r.cidr, ip)) v6 |= r.bits;
        if (this.v6Memo.size >= MAX_MEMO) this.v6Memo.clear();
        this.v6Memo.set(ip, v6);
      }
      m |= v6;
    }
    return m;
  }

  /** What an address is whitelisted for through the names it is known by (DNS answers, SNI). */
  namesMask(ip: string, knowledge: NetworkKnowledge): number {
    if (!this.domainBits || !ip) return 0;
    let m = 0;
    const r = knowledge.resolution(ip);
    if (r) for (const n of r.names) m |= this.domainMask(n);
    const sni = this.sniOf.get(ip);
    if (sni) m |= this.domainMask(sni);
    return m | (this.cnameBits.get(ip) ?? 0);
  }

  /** What a name is whitelisted for: its own entry and those of every parent domain. */
  domainMask(name: string): number {
    if (!this.domainBits || !name) return 0;
    let m = this.memo.get(name);
    if (m !== undefined) return m;
    m = 0;
    let d = name.trim().toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    // An HTTP Host header may carry a port.
    const colon = d.lastIndexOf(':');
    if (colon > 0 && d.indexOf(':') === colon) d = d.slice(0, colon);
    for (;;) {
      m |= this.domains.get(d) ?? 0;
      const dot = d.indexOf('.');
      if (dot < 0) break;
      d = d.slice(dot + 1);
    }
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(name, m);
    return m;
  }

  macMask(mac: string | undefined): number {
    if (!this.macBits || !mac) return 0;
    const m = this.macs.get(mac);
    if (m !== undefined) return m;
    // Entries are lower case with colons; only a MAC written otherwise needs normalising.
    const n = /[A-F-]/.test(mac) ? normaliseMac(mac) : undefined;
    return n === undefined ? 0 : (this.macs.get(n) ?? 0);
  }
}
