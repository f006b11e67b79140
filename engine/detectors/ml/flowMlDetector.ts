// Flow classifier (upstream `flow_ml_detection`, slips-behaviour.md 4.1.5 / 4.2.5). Test mode: every
// TCP/UDP connection is scored by the random forest and a Malware verdict is MALICIOUS_FLOW evidence
// (threat level low, confidence 0.1, as upstream). Train mode: labelled connections (the flow's own
// label, else `parameters.label`) are gathered and a forest is trained at the end of the input.
import type { ConnRecord, FlowRecord } from '../../flow';
import type { Detector, DetectorContext } from '../detector';
import { ipParty, makeEvidence } from '../makeEvidence';
import { flowFeatures, normaliseLabel } from '../../ml/flows/features';
import type { RandomForest } from '../../ml/flows/forest';
import { MALWARE_PROBABILITY, trainFlowForest } from '../../ml/flows/training';

export const FLOW_ML_MODULE = 'flow_ml_detection';

export class FlowClassifierDetector implements Detector {
  readonly name = FLOW_ML_MODULE;
  /** Flows scored and flows called Malware, for the run's numbers. */
  scored = 0;
  flagged = 0;

  constructor(private readonly forest: RandomForest) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    // Each connection once, in the profile of its source (upstream's attacker and profile).
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    const f = flowFeatures(rec);
    if (!f) return;
    this.scored++;
    const p = this.forest.probability(f);
    if (p <= MALWARE_PROBABILITY) return;
    this.flagged++;
    ctx.emit(evidence(rec, ctx, p));
  }
}

function evidence(rec: ConnRecord, ctx: DetectorContext, p: number) {
  return makeEvidence({
    type: 'MALICIOUS_FLOW',
    description:
      `Flow with malicious characteristics by ML. Src IP ${rec.saddr}:${rec.sport} to ` +
      `${rec.daddr}:${rec.dport}`,
    attacker: ipParty(rec.saddr, 'SRC'),
    victim: ipParty(rec.daddr, 'DST'),
    threatLevel: 'low',
    confidence: 0.1,
    tw: ctx.tw,
    uids: [rec.uid],
    timestamp: rec.ts,
    proto: rec.proto,
    srcPort: rec.sport,
    dstPort: rec.dport,
    method: 'AI',
    module: FLOW_ML_MODULE,
    facts: { malware_probability: Math.round(p * 1e4) / 1e4 },
  });
}

/** What train mode ends with: a forest, or why there is none. */
export type TrainOutcome =
  | { kind: 'trained'; forest: RandomForest; flows: number; malware: number; normal: number }
  | { kind: 'not-trained'; reason: string };

export class FlowClassifierTrainer implements Detector {
  readonly name = FLOW_ML_MODULE;
  private readonly rows: Float64Array[] = [];
  private readonly labels: number[] = [];

  /** `done` gets the outcome once the input ended (the factory saves the model and says where). */
  constructor(private readonly done: (o: TrainOutcome) => void) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    const label = normaliseLabel(rec.label ?? ctx.config.label);
    if (label === undefined) return;
    const f = flowFeatures(rec);
    if (!f) return;
    this.rows.push(f);
    this.labels.push(label);
  }

  onEnd(): void {
    const malware = this.labels.reduce((a, v) => a + v, 0);
    const normal = this.labels.length - malware;
    if (!malware || !normal) {
      this.done({
        kind: 'not-trained',
        reason: `train mode needs labelled Malware and Normal TCP/UDP flows, got ${malware} Malware and ${normal} Normal`,
      });
      return;
    }
    const width = this.rows[0]!.length;
    const x = new Float64Array(this.rows.length * width);
    this.rows.forEach((r, i) => x.set(r, i * width));
    const forest = trainFlowForest(x, Uint8Array.from(this.labels));
    this.done({ kind: 'trained', forest, flows: this.labels.length, malware, normal });
  }
}
