// ICMP sweeps seen in connection records (slips-behaviour.md 4.2.1): one source sends ICMP echo
// (type 8), timestamp (13) or address-mask (17) requests, or ICMPv6 echo requests (128), to many
// distinct hosts in a time window.
//
// Threshold: evidence each time the number of distinct hosts for one request type reaches a multiple
// of 5 (5, 10, 15, ...), the step of upstream's own ICMP-scan notices and of its flow-based check.
// Differences from upstream, on purpose: only requests count (upstream also counts timestamp and
// address-mask replies, 14 and 18, which a host sends when it is the one being scanned) and its type
// table wrote decimal types as hex (`0x0013` for type 13), so Argus timestamp/mask scans never matched;
// here the type is `sport & 0xff`, which is right for Zeek/Suricata/nfdump (type in the source port) and
// for Argus (`0x<code><type>`, see engine/inputs/argus/fields.ts). The state of the flow does not
// matter (a sweep of hosts that never answer is still a sweep). Pinging one host many times is not
// reported (upstream's single-host case fires every 5 flows to one host, i.e. on ordinary monitoring).
import type { FlowRecord } from '../../flow';
import type { KnownEvidenceType } from '../../evidence/evidenceTypes';
import { isSpecialTarget } from '../../net/ip';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { packetConfidence } from './numbers';
import { PerWindow } from './perWindow';

/** Distinct hosts per evidence step (upstream `pingscan_minimum_scanned_ips`). */
const HOSTS_STEP = 5;
/** Evidence lists at most this many flow uids anyway (makeEvidence). */
const MAX_UIDS = 100;

const ICMP4_REQUESTS = new Map<number, KnownEvidenceType>([
  [8, 'ICMP_ADDRESS_SCAN'],
  [13, 'ICMP_TIMESTAMP_SCAN'],
  [17, 'ICMP_ADDRESS_MASK_SCAN'],
]);
const ICMP6_ECHO_REQUEST = 128;

interface Sweep {
  hosts: Set<string>;
  flows: number;
  pkts: number;
  firstTs: number;
  uids: string[];
}

export class IcmpSweep implements Detector {
  readonly name = 'network_discovery';
  /** Per window: ICMP type → sweep. */
  private readonly sweeps = new PerWindow<Map<number, Sweep>>(() => new Map());

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    const proto = rec.proto;
    let type: KnownEvidenceType | undefined;
    const icmpType = rec.sport & 0xff;
    if (proto === 'icmp') type = ICMP4_REQUESTS.get(icmpType);
    else if ((proto === 'ipv6-icmp' || proto === 'icmp6') && icmpType === ICMP6_ECHO_REQUEST)
      type = 'ICMP_ADDRESS_SCAN';
    if (type === undefined || rec.sport < 0 || rec.sport > 0xffff || isSpecialTarget(rec.daddr)) return;
    const byType = this.sweeps.of(ctx.tw);
    let s = byType.get(icmpType);
    if (!s) {
      s = { hosts: new Set(), flows: 0, pkts: 0, firstTs: rec.ts, uids: [] };
      byType.set(icmpType, s);
    }
    s.flows++;
    if (rec.spkts > 0) s.pkts += rec.spkts;
    if (rec.ts < s.firstTs) s.firstTs = rec.ts;
    if (s.uids.length < MAX_UIDS) s.uids.push(rec.uid);
    const before = s.hosts.size;
    s.hosts.add(rec.daddr);
    const n = s.hosts.size;
    if (n === before || n % HOSTS_STEP !== 0) return;
    const src = ctx.tw.profileIp;
    const c = packetConfidence(s.pkts);
    ctx.emit(
      makeEvidence({
        type,
        description:
          `ICMP scanning ${n} different IPs. ICMP scan type: ${type}. ` +
          `Total packets sent: ${s.pkts} over ${s.flows} flows. Confidence: ${c.text}. by Slips`,
        attacker: ipParty(src, 'SRC'),
        threatLevel: 'medium',
        confidence: c.value,
        tw: ctx.tw,
        uids: s.uids,
        timestamp: s.firstTs,
        proto,
        module: this.name,
        facts: { hosts: n, flows: s.flows, packetsSent: s.pkts, icmpType },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.sweeps.drop(tw);
  }
}
