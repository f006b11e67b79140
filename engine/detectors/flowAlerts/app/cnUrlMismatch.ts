// CN_URL_MISMATCH (4.2.2): the certificate's common name (wildcards allowed) does not match the SNI,
// and the two names belong to different organisations. Two linked evidence, as upstream: the client
// (low) and the SNI domain (medium).
//
// Upstream compares the registrable domains, then the whois registrants of both names, and stays
// silent when whois knows nothing about either. Whois is online enrichment this engine does not have;
// the organisations it knows offline are those of orgs.ts, so evidence is raised only when both names
// belong to known, different organisations (e.g. a Google certificate served for a Microsoft name).
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, domainParty, link, srcParty } from './common';
import { cnMatches, extractCn, registrableDomain } from './domains';
import { orgOfDomain } from './orgs';

export class CnUrlMismatch implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['ssl'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'ssl' || ctx.role !== 'Client' || !rec.subject || !rec.serverName) return;
    const cn = extractCn(rec.subject);
    if (!cn || cnMatches(cn, rec.serverName)) return;
    if (registrableDomain(cn) === registrableDomain(rec.serverName)) return;
    const cnOrg = orgOfDomain(cn);
    const sniOrg = orgOfDomain(rec.serverName);
    if (!cnOrg || !sniOrg || cnOrg === sniOrg) return;
    const common = {
      type: 'CN_URL_MISMATCH' as const,
      description:
        `a CN mismatch. The common name (CN) '${cn}' in the SSL certificate for the domain ` +
        `'${rec.serverName}' does not match the server's domain.`,
      confidence: 0.8,
      tw: ctx.tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: FLOW_ALERTS,
      facts: { cn, sni: rec.serverName, cnOrg, sniOrg },
    };
    const [bySrc, byDomain] = link(
      makeEvidence({
        ...common,
        attacker: srcParty(rec.saddr),
        victim: domainParty(rec.serverName, 'DST'),
        threatLevel: 'low',
      }),
      makeEvidence({
        ...common,
        attacker: domainParty(rec.serverName, 'DST'),
        victim: srcParty(rec.saddr),
        threatLevel: 'medium',
      }),
    );
    ctx.emit(bySrc);
    ctx.emit(byDomain);
  }
}
