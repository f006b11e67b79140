// INCOMPATIBLE_CN (4.2.2): the certificate's subject names one of the organisations Slips knows
// (google, microsoft, apple, facebook, twitter), but neither the server's IP nor the SNI belongs to it:
// a certificate claiming to be someone it is not. How IPs and domains are tied to an org offline is
// explained in orgs.ts.
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { isDomainInOrg, isIpInOrg, SUPPORTED_ORGS, type Org } from './orgs';

export class IncompatibleCn implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['ssl'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'ssl' || ctx.role !== 'Client' || !rec.subject) return;
    const subject = rec.subject.toLowerCase();
    // Upstream keeps the last org named in the subject, and stays silent as soon as one named org fits.
    let claimed: Org | undefined;
    for (const org of SUPPORTED_ORGS) {
      if (!subject.includes(org)) continue;
      claimed = org;
      if (isIpInOrg(rec.daddr, org, ctx.knowledge)) return;
      if (rec.serverName && isDomainInOrg(rec.serverName, org)) return;
    }
    if (!claimed) return;
    ctx.emit(
      makeEvidence({
        type: 'INCOMPATIBLE_CN',
        description:
          `Incompatible certificate CN to IP: ${rec.daddr} domain: ${rec.serverName}. ` +
          `The certificate is claiming to belong to ${capitalize(claimed)}.`,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'medium',
        confidence: 0.9,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { org: claimed, subject: rec.subject, sni: rec.serverName },
      }),
    );
  }
}

/** Python's str.capitalize(): first letter upper, the rest lower. */
function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
