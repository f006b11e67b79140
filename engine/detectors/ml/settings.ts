// Settings of the ML / C&C detectors, read from the config's `beacon`, `rnn_cc_detection` and
// `flow_ml_detection` sections (engine/config/keys.ts). Why the defaults are what they are:
// * beacon.score_threshold 0.7: RITA's "low" severity line (70 %); its 50 % "base" marks pairs worth
//   listing, not threats.
// * rnn_cc_detection.threshold 0.9: the model card's threshold maximises F1 on a balanced split; in
//   traffic C&C tuples are rare, so the detector works at a precision-first point: on the training
//   data's TCP tuples 0.9 keeps precision at 0.998 with recall 0.89, where the card's 0.45 let through 11
//   times more false positives (and raised 49k C&C evidence on the replayed benign bench log). Upstream's
//   own model uses 0.99.
// * rnn_cc_detection.batch_letters 64: scoring once per 64 new letters keeps the GRU work batched.
import type { SlipsConfig } from '../../config/config';
import { DEFAULT_CONFIG } from '../../config/config';
import type { FlowMlMode } from '../../config/types';

export interface MlSettings {
  /** Beacon score at or above which a pair is reported (`beacon.score_threshold`). */
  beaconThreshold: number;
  /** C&C sequence-model score above which a tuple is reported (`rnn_cc_detection.threshold`). */
  ccThreshold: number;
  /** Score tuples once this many letters were added across the profile's open window (batching). */
  ccBatchLetters: number;
  /** `flow_ml_detection.mode`. */
  flowMode: FlowMlMode;
  /** `flow_ml_detection.model_folder`; '' = shipped model / default output folder. */
  flowModelFolder: string;
}

export function mlSettings(config: SlipsConfig): MlSettings {
  // Configs built by hand (tests, older callers) may lack the sections: the defaults fill them.
  const c = { ...DEFAULT_CONFIG, ...config };
  return {
    beaconThreshold: c.beacon.scoreThreshold,
    ccThreshold: c.rnnCcDetection.threshold,
    ccBatchLetters: c.rnnCcDetection.batchLetters,
    flowMode: c.flowMlDetection.mode,
    flowModelFolder: c.flowMlDetection.modelFolder,
  };
}

export const ML_DEFAULTS: MlSettings = mlSettings(DEFAULT_CONFIG);
