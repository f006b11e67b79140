// The shape of models/flow-rf/metrics.json: everything the model card states, as measured.
import type { BinaryMetrics } from '../metrics';
import type { ForestOptions } from './forest';
import type { BenignCount, CrossCapture, HeldOut } from './evaluation';

export interface CaptureRows {
  path: string;
  about: string;
  /** TCP/UDP connections (classified). */
  flows: number;
  malware: number;
  normal: number;
  /** Background / Unknown / unlabelled: not learnt from, not scored. */
  unlabelled: number;
  /** Connections of other protocols (ICMP, ARP, ...), which the classifier does not judge. */
  otherProtocols: number;
}

export interface FlowMetricsFile {
  threshold: number;
  forest: ForestOptions & { nodes: number; classWeight: 'balanced' };
  train: { captures: CaptureRows[]; flows: number; malware: number; normal: number };
  test: HeldOut & { about: Record<string, string> };
  /** On the training flows themselves (how well the forest fits, not how well it generalises). */
  trainFit: BinaryMetrics;
  benign: BenignCount[];
  /** Leave-one-capture-out over every capture (forests that are not shipped; for context). */
  crossCapture: CrossCapture[];
  training: { totalSeconds: number; secondsPerTree: number };
  speed: { flows: number; flowsPerSecond: number };
}
