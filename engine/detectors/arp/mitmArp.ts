// MITM by ARP cache poisoning (slips-behaviour.md 4.2.7): a gratuitous reply in which a MAC that was
// first seen with IP A now claims IP B. It may also be a host that simply changed address, hence the low
// confidence: critical, 0.2. This detector also keeps the MAC↔IP bindings (HostBindings) up to date,
// after its check, so a record never vouches for itself.
import type { FlowRecord } from '../../flow';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { isGratuitous } from './arpFacts';
import type { HostBindings } from './hostBindings';

const CONFIDENCE = 0.2;

export class MitmArp implements Detector {
  readonly name = 'arp';

  constructor(private readonly hosts: HostBindings) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (ctx.role !== 'Client') return;
    if (rec.kind === 'arp' && rec.smac && isGratuitous(rec)) {
      const original = this.hosts.ipOf(rec.smac);
      if (original !== undefined && original !== rec.saddr) {
        const gatewayIp = this.hosts.gatewayIp;
        const who = rec.saddr === gatewayIp ? `The gateway ${rec.saddr}` : rec.saddr;
        const mac =
          rec.smac.toLowerCase() === this.hosts.gatewayMac ? `of the gateway ${rec.smac}` : rec.smac;
        ctx.emit(
          makeEvidence({
            type: 'MITM_ARP_ATTACK',
            description:
              `${who} performing a MITM ARP attack. The MAC ${mac}, now belonging to ${who}, ` +
              `was seen before for IP ${original}.`,
            attacker: ipParty(rec.saddr, 'SRC'),
            victim: ipParty(original, 'DST'),
            threatLevel: 'critical',
            confidence: CONFIDENCE,
            tw: ctx.tw,
            uids: [rec.uid],
            timestamp: rec.ts,
            proto: 'arp',
            module: this.name,
            facts: { mac: rec.smac, previousIp: original },
          }),
        );
      }
    }
    if (rec.kind === 'arp' || rec.kind === 'dhcp' || rec.kind === 'conn') this.hosts.learn(rec);
  }
}
