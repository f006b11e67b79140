// Settings of the ML / C&C detectors. They are read from the config's `beacon` and `rnn_cc_detection`
// sections when the config carries them (a typed section is proposed for engine/config), else the
// defaults below apply.
import type { SlipsConfig } from '../../config/config';

export interface MlSettings {
  /** Beacon score at or above which a pair is reported (`beacon.score_threshold`). */
  beaconThreshold: number;
  /** C&C sequence-model score above which a tuple is reported (`rnn_cc_detection.threshold`). */
  ccThreshold: number;
  /** Score tuples once this many letters were added across the profile's open window (batching). */
  ccBatchLetters: number;
}

export const ML_DEFAULTS: MlSettings = {
  // RITA's "low" severity line (70 %): its 50 % "base" marks pairs worth listing, not threats.
  beaconThreshold: 0.7,
  // Chosen on the held-out split (models/cc-letters/MODEL_CARD.md), replaced by the card's value.
  ccThreshold: 0.5,
  ccBatchLetters: 64,
};

interface OptionalSections {
  beacon?: { scoreThreshold?: number };
  rnnCcDetection?: { threshold?: number; batchLetters?: number };
}

export function mlSettings(config: SlipsConfig, modelThreshold?: number): MlSettings {
  const c = config as SlipsConfig & OptionalSections;
  return {
    beaconThreshold: c.beacon?.scoreThreshold ?? ML_DEFAULTS.beaconThreshold,
    ccThreshold: c.rnnCcDetection?.threshold ?? modelThreshold ?? ML_DEFAULTS.ccThreshold,
    ccBatchLetters: c.rnnCcDetection?.batchLetters ?? ML_DEFAULTS.ccBatchLetters,
  };
}
