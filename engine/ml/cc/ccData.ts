// What the C&C model is trained and evaluated on, shared by the training script and the tests that
// recompute the model card's numbers.
import type { BinaryMetrics } from '../metrics';
import type { LabelledTuple } from './dataset';

/** 70 % train, 10 % validation (threshold choice), 20 % held-out test, per class, seed 7. */
export const CC_SPLIT = { shares: [0.7, 0.1, 0.2], seed: 7 } as const;

/** Upstream scores only TCP tuples (4.1.4, 4.2.4), so the model learns from TCP tuples only. */
export function ccTrainingRows(rows: readonly LabelledTuple[]): LabelledTuple[] {
  return rows.filter((r) => r.proto === 'tcp');
}

export interface CcMetricsFile {
  threshold: number;
  data: {
    file: string;
    rows: number;
    train: number;
    validation: number;
    test: number;
    positives: number;
    skippedLines: number;
  };
  split: typeof CC_SPLIT;
  training: { backend: string; epochs: number; totalSeconds: number; secondsPerEpoch: number[] };
  test: { gru: BinaryMetrics; baseline: BinaryMetrics };
  baselineTrainingSeconds: number;
  tfjsVsEngineMaxAbsDiff: number;
  speed: {
    sequences: number;
    meanSymbols: number;
    tfjsBatchSequencesPerSecond: number;
    engineSequencesPerSecond: number;
    engineSymbolsPerSecond: number;
  };
}
