// UNKNOWN_PORT (4.2.2): a connection to a destination port that services.csv does not name, unless
// the port is one an organisation is known to use and the destination belongs to it, the flow is
// ICMP, the host behaves like a P2P client, the port is an FTP data port seen in ftp.log, or the
// source is port scanning in this window (scans are reported by network_discovery instead).
//
// "Port scanner" is decided here from the window's scan counters with network_discovery's rule: more
// than 5 distinct ports to one destination or more than 5 destinations on one port, over the
// window's not-established TCP/UDP flows. Organisation membership can only use what the traffic
// shows without enrichment: the address lists of ports_used_by_specific_orgs.csv, and the
// organisation's name in a DNS name that resolved to the destination or in an SNI sent to it (MAC
// vendors, reverse DNS, ASNs and the organisations' own address lists need the enrichment layer).
//
// Decided differently: upstream raises one evidence per flow; here a destination port is reported
// once per window (see oncePerWindow.ts), and again if a later flow to it is established (medium →
// high). The P2P rule counts per window of the source rather than once for the whole run.
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import { shippedServiceNames, type ServiceNames } from '../../../data/services';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { OrgPorts, shippedOrgPorts } from './orgPorts';

/** network_discovery reports a scan from more than 5 distinct ports (vertical) or destinations (horizontal). */
const SCAN_DISTINCT = 5;
/** P2P: UDP destination ports above 30000 ... */
const P2P_MIN_PORT = 30000;
/** ... to at least 5 destinations ... */
const P2P_DESTINATIONS = 5;
/** ... or at least 6 times to one destination. */
const P2P_REPEATS = 6;

export class UnknownPort implements Detector {
  readonly name = FLOW_ALERTS;
  /** Data-channel ports announced in ftp.log (upstream's `is_ftp_port`, for the whole run). */
  private readonly ftpPorts = new Set<number>();
  private readonly scanners = new Set<TimeWindow>();
  /** Per window: UDP >30000 unknown-port destinations → flows. */
  private readonly p2p = new Map<TimeWindow, Map<string, number>>();
  /** Per window: `<daddr>|<dport>|<proto>` → whether its evidence was for an established connection. */
  private readonly reported = new Map<TimeWindow, Map<string, boolean>>();

  constructor(
    private readonly ports: ServiceNames = shippedServiceNames(),
    private readonly orgs: OrgPorts = shippedOrgPorts(),
  ) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind === 'ftp') {
      if (rec.usedPort > 0) this.ftpPorts.add(rec.usedPort);
      return;
    }
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    const tw = ctx.tw;
    if (ctx.state === 'Not Established') this.noteScanning(rec.proto, rec.daddr, rec.dport, tw);
    const dport = rec.dport;
    const proto = rec.proto;
    if (!(dport > 0) || proto.includes('icmp') || proto === 'arp') return;
    if (this.ports.name(dport, proto) !== undefined) return;
    if (this.belongsToOrg(dport, proto, rec.daddr, ctx)) return;
    if (this.isP2p(proto, dport, rec.daddr, tw)) return;
    if (this.ftpPorts.has(dport) || this.scanners.has(tw)) return;
    const established = ctx.state === 'Established';
    if (!this.firstReport(tw, `${rec.daddr}|${dport}|${proto}`, established)) return;
    ctx.emit(
      makeEvidence({
        type: 'UNKNOWN_PORT',
        description: `Connection to unknown destination port ${dport}/${proto.toUpperCase()} destination IP ${rec.daddr}.`,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: established ? 'high' : 'medium',
        confidence: 1,
        tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto,
        srcPort: rec.sport,
        dstPort: dport,
        module: FLOW_ALERTS,
        facts: { dport, established: established ? 1 : 0 },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.scanners.delete(tw);
    this.p2p.delete(tw);
    this.reported.delete(tw);
  }

  /** Once per destination port in a window; again only when an attempt (medium) turns into a connection (high). */
  private firstReport(tw: TimeWindow, key: string, established: boolean): boolean {
    let reported = this.reported.get(tw);
    if (!reported) {
      reported = new Map();
      this.reported.set(tw, reported);
    }
    const before = reported.get(key);
    if (before === true || (before === false && !established)) return false;
    reported.set(key, established);
    return true;
  }

  /** Marks the window once the flow just counted pushed one of its scan counters over the limit. */
  private noteScanning(proto: string, daddr: string, dport: number, tw: TimeWindow): void {
    if (this.scanners.has(tw)) return;
    const scans = tw.detail?.scans;
    const c = proto === 'tcp' ? scans?.tcp : proto === 'udp' ? scans?.udp : undefined;
    if (!c) return;
    const v = c.vertical.get(daddr);
    const h = c.horizontal.get(dport);
    if ((v && v.ports.size > SCAN_DISTINCT) || (h && h.ips.size > SCAN_DISTINCT)) this.scanners.add(tw);
  }

  private belongsToOrg(dport: number, proto: string, daddr: string, ctx: DetectorContext): boolean {
    const rule = this.orgs.rule(dport, proto);
    if (!rule) return false;
    if (OrgPorts.listsAddress(rule, daddr)) return true;
    const sni = ctx.knowledge.sniOf(daddr)?.toLowerCase();
    const names = ctx.knowledge.resolution(daddr)?.names;
    for (const org of rule.orgs) {
      if (sni?.includes(org)) return true;
      if (names?.some((n) => n.toLowerCase().includes(org))) return true;
    }
    return false;
  }

  /** Upstream's P2P rule, counted per window of the source instead of once for the whole run. */
  private isP2p(proto: string, dport: number, daddr: string, tw: TimeWindow): boolean {
    if (proto !== 'udp' || dport <= P2P_MIN_PORT) return false;
    let seen = this.p2p.get(tw);
    if (!seen) {
      seen = new Map();
      this.p2p.set(tw, seen);
    }
    const n = seen.get(daddr);
    if (n !== undefined && n >= P2P_REPEATS) return true;
    seen.set(daddr, (n ?? 0) + 1);
    return seen.size >= P2P_DESTINATIONS;
  }
}
