// NON_SSL_PORT_443_CONNECTION (4.2.2): established TCP/443 with data that was not SSL, and no SSL
// between the same hosts within ±5 minutes (see unrecognisedService.ts for how the wait is settled).
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { MATCH_WINDOW, UnrecognisedServiceWatch, type Unrecognised } from './unrecognisedService';

const HTTPS_PORT = 443;
/** Zeek's `service` for TLS is `ssl`; Suricata's `app_proto` is `tls`. */
const SSL_SERVICES: readonly string[] = ['ssl', 'tls'];

export class NonSslPort443 implements Detector {
  readonly name = FLOW_ALERTS;
  private readonly watch = new UnrecognisedServiceWatch(HTTPS_PORT, SSL_SERVICES, report);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    this.watch.onRecord(rec, ctx);
  }

  onWindowClosed(tw: TimeWindow): void {
    this.watch.onWindowClosed(tw);
  }

  onEnd(ctx: Pick<DetectorContext, 'emit'>): void {
    this.watch.onEnd(ctx.emit);
  }
}

function report({ rec, tw }: Unrecognised, emit: DetectorContext['emit']): void {
  emit(
    makeEvidence({
      type: 'NON_SSL_PORT_443_CONNECTION',
      description: `non-SSL established connection to port 443. destination IP: ${rec.daddr}`,
      attacker: srcParty(rec.saddr),
      victim: dstParty(rec.daddr),
      threatLevel: 'medium',
      confidence: 0.8,
      tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: FLOW_ALERTS,
      facts: {
        service: rec.appproto || '-',
        bytes: rec.sbytes + rec.dbytes,
        matchWindowSeconds: MATCH_WINDOW,
      },
    }),
  );
}
