// PASTEBIN_DOWNLOAD, HTTP side (4.2.6): a GET whose response body is larger than
// `pastebin_download_threshold` bytes from a server identified as pastebin. Upstream identifies the
// server by its IP's identification (DNS names that resolved to it, SNI, reverse DNS, AS); offline,
// the DNS names that resolved to the IP are used, and the request's Host header as well.
import type { FlowRecord } from '../../flow';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { pyFloat } from '../flowAlerts/app/common';
import { HTTP_ANALYZER } from './common';

export class PastebinGet implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client' || rec.method !== 'GET') return;
    const threshold = ctx.config.flowAlerts.pastebinDownloadThreshold;
    if (!(rec.responseBodyLen > threshold)) return;
    const names = ctx.knowledge.resolution(rec.daddr)?.names ?? [];
    if (
      !rec.host.toLowerCase().includes('pastebin') &&
      !names.some((n) => n.toLowerCase().includes('pastebin'))
    )
      return;
    ctx.emit(
      makeEvidence({
        type: 'PASTEBIN_DOWNLOAD',
        description: `A downloaded file from pastebin.com. Size: ${pyFloat(rec.responseBodyLen / 1e6)} MBs`,
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
        facts: { responseBodyBytes: rec.responseBodyLen, thresholdBytes: threshold, host: rec.host },
      }),
    );
  }
}
