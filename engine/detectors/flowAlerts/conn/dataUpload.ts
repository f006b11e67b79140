// DATA_UPLOAD (4.2.2): one flow sending at least 100 MB, or, when a window closes, the bytes its
// host sent to one address adding up to `data_exfiltration_threshold` MB (1 MB = 10^6 bytes).
// The gateway, multicast, link-local and reserved destinations are ignored. Two linked evidence,
// as upstream: the source (info) and the destination (high).
import type { ConnRecord, FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { isLinkLocal, isMulticast, isReserved } from './addresses';
import { FLOW_ALERTS, dstParty, link, pyFloat, srcParty } from './common';
import { GatewayGuess } from './gateway';

/** MB one flow must send to be reported on its own. */
const FLOW_UPLOAD_MB = 100;
const BYTES_PER_MB = 1e6;
/** Flow uids kept per destination (makeEvidence keeps as many). */
const MAX_UIDS = 100;

interface Sent {
  bytes: number;
  uids: string[];
  ts: number;
}

export class DataUpload implements Detector {
  readonly name = FLOW_ALERTS;

  constructor(private readonly gateway: GatewayGuess = new GatewayGuess()) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn') return;
    this.gateway.observe(rec);
    if (ctx.role !== 'Client' || !(rec.sbytes >= FLOW_UPLOAD_MB * BYTES_PER_MB)) return;
    if (!rec.daddr || this.ignored(rec.daddr)) return;
    this.report(ctx.emit, ctx.tw, rec.saddr, rec.daddr, rec.sbytes, [rec.uid], rec.ts, FLOW_UPLOAD_MB);
  }

  onWindowClosed(tw: TimeWindow, ctx: Omit<DetectorContext, 'role' | 'state'>): void {
    const flows = tw.detail?.flows;
    const threshold = ctx.config.flowAlerts.dataExfiltrationThreshold;
    const limit = threshold * BYTES_PER_MB;
    // The window's bytes in both directions bound what its host sent: most windows stop here.
    if (!flows || !(tw.summary.bytes >= limit)) return;
    const me = tw.profileIp;
    let total = 0;
    for (const f of flows) if (f.saddr === me && f.sbytes > 0) total += f.sbytes;
    if (!(total >= limit)) return;
    const sent = new Map<string, Sent>();
    for (const f of flows) this.add(sent, f, me);
    for (const [daddr, s] of sent)
      if (s.bytes >= limit) this.report(ctx.emit, tw, me, daddr, s.bytes, s.uids, s.ts, threshold);
  }

  private add(sent: Map<string, Sent>, f: ConnRecord, me: string): void {
    if (f.saddr !== me || !(f.sbytes > 0) || !f.daddr || this.ignored(f.daddr)) return;
    const s = sent.get(f.daddr);
    if (s) {
      s.bytes += f.sbytes;
      if (s.uids.length < MAX_UIDS) s.uids.push(f.uid);
      s.ts = f.ts;
    } else sent.set(f.daddr, { bytes: f.sbytes, uids: [f.uid], ts: f.ts });
  }

  private ignored(ip: string): boolean {
    return ip === this.gateway.ip || isMulticast(ip) || isLinkLocal(ip) || isReserved(ip);
  }

  private report(
    emit: DetectorContext['emit'],
    tw: TimeWindow,
    saddr: string,
    daddr: string,
    bytes: number,
    uids: string[],
    ts: number,
    thresholdMb: number,
  ): void {
    const mb = bytes / BYTES_PER_MB;
    const description = `Large data upload. ${pyFloat(mb)} MBs sent to ${daddr}`;
    const common = {
      type: 'DATA_UPLOAD' as const,
      description,
      confidence: 0.6,
      tw,
      uids,
      timestamp: ts,
      module: FLOW_ALERTS,
      facts: { sentBytes: bytes, thresholdMb },
    };
    const [bySrc, byDst] = link(
      makeEvidence({ ...common, attacker: srcParty(saddr), victim: dstParty(daddr), threatLevel: 'info' }),
      makeEvidence({ ...common, attacker: dstParty(daddr), victim: srcParty(saddr), threatLevel: 'high' }),
    );
    emit(bySrc);
    emit(byDst);
  }
}
