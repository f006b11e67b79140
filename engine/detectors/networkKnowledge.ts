// What the analysis learns about the network as traffic goes by, shared by detectors: the local
// network (3.1: from client_ips, else the RFC 1918 block of the first private source), DNS answers
// (which names resolved to an IP, and when, in traffic time), the SNI last sent to an IP, and DHCP and
// DoH servers. It is updated once per
// record, before the profiler and detectors see it, so "resolved before" means earlier in the input.
import type { FlowRecord } from '../flow';
import { isPrivateIp } from '../net/ip';
import { cidrContains, parseCidr, type Cidr } from '../net/cidr';

export interface Resolution {
  /** Names whose answers contained the IP, oldest first (at most MAX_NAMES). */
  names: string[];
  /** Traffic time of the latest answer. */
  lastTs: number;
  /** Traffic time of the first answer. */
  firstTs: number;
}

/** IPs remembered with their resolutions (and, separately, their SNIs); the least recently seen are forgotten first. */
const MAX_IPS = 200_000;
const MAX_NAMES = 10;

const RFC1918: Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);

export class NetworkKnowledge {
  private readonly resolutions = new Map<string, Resolution>();
  private readonly snis = new Map<string, string>();
  private readonly configuredNets: Cidr[];
  private learnedNet: Cidr | undefined;
  readonly dhcpServers = new Set<string>();
  /** Servers an ssl record said speak DNS over HTTPS (upstream's `is_doh_server` IP info). */
  readonly dohServers = new Set<string>();

  constructor(clientIps: readonly string[] = []) {
    this.configuredNets = clientIps
      .map((c) => parseCidr(c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`))
      .filter((c): c is Cidr => !!c);
  }

  learn(rec: FlowRecord): void {
    if (rec.kind === 'dns') this.learnDns(rec.query, rec.answers, rec.ts);
    else if (rec.kind === 'dhcp' && rec.serverAddr) this.dhcpServers.add(rec.serverAddr);
    else if (rec.kind === 'ssl' && rec.daddr) {
      if (rec.serverName) this.rememberSni(rec.daddr, rec.serverName);
      if (rec.isDoh) this.dohServers.add(rec.daddr);
    }
    if (
      !this.learnedNet &&
      this.configuredNets.length === 0 &&
      rec.kind === 'conn' &&
      isPrivateIp(rec.saddr) &&
      !rec.saddr.includes(':')
    )
      this.learnedNet = RFC1918.find((n) => cidrContains(n, rec.saddr));
  }

  /** The local network as a CIDR string (configured client_ips first), or undefined until learnt. */
  get localNetwork(): string | undefined {
    if (this.configuredNets.length) return this.configuredNets.map((c) => c.text).join(',');
    return this.learnedNet?.text;
  }

  /** True when `ip` is inside the configured or learnt local network. */
  isLocal(ip: string): boolean {
    if (this.configuredNets.length) return this.configuredNets.some((n) => cidrContains(n, ip));
    return this.learnedNet !== undefined && cidrContains(this.learnedNet, ip);
  }

  /** What DNS said about `ip` so far, or undefined if no answer contained it. */
  resolution(ip: string): Resolution | undefined {
    return this.resolutions.get(ip);
  }

  /** The server name a TLS client last asked `ip` for (SNI), if any. */
  sniOf(ip: string): string | undefined {
    return this.snis.get(ip);
  }

  private rememberSni(ip: string, sni: string): void {
    if (this.snis.get(ip) === sni) return;
    if (this.snis.has(ip)) this.snis.delete(ip);
    else if (this.snis.size >= MAX_IPS) this.snis.delete(this.snis.keys().next().value!);
    this.snis.set(ip, sni);
  }

  private learnDns(query: string, answers: readonly string[], ts: number): void {
    for (const a of answers) {
      if (!isIpLiteral(a)) continue;
      let r = this.resolutions.get(a);
      if (r) {
        this.resolutions.delete(a);
        if (!r.names.includes(query)) {
          r.names.push(query);
          if (r.names.length > MAX_NAMES) r.names.shift();
        }
        if (ts > r.lastTs) r.lastTs = ts;
      } else {
        r = { names: [query], lastTs: ts, firstTs: ts };
        if (this.resolutions.size >= MAX_IPS) this.resolutions.delete(this.resolutions.keys().next().value!);
      }
      this.resolutions.set(a, r);
    }
  }
}

function isIpLiteral(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.includes(':') ? !s.includes(' ') : c >= 48 && c <= 57 && s.split('.').length === 4;
}
