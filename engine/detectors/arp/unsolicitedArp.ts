// Unsolicited ARP (slips-behaviour.md 4.2.7): a reply broadcast to everyone (Ethernet and ARP target
// ff:ff:ff:ff:ff:ff) with real sender addresses. Hosts do it to refresh their neighbours' caches, and so
// does an attacker poisoning them. Low, confidence 0.8.
import type { FlowRecord } from '../../flow';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { BROADCAST_MAC, ZERO_MAC, isReply, sameMac } from './arpFacts';

const CONFIDENCE = 0.8;

export class UnsolicitedArp implements Detector {
  readonly name = 'arp';

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'arp' || ctx.role !== 'Client' || !isReply(rec)) return;
    if (!sameMac(rec.dmac, BROADCAST_MAC) || !sameMac(rec.dstHw, BROADCAST_MAC)) return;
    if (!rec.smac || !rec.srcHw || sameMac(rec.smac, ZERO_MAC) || sameMac(rec.srcHw, ZERO_MAC)) return;
    ctx.emit(
      makeEvidence({
        type: 'UNSOLICITED_ARP',
        description: 'broadcasting unsolicited ARP',
        attacker: ipParty(rec.saddr, 'SRC'),
        threatLevel: 'low',
        confidence: CONFIDENCE,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: 'arp',
        module: this.name,
        facts: { srcMac: rec.smac },
      }),
    );
  }
}
