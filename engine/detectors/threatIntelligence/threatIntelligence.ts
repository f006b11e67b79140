// What is checked (4.2.3): both addresses of every connection (each at most once per window),
// the DNS query and each DNS answer, the HTTP host and URL, the TLS SNI, JA3 and JA3S, and the
// SHA1 of certificates seen in files.log. Descriptions, levels and confidences follow upstream.
import { isIP } from 'node:net';
import type { IpGeoLookup } from '../../enrich/geo/ipGeo';
import type { ThreatIntel } from '../../enrich/ti/loadThreatIntel';
import type { IocMeta } from '../../enrich/ti/types';
import type { Evidence, Party, ThreatLevel } from '../../evidence/types';
import type { ConnRecord, DnsRecord, FlowRecord, HttpRecord, SslRecord, FilesRecord } from '../../flow';
import { isPrivateIp, isSpecialTarget } from '../../net/ip';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { link } from '../flowAlerts/conn/common';
import { type EvidenceInput, ipParty, makeEvidence } from '../makeEvidence';

const MODULE = 'threat_intelligence';
/** Confidence of a match on a parent of the listed domain rather than the name itself (upstream). */
const SUBDOMAIN_CONFIDENCE = 0.7;
/** Confidence of an AS match: the AS is a neighbourhood, not the host. */
const ASN_CONFIDENCE = 0.8;
/** Upstream ignores names under these: reverse lookups and mDNS. */
const IGNORED_SUFFIXES = ['.arpa', '.local'];

type Ctx = Pick<DetectorContext, 'tw' | 'emit'>;

function ignoredIp(ip: string): boolean {
  return !ip || isPrivateIp(ip) || isSpecialTarget(ip);
}

function ignoredDomain(d: string): boolean {
  return !d || isIP(d) !== 0 || IGNORED_SUFFIXES.some((s) => d.endsWith(s));
}

function withTi(p: Party, meta: IocMeta): Party {
  return { ...p, ti: meta.source };
}

function tags(meta: IocMeta): string {
  return meta.tags ? ` Tags: ${meta.tags}.` : '';
}

export class ThreatIntelligenceDetector implements Detector {
  readonly name = MODULE;
  readonly problems: ThreatIntel['problems'];
  /** Addresses already checked in a window as source and as destination (upstream's per-TW cache). */
  private readonly checked = new Map<TimeWindow, { src: Set<string>; dst: Set<string> }>();

  constructor(
    private readonly ti: ThreatIntel,
    private readonly geo: IpGeoLookup | undefined,
  ) {
    this.problems = ti.problems;
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (ctx.role !== 'Client') return;
    switch (rec.kind) {
      case 'conn':
        return this.onConn(rec, ctx);
      case 'dns':
        return this.onDns(rec, ctx);
      case 'http':
        return this.onHttp(rec, ctx);
      case 'ssl':
        return this.onSsl(rec, ctx);
      case 'files':
        return this.onFiles(rec, ctx);
      default:
        return;
    }
  }

  onWindowClosed(tw: TimeWindow): void {
    this.checked.delete(tw);
  }

  private firstInWindow(tw: TimeWindow, dir: 'src' | 'dst', ip: string): boolean {
    let c = this.checked.get(tw);
    if (!c) this.checked.set(tw, (c = { src: new Set(), dst: new Set() }));
    const s = c[dir];
    if (s.has(ip)) return false;
    s.add(ip);
    return true;
  }

  private base(rec: FlowRecord, ctx: Ctx) {
    return {
      tw: ctx.tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: MODULE,
      method: 'Threat Intelligence' as const,
    };
  }

  private onConn(rec: ConnRecord, ctx: Ctx): void {
    if (rec.state === 'OTH') return;
    this.checkConnIp(rec, ctx, rec.saddr, 'src');
    const outgoingIcmp = rec.proto.startsWith('icmp') || rec.proto === 'ipv6-icmp';
    if (!outgoingIcmp) this.checkConnIp(rec, ctx, rec.daddr, 'dst');
  }

  private checkConnIp(rec: ConnRecord, ctx: Ctx, ip: string, dir: 'src' | 'dst'): void {
    if (ignoredIp(ip) || !this.firstInWindow(ctx.tw, dir, ip)) return;
    const hit = this.ti.index.ip(ip);
    if (hit) {
      if (dir === 'dst') this.toBlacklistedIp(rec, ctx, hit.meta);
      else this.fromBlacklistedIp(rec, ctx, hit.meta);
    } else if (dir === 'dst') this.checkAsn(rec, ctx, ip);
  }

  private toBlacklistedIp(rec: ConnRecord, ctx: Ctx, meta: IocMeta): void {
    const description =
      `connection to blacklisted IP: ${rec.daddr} from ${rec.saddr}. ` +
      `Description: ${meta.description}. Source: ${meta.source}.`;
    const common = {
      ...this.base(rec, ctx),
      type: 'THREAT_INTELLIGENCE_TO_BLACKLISTED_IP' as const,
      description,
      confidence: 1,
      facts: facts(meta, rec.daddr),
    };
    // The listed server is the attacker at the feed's level; the client that reached it gets the
    // low-level twin (upstream), so one contact does not alert by itself.
    const [server, client] = link(
      makeEvidence({
        ...common,
        threatLevel: meta.threatLevel,
        attacker: withTi(ipParty(rec.daddr, 'DST'), meta),
        victim: ipParty(rec.saddr, 'SRC'),
      }),
      makeEvidence({
        ...common,
        threatLevel: 'low',
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: withTi(ipParty(rec.daddr, 'DST'), meta),
      }),
    );
    ctx.emit(server);
    ctx.emit(client);
  }

  private fromBlacklistedIp(rec: ConnRecord, ctx: Ctx, meta: IocMeta): void {
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'THREAT_INTELLIGENCE_FROM_BLACKLISTED_IP',
        description:
          `connection from blacklisted IP: ${rec.saddr} to ${rec.daddr}. ` +
          `Description: ${meta.description}. Source: ${meta.source}.`,
        threatLevel: meta.threatLevel,
        confidence: 1,
        attacker: withTi(ipParty(rec.saddr, 'SRC'), meta),
        victim: ipParty(rec.daddr, 'DST'),
        facts: facts(meta, rec.saddr),
      }),
    );
  }

  private checkAsn(rec: FlowRecord, ctx: Ctx, ip: string, dnsQuery?: string): void {
    const as = this.geo?.lookup(ip).as;
    const meta = as && this.ti.index.asn(as.number);
    if (!as || !meta) return;
    const asn = `AS${as.number}`;
    // Upstream swaps the two openings (quirk); each says here what happened.
    const opening = dnsQuery
      ? `DNS response with IP: ${ip} with blacklisted ASN: ${asn} `
      : `Connection to IP: ${ip} with blacklisted ASN: ${asn} `;
    const description =
      opening +
      `Description: ${meta.description}, Found in feed: ${meta.source}, Confidence: ${ASN_CONFIDENCE}. Tags: ${meta.tags} `;
    const common = {
      ...this.base(rec, ctx),
      type: 'THREAT_INTELLIGENCE_BLACKLISTED_ASN' as const,
      description,
      threatLevel: meta.threatLevel,
      confidence: ASN_CONFIDENCE,
      facts: { ...facts(meta, asn), ip },
    };
    const [client, server] = link(
      makeEvidence({
        ...common,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: withTi(ipParty(ip, 'DST'), meta),
      }),
      makeEvidence({
        ...common,
        attacker: withTi(ipParty(ip, 'DST'), meta),
        victim: ipParty(rec.saddr, 'SRC'),
      }),
    );
    ctx.emit(client);
    ctx.emit(server);
  }

  private onDns(rec: DnsRecord, ctx: Ctx): void {
    const query = rec.query.toLowerCase();
    const queryHit = ignoredDomain(query) ? undefined : this.ti.index.domain(query);
    if (queryHit) this.blacklistedDomain(rec, ctx, query, queryHit.meta, queryHit.isSubdomain);
    for (const answer of rec.answers) {
      if (isIP(answer)) {
        if (ignoredIp(answer)) continue;
        const hit = this.ti.index.ip(answer);
        if (hit) this.blacklistedDnsAnswer(rec, ctx, answer, hit.meta);
        else if (queryHit) this.answerOfBlacklistedQuery(rec, ctx, answer, queryHit.meta);
        else this.checkAsn(rec, ctx, answer, rec.query);
        continue;
      }
      const cname = answer.toLowerCase();
      if (ignoredDomain(cname) || cname === query) continue;
      const hit = this.ti.index.domain(cname);
      if (hit) this.blacklistedDomain(rec, ctx, cname, hit.meta, hit.isSubdomain, rec.query);
    }
  }

  private blacklistedDomain(
    rec: FlowRecord,
    ctx: Ctx,
    domain: string,
    meta: IocMeta,
    isSubdomain: boolean,
    cnameOfQuery?: string,
  ): void {
    const confidence = isSubdomain ? SUBDOMAIN_CONFIDENCE : 1;
    const opening = cnameOfQuery
      ? `DNS answer with a blacklisted CNAME: ${domain} for query: ${cnameOfQuery} `
      : `connection to a blacklisted domain ${domain}. `;
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'THREAT_INTELLIGENCE_BLACKLISTED_DOMAIN',
        description:
          opening +
          `Description: ${meta.description}, Found in feed: ${meta.source}, Confidence: ${confidence}. ` +
          (meta.tags ? `with tags: ${meta.tags}. ` : ''),
        threatLevel: meta.threatLevel,
        confidence,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: { direction: 'DST', iocType: 'DOMAIN', value: domain, ti: meta.source },
        facts: facts(meta, domain),
      }),
    );
  }

  private blacklistedDnsAnswer(rec: DnsRecord, ctx: Ctx, ip: string, meta: IocMeta): void {
    const common = {
      ...this.base(rec, ctx),
      type: 'THREAT_INTELLIGENCE_BLACKLISTED_DNS_ANSWER' as const,
      description:
        `DNS answer with a blacklisted IP: ${ip} for query: ${rec.query} ` +
        `Description: ${meta.description} Source: ${meta.source}.`,
      threatLevel: meta.threatLevel,
      confidence: 1,
      facts: { ...facts(meta, ip), query: rec.query },
    };
    const [server, client] = link(
      makeEvidence({
        ...common,
        attacker: withTi(ipParty(ip, 'DST'), meta),
        victim: ipParty(rec.saddr, 'SRC'),
      }),
      makeEvidence({
        ...common,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: withTi(ipParty(ip, 'DST'), meta),
      }),
    );
    ctx.emit(server);
    ctx.emit(client);
  }

  /** An address a blacklisted name resolves to is suspect too, though not listed itself. */
  private answerOfBlacklistedQuery(rec: DnsRecord, ctx: Ctx, ip: string, meta: IocMeta): void {
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'THREAT_INTELLIGENCE_ANSWER_OF_BLACKLISTED_QUERY',
        description:
          `The IP: ${ip} is the DNS answer of the blacklisted query: ${rec.query}. ` +
          `Description: ${meta.description}. Source: ${meta.source}.`,
        threatLevel: 'low',
        confidence: 1,
        attacker: ipParty(ip, 'DST'),
        victim: ipParty(rec.saddr, 'SRC'),
        facts: { ...facts(meta, rec.query), answer: ip },
      }),
    );
  }

  private onHttp(rec: HttpRecord, ctx: Ctx): void {
    const host = rec.host.toLowerCase();
    if (host && !ignoredDomain(host)) {
      const hit = this.ti.index.domain(host);
      if (hit) this.blacklistedDomain(rec, ctx, host, hit.meta, hit.isSubdomain);
    }
    const url = `http://${host || rec.daddr}${rec.uri}`;
    const meta = this.ti.index.url(url);
    if (!meta) return;
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'THREAT_INTELLIGENCE_MALICIOUS_URL',
        description: `Connection to a malicious URL ${url}. Description: ${meta.description}. Source: ${meta.source}.${tags(meta)}`,
        threatLevel: meta.threatLevel,
        confidence: 1,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: { direction: 'DST', iocType: 'URL', value: url, ti: meta.source },
        facts: facts(meta, url),
      }),
    );
  }

  private onSsl(rec: SslRecord, ctx: Ctx): void {
    const sni = rec.serverName.toLowerCase();
    if (sni && !ignoredDomain(sni)) {
      const hit = this.ti.index.domain(sni);
      if (hit) this.blacklistedDomain(rec, ctx, sni, hit.meta, hit.isSubdomain);
    }
    const ja3 = rec.ja3 && this.ti.index.ja3(rec.ja3);
    if (ja3) this.maliciousJa3(rec, ctx, ja3);
    const ja3s = rec.ja3s && this.ti.index.ja3(rec.ja3s);
    if (ja3s) this.maliciousJa3s(rec, ctx, ja3s);
  }

  private maliciousJa3(rec: SslRecord, ctx: Ctx, meta: IocMeta): void {
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'MALICIOUS_JA3',
        description:
          `Malicious JA3: ${rec.ja3} from source address ${rec.saddr} to ${rec.daddr} ` +
          `description: ${meta.description}.${tags(meta)}`,
        threatLevel: meta.threatLevel,
        confidence: 1,
        attacker: withTi(ipParty(rec.saddr, 'SRC'), meta),
        victim: ipParty(rec.daddr, 'DST'),
        facts: facts(meta, rec.ja3),
      }),
    );
  }

  private maliciousJa3s(rec: SslRecord, ctx: Ctx, meta: IocMeta): void {
    ctx.emit(
      makeEvidence({
        ...this.base(rec, ctx),
        type: 'MALICIOUS_JA3S',
        description:
          `Malicious JA3s: (possible C&C server): ${rec.ja3s} to server ${rec.daddr} ` +
          `description: ${meta.description}.${tags(meta)}`,
        threatLevel: meta.threatLevel,
        confidence: 1,
        attacker: withTi(ipParty(rec.daddr, 'DST'), meta),
        victim: ipParty(rec.saddr, 'SRC'),
        facts: facts(meta, rec.ja3s),
      }),
    );
  }

  /** A certificate listed by SHA1 (abuse.ch SSLBL): Zeek's files.log carries it when the source is SSL. */
  private onFiles(rec: FilesRecord, ctx: Ctx): void {
    if (rec.source.toUpperCase() !== 'SSL' || !rec.sha1) return;
    const meta = this.ti.index.sslSha1(rec.sha1);
    if (!meta) return;
    const input: EvidenceInput = {
      ...this.base(rec, ctx),
      type: 'MALICIOUS_SSL_CERT',
      description: `Malicious SSL certificate to server ${rec.saddr}. Description: ${meta.description}. Source: ${meta.source}.${tags(meta)}`,
      threatLevel: meta.threatLevel as ThreatLevel,
      confidence: 1,
      // files.log's sender (tx_host) is the server that presented the certificate.
      attacker: withTi(ipParty(rec.saddr, 'SRC'), meta),
      victim: ipParty(rec.daddr, 'DST'),
      facts: facts(meta, rec.sha1),
    };
    ctx.emit(makeEvidence(input) as Evidence);
  }
}

function facts(meta: IocMeta, ioc: string): Record<string, string> {
  return { ioc, feed: meta.source, description: meta.description, feedThreatLevel: meta.threatLevel };
}
