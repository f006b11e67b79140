// MULTIPLE_RECONNECTION_ATTEMPTS (4.2.2): a source rejected (Zeek state REJ) again and again by the
// same destination port in one window, and its Telnet variant: repeated not-established TCP
// connections to 23 or 2323. Each counter starts again after its evidence.
import type { ConnRecord, FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

/** REJ flows to the same saddr-daddr-dport that make an evidence. */
const REJECTED_ATTEMPTS = 5;
/** Not-established TCP flows from saddr to daddr on a Telnet port that make an evidence. */
const TELNET_ATTEMPTS = 4;
const TELNET_PORTS: readonly number[] = [23, 2323];

interface Attempts {
  n: number;
  uids: string[];
}

export class ReconnectionAttempts implements Detector {
  readonly name = FLOW_ALERTS;
  /** Per window: `<saddr>-<daddr>-<dport>` or `<saddr>-<daddr>-telnet` → attempts since the last evidence. */
  private readonly attempts = new Map<TimeWindow, Map<string, Attempts>>();

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    if (rec.state === 'REJ') {
      const a = this.count(ctx.tw, `${rec.saddr}-${rec.daddr}-${rec.dport}`, rec.uid);
      if (a.n >= REJECTED_ATTEMPTS)
        this.report(
          rec,
          ctx,
          a,
          `Multiple reconnection attempts to Destination IP: ${rec.daddr} from IP: ${rec.saddr} reconnections: ${a.n}`,
          REJECTED_ATTEMPTS,
        );
    }
    if (ctx.state === 'Not Established' && rec.proto === 'tcp' && TELNET_PORTS.includes(rec.dport)) {
      const a = this.count(ctx.tw, `${rec.saddr}-${rec.daddr}-telnet`, rec.uid);
      if (a.n >= TELNET_ATTEMPTS)
        this.report(
          rec,
          ctx,
          a,
          // Upstream's wording, double space included.
          `Multiple Telnet reconnection attempts from IP: ${rec.saddr} to Destination IP: ${rec.daddr}  reconnections: ${a.n}`,
          TELNET_ATTEMPTS,
        );
    }
  }

  onWindowClosed(tw: TimeWindow): void {
    this.attempts.delete(tw);
  }

  private count(tw: TimeWindow, key: string, uid: string): Attempts {
    let perWindow = this.attempts.get(tw);
    if (!perWindow) {
      perWindow = new Map();
      this.attempts.set(tw, perWindow);
    }
    let a = perWindow.get(key);
    if (!a) {
      a = { n: 0, uids: [] };
      perWindow.set(key, a);
    }
    a.n++;
    a.uids.push(uid);
    return a;
  }

  private report(
    rec: ConnRecord,
    ctx: DetectorContext,
    a: Attempts,
    description: string,
    threshold: number,
  ): void {
    ctx.emit(
      makeEvidence({
        type: 'MULTIPLE_RECONNECTION_ATTEMPTS',
        description,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'medium',
        confidence: 0.5,
        tw: ctx.tw,
        uids: a.uids,
        timestamp: rec.ts,
        proto: rec.proto,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { reconnections: a.n, threshold },
      }),
    );
    a.n = 0;
    a.uids = [];
  }
}
