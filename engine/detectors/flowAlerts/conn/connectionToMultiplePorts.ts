// CONNECTION_TO_MULTIPLE_PORTS (4.2.2): established TCP connections from a host to one destination
// on several ports, triggered by a flow whose port has no known service (neither the flow's
// recognised service nor services.csv names it). Re-emitted whenever the number of ports grows.
//
// Decided differently from upstream's text "Connection to multiple ports <ports> of IP: <profile>":
// the IP named is the destination whose ports were contacted (upstream names the source there).
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import { windowBehaviour } from '../../../profiler/windowBehaviour';
import { shippedServiceNames, type ServiceNames } from '../../../data/services';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

/** Established TCP destination ports to one IP that make an evidence. */
const MIN_PORTS = 2;
const FEATURE_KEY = 'Client|TCP|Established';
/** Flow uids gathered from the destination's tuples (makeEvidence keeps as many). */
const MAX_UIDS = 100;

export class ConnectionToMultiplePorts implements Detector {
  readonly name = FLOW_ALERTS;
  /** Per window: destination → port count of the last evidence. */
  private readonly reported = new Map<TimeWindow, Map<string, number>>();

  constructor(private readonly ports: ServiceNames = shippedServiceNames()) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client' || rec.proto !== 'tcp' || ctx.state !== 'Established')
      return;
    if (rec.appproto || this.ports.name(rec.dport, 'tcp') !== undefined) return;
    const tw = ctx.tw;
    const behaviour = windowBehaviour(tw);
    const peer = behaviour?.features.get(FEATURE_KEY)?.peers.get(rec.daddr);
    if (!peer || peer.ports.size < MIN_PORTS) return;
    let reported = this.reported.get(tw);
    if (!reported) {
      reported = new Map();
      this.reported.set(tw, reported);
    }
    const n = peer.ports.size;
    if ((reported.get(rec.daddr) ?? 0) >= n) return;
    reported.set(rec.daddr, n);
    const ports = [...peer.ports.keys()];
    const uids: string[] = [];
    for (const p of ports) {
      const t = behaviour!.outTuples.get(`${rec.daddr}-${p}-tcp`);
      if (t) for (const u of t.uids) if (uids.length < MAX_UIDS) uids.push(u);
    }
    ctx.emit(
      makeEvidence({
        type: 'CONNECTION_TO_MULTIPLE_PORTS',
        description: `Connection to multiple ports [${ports.join(', ')}] of IP: ${rec.daddr}. `,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'info',
        confidence: 0.5,
        tw,
        uids: uids.length ? uids : [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { ports: n },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.reported.delete(tw);
  }
}
