// DEVICE_CHANGING_IP (4.2.2): the first connection of a private IPv4 source whose MAC (conn smac)
// was first seen with another private IPv4 address. 0.0.0.0, the limited broadcast and link-local
// addresses are what devices use while they have no address yet, so they neither trigger nor bind.
import type { FlowRecord } from '../../../flow';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { isIpv4, isLinkLocal, isPrivate, isUnspecifiedOrBroadcast } from './addresses';
import { FLOW_ALERTS, srcParty } from './common';

/** Sources and MACs remembered; past this the detection stops learning new ones (memory bound). */
const MAX_REMEMBERED = 500_000;

export class DeviceChangingIp implements Detector {
  readonly name = FLOW_ALERTS;
  /** MAC → the first IPv4 address it was seen with. */
  private readonly ipOfMac = new Map<string, string>();
  /** Private IPv4 sources already checked (upstream checks each source once). */
  private readonly seen = new Set<string>();

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client' || !rec.smac) return;
    const saddr = rec.saddr;
    if (this.seen.has(saddr)) return;
    if (!isIpv4(saddr) || !isPrivate(saddr) || isUnspecifiedOrBroadcast(saddr) || isLinkLocal(saddr)) return;
    if (this.seen.size >= MAX_REMEMBERED) return;
    this.seen.add(saddr);
    const mac = rec.smac.toLowerCase();
    const old = this.ipOfMac.get(mac);
    if (old === undefined) {
      if (this.ipOfMac.size < MAX_REMEMBERED) this.ipOfMac.set(mac, saddr);
      return;
    }
    if (old === saddr) return;
    ctx.emit(
      makeEvidence({
        type: 'DEVICE_CHANGING_IP',
        description:
          `A device changing IPs. IP ${saddr} was found with MAC address ${rec.smac} ` +
          `but the MAC belongs originally to IP: ${old}. `,
        attacker: srcParty(saddr),
        threatLevel: 'medium',
        confidence: 0.8,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        module: FLOW_ALERTS,
        facts: { mac: rec.smac, previousIp: old },
      }),
    );
  }
}
