// NON_HTTP_PORT_80_CONNECTION (http_analyzer, 4.2.6): established TCP/80 with data that was not HTTP,
// and no HTTP between the same hosts within ±5 minutes (see unrecognisedService.ts for the wait).
// Two linked evidence, as upstream: the source (low) and the destination (medium).
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { dstParty, link, srcParty } from './common';
import { MATCH_WINDOW, UnrecognisedServiceWatch, type Unrecognised } from './unrecognisedService';

/** This row belongs to upstream's http_analyzer module, so `modules.disable` uses that name. */
const HTTP_ANALYZER = 'http_analyzer';
const HTTP_PORT = 80;
const HTTP_SERVICES: readonly string[] = ['http'];

export class NonHttpPort80 implements Detector {
  readonly name = HTTP_ANALYZER;
  private readonly watch = new UnrecognisedServiceWatch(HTTP_PORT, HTTP_SERVICES, report);

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
  const common = {
    type: 'NON_HTTP_PORT_80_CONNECTION' as const,
    confidence: 0.8,
    tw,
    uids: [rec.uid],
    timestamp: rec.ts,
    proto: rec.proto,
    srcPort: rec.sport,
    dstPort: rec.dport,
    module: HTTP_ANALYZER,
    facts: { service: rec.appproto || '-', bytes: rec.sbytes + rec.dbytes, matchWindowSeconds: MATCH_WINDOW },
  };
  const [bySrc, byDst] = link(
    makeEvidence({
      ...common,
      description: `non-HTTP established connection to port 80. destination IP: ${rec.daddr}`,
      attacker: srcParty(rec.saddr),
      victim: dstParty(rec.daddr),
      threatLevel: 'low',
    }),
    makeEvidence({
      ...common,
      description: `non-HTTP established connection to port 80. from IP: ${rec.saddr}`,
      attacker: dstParty(rec.daddr),
      victim: srcParty(rec.saddr),
      threatLevel: 'medium',
    }),
  );
  emit(bySrc);
  emit(byDst);
}
