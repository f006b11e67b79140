// HTTP_TRAFFIC (4.2.6): every HTTP request is unencrypted traffic worth knowing about (info only; it
// never counts towards an alert).
import type { FlowRecord } from '../../flow';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { HTTP_ANALYZER } from './common';

export class HttpTraffic implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client') return;
    ctx.emit(
      makeEvidence({
        type: 'HTTP_TRAFFIC',
        description: `Unencrypted HTTP traffic from ${rec.saddr} to ${rec.daddr}.`,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: ipParty(rec.daddr, 'DST'),
        threatLevel: 'info',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: HTTP_ANALYZER,
        facts: { host: rec.host, method: rec.method },
      }),
    );
  }
}
