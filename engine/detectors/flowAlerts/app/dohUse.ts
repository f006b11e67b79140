// DOH (4.2.2): a TLS connection that Slips' Zeek script flagged as DNS over HTTPS (`is_DoH` in
// ssl.log). Informational, confidence 0.9, as upstream; the server is remembered as a DoH server
// (NetworkKnowledge.dohServers) so connections to it are not reported as lacking DNS.
//
// Quirk Q17 fixed: upstream files this evidence under DIFFERENT_LOCALNET; here it has its own type,
// so DisabledAlerts and SIEM filters can tell it apart. Once per client, server and window.
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { OncePerWindow } from '../conn/oncePerWindow';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import type { RoutedDetector } from './router';

export class DohUse implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['ssl'] as const;
  private readonly once = new OncePerWindow();

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'ssl' || ctx.role !== 'Client' || !rec.isDoh || !rec.daddr) return;
    if (!this.once.first(ctx.tw, rec.daddr)) return;
    const sni = rec.serverName ? ` (${rec.serverName})` : '';
    ctx.emit(
      makeEvidence({
        type: 'DOH',
        description: `Using DNS over HTTPS (DoH) with server ${rec.daddr}${sni}.`,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'info',
        confidence: 0.9,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto || 'tcp',
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { sni: rec.serverName },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.once.forget(tw);
  }
}
