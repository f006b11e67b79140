// Horizontal port scan (slips-behaviour.md 4.2.1): one source sends not-established TCP or UDP flows to
// the same destination port on many hosts within a time window (flows Zeek flipped, `^` in history, are
// left out by the profiler: a host changing Wi-Fi redoes its connections and looks like a scan).
//
// Same rule as the vertical scan (see verticalPortScan.ts for the reasoning and the #1766/#1781
// decision): n = distinct destination IPs on the port; evidence when n > 5 and int(log10 n) is above the
// bucket last reported for (window, proto, port), so at 10, 100, 1000 hosts. Resolved destinations are
// not filtered out (newest upstream dropped that filter, Q5). Buckets are kept per protocol.
import type { FlowRecord } from '../../flow';
import { isSpecialTarget } from '../../net/ip';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { log10Bucket, packetConfidence } from './numbers';
import { PerWindow } from './perWindow';
import { shippedServiceNames, type ServiceNames } from '../../data/services';

/** Upstream `minimum_dstips_to_set_evidence`: more than this many hosts before any evidence. */
const MIN_HOSTS = 5;

export interface HorizontalPortScanOptions {
  /** More than this many hosts before any evidence (default MIN_HOSTS; the notebook's `detect … threshold=N`). */
  minHosts?: number;
}

/** Highest log10 bucket reported per destination port, per protocol. */
interface Reported {
  tcp: Map<number, number>;
  udp: Map<number, number>;
}

export class HorizontalPortScan implements Detector {
  readonly name = 'network_discovery';
  private readonly reported = new PerWindow<Reported>(() => ({ tcp: new Map(), udp: new Map() }));

  private readonly minHosts: number;

  constructor(
    private readonly services: ServiceNames = shippedServiceNames(),
    options: HorizontalPortScanOptions = {},
  ) {
    this.minHosts = options.minHosts ?? MIN_HOSTS;
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client' || ctx.state !== 'Not Established') return;
    const proto = rec.proto;
    // Upstream skips port 0 (`if not dport`); the port-0 detection covers it.
    if ((proto !== 'tcp' && proto !== 'udp') || rec.dport <= 0) return;
    const h = ctx.tw.detail?.scans[proto]?.horizontal.get(rec.dport);
    if (!h) return;
    const n = h.ips.size;
    if (n <= this.minHosts) return;
    const bucket = log10Bucket(n);
    if (bucket === 0) return;
    const seen = this.reported.of(ctx.tw)[proto];
    if (bucket <= (seen.get(rec.dport) ?? 0)) return;
    seen.set(rec.dport, bucket);
    const src = ctx.tw.profileIp;
    if (isSpecialTarget(src) || src === '255.255.255.255') return;
    const first = h.firstSeen;
    const pkts = h.totalPkts;
    const c = packetConfidence(pkts);
    const service = this.services.name(rec.dport, proto) ?? '';
    ctx.emit(
      makeEvidence({
        type: 'HORIZONTAL_PORT_SCAN',
        // Upstream's wording, including the double space when the port has no service name.
        description:
          `Horizontal port scan to port ${service} ${rec.dport}/${proto}. ` +
          `From ${src} to ${n} unique destination IPs. ` +
          `Total packets sent: ${pkts}. Confidence: ${c.text}. by Slips`,
        attacker: ipParty(src, 'SRC'),
        threatLevel: 'high',
        confidence: c.value,
        tw: ctx.tw,
        uids: h.uids,
        timestamp: first,
        proto,
        dstPort: rec.dport,
        module: this.name,
        facts: { dstIps: n, packetsSent: pkts, log10Bucket: bucket },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.reported.drop(tw);
  }
}
