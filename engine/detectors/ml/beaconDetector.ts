// Beacon scoring (issue 7, beyond upstream): when a window closes, every destination its profile
// contacted as a client gets RITA's beacon score over the window's connections (traffic time), and a
// pair at or above the threshold becomes evidence with its sub-scores.
import type { ConnRecord, FlowRecord } from '../../flow';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty, makeEvidence } from '../makeEvidence';
import { beaconScore, type BeaconScore } from '../../ml/beacon/beaconScore';

export const BEACON_MODULE = 'beacon';

/** RITA's severity lines (neighbours.md 2.4) above our reporting threshold. */
const SEVERITY = { medium: 0.9, high: 1 } as const;
/** A pair seen in this many connections fills every histogram bin once: full confidence. */
const FULL_CONFIDENCE_CONNECTIONS = 24;

interface Pair {
  daddr: string;
  flows: ConnRecord[];
}

export class BeaconDetector implements Detector {
  readonly name = BEACON_MODULE;

  constructor(private readonly threshold: number) {}

  onRecord(_rec: FlowRecord, _ctx: DetectorContext): void {}

  onWindowClosed(tw: TimeWindow, ctx: Omit<DetectorContext, 'role' | 'state'>): void {
    const flows = tw.detail?.flows;
    if (!flows || flows.length < 4) return;
    let start = Infinity;
    let end = -Infinity;
    const pairs = new Map<string, Pair>();
    for (const f of flows) {
      if (f.ts < start) start = f.ts;
      if (f.ts > end) end = f.ts;
      if (f.saddr !== tw.profileIp || (f.proto !== 'tcp' && f.proto !== 'udp')) continue;
      let p = pairs.get(f.daddr);
      if (!p) pairs.set(f.daddr, (p = { daddr: f.daddr, flows: [] }));
      p.flows.push(f);
    }
    // Map order is first-contact order, so evidence order is deterministic.
    for (const p of pairs.values()) {
      if (p.flows.length < 4) continue;
      const s = beaconScore({
        timestamps: p.flows.map((f) => f.ts),
        sizes: p.flows.map((f) => f.sbytes),
        rangeStart: start,
        rangeEnd: end,
      });
      if (s && s.score >= this.threshold) ctx.emit(this.evidence(tw, p, s));
    }
  }

  private evidence(tw: TimeWindow, p: Pair, s: BeaconScore) {
    const { port, proto } = commonPort(p.flows);
    const last = p.flows.reduce((a, f) => Math.max(a, f.ts), -Infinity);
    const description =
      `Beacon-like connections from ${tw.profileIp} to ${p.daddr} port ${port}/${proto}: ` +
      `beacon score ${s.score.toFixed(3)} (intervals ${s.ts.score.toFixed(3)}, sizes ${s.ds.score.toFixed(3)}, ` +
      `histogram ${s.hist.score.toFixed(3)}, duration ${s.dur.score.toFixed(3)}); ` +
      `${s.connections} connections, median interval ${s.medianInterval.toFixed(1)} s, ` +
      `median size ${s.ds.median} bytes.`;
    return makeEvidence({
      type: 'BEACON',
      description,
      attacker: ipParty(tw.profileIp, 'SRC'),
      victim: ipParty(p.daddr, 'DST'),
      threatLevel: s.score >= SEVERITY.high ? 'high' : s.score >= SEVERITY.medium ? 'medium' : 'low',
      confidence: Math.min(1, s.connections / FULL_CONFIDENCE_CONNECTIONS),
      tw,
      uids: p.flows.map((f) => f.uid),
      timestamp: last,
      proto,
      dstPort: port,
      module: BEACON_MODULE,
      facts: {
        score: s.score,
        ts_score: s.ts.score,
        ts_skew: round6(s.ts.skew),
        ts_mad: round6(s.ts.mad),
        ds_score: s.ds.score,
        ds_skew: round6(s.ds.skew),
        ds_mad: round6(s.ds.mad),
        hist_score: s.hist.score,
        hist_cv_score: s.hist.cvScore,
        hist_bimodal_fit: s.hist.bimodalFit,
        dur_score: s.dur.score,
        dur_coverage: s.dur.coverage,
        dur_consistency: s.dur.consistency,
        connections: s.connections,
        median_interval: round6(s.medianInterval),
        median_size: s.ds.median,
        threshold: this.threshold,
      },
    });
  }
}

/** The destination port (and its proto) the pair used most; the first seen wins ties. */
function commonPort(flows: readonly ConnRecord[]): { port: number; proto: string } {
  const counts = new Map<string, { port: number; proto: string; n: number }>();
  let best: { port: number; proto: string; n: number } | undefined;
  for (const f of flows) {
    const k = `${f.dport}/${f.proto}`;
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { port: f.dport, proto: f.proto, n: 0 }));
    c.n++;
    if (!best || c.n > best.n) best = c;
  }
  return best!;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
