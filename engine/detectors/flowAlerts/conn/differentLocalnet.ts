// DIFFERENT_LOCALNET (4.2.2): a private IPv4 address on either side of a connection that is outside
// the local network learnt so far (client_ips, else the RFC 1918 block of the first private source).
// A destination outside is high, a source outside low. DNS (53/udp) is left to the DNS analyzer,
// and flows from/to 0.0.0.0, the limited broadcast or loopback are normal.
//
// Decided differently: upstream tests Python's `is_private`, which also covers link-local (169.254/16),
// 0.0.0.0/8 and the reserved 240/4; none of them is "another local network" (every APIPA host, and
// every P2P bot contacting random 240/4 addresses, would be a high-level evidence), so they are skipped.
// The same finding (side, destination, port) is reported once per window (oncePerWindow.ts).
import type { ConnRecord, FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { ipv4ToInt } from '../../../net/cidr';
import {
  isLinkLocalV4,
  isLoopbackV4,
  isPrivateV4,
  isReservedV4,
  isUnspecifiedOrBroadcastV4,
} from './addresses';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { OncePerWindow } from './oncePerWindow';

export class DifferentLocalnet implements Detector {
  readonly name = FLOW_ALERTS;
  private readonly once = new OncePerWindow();

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    if (rec.dport === 53 && rec.proto === 'udp') return;
    // Only IPv4 addresses can be "another private network"; one parse per address serves every test,
    // and the candidate blocks (10/8, 172.16/12, 192.168/16, 198.18/15 and the documentation nets) all
    // start with a 1 or a 2, so most public addresses are not even parsed.
    const s = maybePrivate(rec.saddr) ? ipv4ToInt(rec.saddr) : undefined;
    const d = maybePrivate(rec.daddr) ? ipv4ToInt(rec.daddr) : undefined;
    const dstOut = d !== undefined && candidate(d);
    const srcOut = s !== undefined && candidate(s);
    if (!dstOut && !srcOut) return;
    if (special(rec.saddr) || special(rec.daddr)) return;
    const localnet = ctx.knowledge.localNetwork;
    if (!localnet) return;
    if (dstOut && !ctx.knowledge.isLocal(rec.daddr)) this.report(rec, ctx, 'dst', localnet);
    if (srcOut && !ctx.knowledge.isLocal(rec.saddr)) this.report(rec, ctx, 'src', localnet);
  }

  onWindowClosed(tw: TimeWindow): void {
    this.once.forget(tw);
  }

  private report(rec: ConnRecord, ctx: DetectorContext, which: 'src' | 'dst', localnet: string): void {
    const src = which === 'src';
    const proto = rec.proto;
    if (!this.once.first(ctx.tw, `${which}|${rec.daddr}|${rec.dport}|${proto}`)) return;
    const description = src
      ? `A connection from a private IP (${rec.saddr}) on port ${rec.dport}/${proto} outside of the used ` +
        `local network ${localnet}. To IP: ${rec.daddr} `
      : `A connection to a private IP (${rec.daddr}) on port ${rec.dport}/${proto} outside of the used ` +
        `local network ${localnet}. From IP: ${rec.saddr} ` +
        (proto.includes('arp') ? 'using ARP' : `on destination port: ${rec.dport}/${proto.toUpperCase()}`);
    ctx.emit(
      makeEvidence({
        type: 'DIFFERENT_LOCALNET',
        description,
        attacker: src ? srcParty(rec.saddr) : dstParty(rec.daddr),
        victim: src ? dstParty(rec.daddr) : srcParty(rec.saddr),
        threatLevel: src ? 'low' : 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { outside: src ? rec.saddr : rec.daddr, localNetwork: localnet },
      }),
    );
  }
}

/** A private IPv4 address that could belong to another local network. */
function candidate(n: number): boolean {
  return (
    isPrivateV4(n) &&
    !isLinkLocalV4(n) &&
    !isReservedV4(n) &&
    !isUnspecifiedOrBroadcastV4(n) &&
    !isLoopbackV4(n)
  );
}

function maybePrivate(ip: string): boolean {
  const c = ip.charCodeAt(0);
  return c === 49 || c === 50;
}

/** Flows from or to 0.0.0.0/8, the limited broadcast or loopback are normal. */
function special(ip: string): boolean {
  if (ip === '::1') return true;
  const n = ipv4ToInt(ip);
  return n !== undefined && (isUnspecifiedOrBroadcastV4(n) || isLoopbackV4(n));
}
