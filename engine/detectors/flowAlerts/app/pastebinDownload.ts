// PASTEBIN_DOWNLOAD (4.2.2): TLS to a server whose SNI names pastebin, and the connection (conn.log,
// same uid) brought back at least `pastebin_download_threshold` bytes. Upstream waits up to 40 s of
// wall-clock time for the conn; here the TLS record waits 40 s of traffic time (connByUid.ts).
import type { ConnRecord, FlowRecord, SslRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, pyFloat, srcParty } from './common';
import { ConnWaiter, connInWindow } from './connByUid';

/** Seconds upstream waits for the conn of the TLS record. */
const CONN_WAIT = 40;

interface Candidate {
  rec: SslRecord;
  tw: TimeWindow;
  threshold: number;
}

export class PastebinDownload implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['*'] as const;
  private readonly waiter = new ConnWaiter<Candidate>(CONN_WAIT, (c, conn, emit) => judge(c, conn, emit));

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    this.waiter.see(rec, ctx.emit);
    if (rec.kind !== 'ssl' || ctx.role !== 'Client' || !rec.serverName.includes('pastebin')) return;
    const c: Candidate = { rec, tw: ctx.tw, threshold: ctx.config.flowAlerts.pastebinDownloadThreshold };
    const conn = connInWindow(ctx.tw, rec.uid);
    if (conn) judge(c, conn, ctx.emit);
    else this.waiter.wait(rec.uid, rec.ts, c);
  }

  onEnd(): void {
    this.waiter.end();
  }
}

function judge({ rec, tw, threshold }: Candidate, conn: ConnRecord, emit: DetectorContext['emit']): void {
  // Zeek's resp_bytes: the payload the server sent.
  const downloaded = conn.dbytes;
  if (!(downloaded >= threshold)) return;
  emit(
    makeEvidence({
      type: 'PASTEBIN_DOWNLOAD',
      description: `A downloaded file from pastebin.com. size: ${pyFloat(downloaded / 1e6)} MBs`,
      attacker: srcParty(rec.saddr),
      victim: dstParty(rec.daddr),
      threatLevel: 'info',
      confidence: 1,
      tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: FLOW_ALERTS,
      facts: { downloadedBytes: downloaded, thresholdBytes: threshold, sni: rec.serverName },
    }),
  );
}
