// SELF_SIGNED_CERTIFICATE (4.2.2): Zeek's ssl.log validation status says the certificate is self
// signed. Two linked evidence, as upstream: the client (source) and the server (destination), both low.
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, link, srcParty } from './common';

/** The fragment of Zeek's `validation_status` that marks it ("self signed certificate", "... in certificate chain"). */
const SELF_SIGNED = 'self signed';

export class SelfSignedCertificate implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['ssl'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'ssl' || ctx.role !== 'Client' || !rec.validationStatus.includes(SELF_SIGNED)) return;
    let description = `Self-signed certificate. Destination IP: ${rec.daddr}.`;
    if (rec.serverName) description += ` SNI: ${rec.serverName}.`;
    const common = {
      type: 'SELF_SIGNED_CERTIFICATE' as const,
      description,
      threatLevel: 'low' as const,
      confidence: 0.5,
      tw: ctx.tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: FLOW_ALERTS,
      facts: { validationStatus: rec.validationStatus, sni: rec.serverName },
    };
    const [bySrc, byDst] = link(
      makeEvidence({ ...common, attacker: srcParty(rec.saddr), victim: dstParty(rec.daddr) }),
      makeEvidence({ ...common, attacker: dstParty(rec.daddr), victim: srcParty(rec.saddr) }),
    );
    ctx.emit(bySrc);
    ctx.emit(byDst);
  }
}
