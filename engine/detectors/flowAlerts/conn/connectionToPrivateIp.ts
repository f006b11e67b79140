// CONNECTION_TO_PRIVATE_IP (4.2.2): a private address connecting to another private address
// (upstream's Python `is_private` on both sides), except DNS (53/udp) and DHCP (67, 68/udp) to the
// gateway, which every host does all the time.
//
// Decided differently: Python's `is_private` also covers 0.0.0.0/8, the limited broadcast and the
// reserved 240/4; a DHCP discover (0.0.0.0 → 255.255.255.255) or a packet to 241.x is not a
// connection to a private host, so those are skipped. A destination port is reported once per window
// (oncePerWindow.ts), not once per flow.
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { ipv4ToInt } from '../../../net/cidr';
import { isPrivate, isPrivateV4, isReservedV4, isUnspecifiedOrBroadcastV4 } from './addresses';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { GatewayGuess } from './gateway';
import { OncePerWindow } from './oncePerWindow';

const GATEWAY_SERVICE_PORTS: readonly number[] = [53, 67, 68];

export class ConnectionToPrivateIp implements Detector {
  readonly name = FLOW_ALERTS;

  private readonly once = new OncePerWindow();

  constructor(private readonly gateway: GatewayGuess = new GatewayGuess()) {}

  onWindowClosed(tw: TimeWindow): void {
    this.once.forget(tw);
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn') return;
    this.gateway.observe(rec);
    if (ctx.role !== 'Client') return;
    const { daddr, proto } = rec;
    if (proto === 'udp' && daddr === this.gateway.ip && GATEWAY_SERVICE_PORTS.includes(rec.dport)) return;
    if (!privateHost(daddr) || !privateHost(rec.saddr)) return;
    if (!this.once.first(ctx.tw, `${daddr}|${rec.dport}|${proto}`)) return;
    let description = `Connecting to private IP: ${daddr} `;
    if (proto === 'icmp') description += 'protocol: ICMP';
    else if (proto !== 'arp') description += `on destination port: ${rec.dport}`;
    ctx.emit(
      makeEvidence({
        type: 'CONNECTION_TO_PRIVATE_IP',
        description,
        attacker: srcParty(rec.saddr),
        victim: dstParty(daddr),
        threatLevel: 'info',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { dport: rec.dport },
      }),
    );
  }
}

function privateHost(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return isPrivateV4(n) && !isReservedV4(n) && !isUnspecifiedOrBroadcastV4(n);
  return isPrivate(ip);
}
