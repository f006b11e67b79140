// LONG_CONNECTION (4.2.2): a connection lasting longer than `long_connection_threshold` (1500 s),
// read from the documented flowalerts key (quirk Q6). Multicast flows are skipped.
import type { FlowRecord } from '../../../flow';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { isMulticast } from './addresses';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

/** Upstream's confidence scale: 1 means a connection lasting a whole day. */
const FULL_CONFIDENCE_SECONDS = 24 * 3600;

export class LongConnection implements Detector {
  readonly name = FLOW_ALERTS;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    const dur = rec.dur;
    if (!(dur > ctx.config.flowAlerts.longConnectionThreshold) || !Number.isFinite(dur)) return;
    if (isMulticast(rec.daddr) || isMulticast(rec.saddr)) return;
    const confidence = Math.min(1, Math.round((dur / FULL_CONFIDENCE_SECONDS) * 100) / 100);
    ctx.emit(
      makeEvidence({
        type: 'LONG_CONNECTION',
        description:
          `Long Connection. Connection from ${rec.saddr} to destination address: ${rec.daddr} ` +
          `took ${Math.trunc(dur / 60)} mins`,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'low',
        confidence,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { durationSeconds: dur, thresholdSeconds: ctx.config.flowAlerts.longConnectionThreshold },
      }),
    );
  }
}
