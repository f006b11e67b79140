// ARP to an address outside the local network (slips-behaviour.md 4.2.7): ARP only resolves neighbours,
// so a request for an address that cannot be on the link is a misconfiguration or a probe. Low,
// confidence 0.6 (upstream). The local network is the configured/learnt one (NetworkKnowledge); until one
// is known (e.g. an arp.log read alone) any private address counts as local, as upstream's default.
// Not for address probes (0.0.0.0), multicast or link-local targets, nor when both addresses share the
// first octet (upstream's guard against a host resolving its own subnet under an unusual mask).
import type { FlowRecord } from '../../flow';
import { isPrivateIp, isValidIp } from '../../net/ip';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { UNSPECIFIED_IP, isRequest } from './arpFacts';

const CONFIDENCE = 0.6;

export class ArpOutsideLocalnet implements Detector {
  readonly name = 'arp';

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'arp' || ctx.role !== 'Client' || !isRequest(rec)) return;
    const { saddr, daddr } = rec;
    if (saddr === UNSPECIFIED_IP || daddr === UNSPECIFIED_IP || !isIPv4(daddr)) return;
    const first = Number(daddr.slice(0, daddr.indexOf('.')));
    if ((first >= 224 && first <= 239) || daddr.startsWith('169.254.')) return;
    const k = ctx.knowledge;
    if (k.localNetwork !== undefined ? k.isLocal(daddr) : isPrivateIp(daddr)) return;
    if (daddr.slice(0, daddr.indexOf('.') + 1) === saddr.slice(0, saddr.indexOf('.') + 1)) return;
    ctx.emit(
      makeEvidence({
        type: 'ARP_OUTSIDE_LOCALNET',
        description: `${saddr} sending ARP packet to a destination address outside of local network: ${daddr}. `,
        attacker: ipParty(saddr, 'SRC'),
        victim: ipParty(daddr, 'DST'),
        threatLevel: 'low',
        confidence: CONFIDENCE,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: 'arp',
        module: this.name,
        facts: { localNetwork: k.localNetwork ?? 'private ranges' },
      }),
    );
  }
}

function isIPv4(ip: string): boolean {
  return !ip.includes(':') && isValidIp(ip);
}
