// PORT_0_CONNECTION (4.2.2): a flow from or to port 0, which no real service uses. As upstream, the
// side with port 0 as its source port is the attacker; otherwise the destination is.
//
// Decided differently: only for protocols that carry ports (TCP, UDP, SCTP). Upstream excludes only
// IGMP/ICMP/ARP, so every GRE, ESP or OSPF flow of an Argus or nfdump file (ports 0 there by
// definition) would be a high-level evidence.
import type { FlowRecord } from '../../../flow';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { isMulticast } from './addresses';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

const PORT_PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'];

export class Port0Connection implements Detector {
  readonly name = FLOW_ALERTS;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    if (rec.sport !== 0 && rec.dport !== 0) return;
    if (!PORT_PROTOCOLS.includes(rec.proto) || isMulticast(rec.daddr)) return;
    const srcIsAttacker = rec.sport === 0;
    const attacker = srcIsAttacker ? srcParty(rec.saddr) : dstParty(rec.daddr);
    const victim = srcIsAttacker ? dstParty(rec.daddr) : srcParty(rec.saddr);
    ctx.emit(
      makeEvidence({
        type: 'PORT_0_CONNECTION',
        description: `Connection on port 0 from ${rec.saddr}:${rec.sport} to ${rec.daddr}:${rec.dport}.`,
        attacker,
        victim,
        threatLevel: 'high',
        confidence: 0.8,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { sport: rec.sport, dport: rec.dport },
      }),
    );
  }
}
