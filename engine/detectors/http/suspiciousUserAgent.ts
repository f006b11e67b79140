// SUSPICIOUS_USER_AGENT (4.2.6): an HTTP request whose user agent contains one of the strings upstream
// knows from malware and exploitation tools (case-insensitive substring, first match only).
import type { FlowRecord } from '../../flow';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { HTTP_ANALYZER } from './common';

/** httpsend, chm_msdn: malware downloaders; pb: a bot family; jndi: Log4Shell; tesseract: a scanner. */
const SUSPICIOUS_UA_PARTS = ['httpsend', 'chm_msdn', 'pb', 'jndi', 'tesseract'] as const;

export class SuspiciousUserAgent implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client' || !rec.userAgent) return;
    const ua = rec.userAgent.toLowerCase();
    const part = SUSPICIOUS_UA_PARTS.find((p) => ua.includes(p));
    if (!part) return;
    ctx.emit(
      makeEvidence({
        type: 'SUSPICIOUS_USER_AGENT',
        description: `Suspicious user-agent: ${rec.userAgent} while connecting to ${rec.host}${rec.uri}`,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: ipParty(rec.daddr, 'DST'),
        threatLevel: 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: HTTP_ANALYZER,
        facts: { matched: part },
      }),
    );
  }
}
