// The C&C detectors of issue 7: RITA-style beacon scoring per pair, and (when its model loads) the
// behavioural-letters sequence model per tuple.
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { BeaconDetector } from './beaconDetector';
import { CcSequenceDetector } from './ccDetector';
import { loadCcModel } from './ccModel';
import { mlSettings } from './settings';

/** The unavailable-model line is printed once per process, not once per analysis. */
let warned = false;

export function createMlDetectors(config: SlipsConfig): Detector[] {
  const model = loadCcModel();
  const s = mlSettings(config);
  const out: Detector[] = [new BeaconDetector(s.beaconThreshold)];
  if (model.kind === 'loaded')
    out.push(new CcSequenceDetector(model.scorer, s.ccThreshold, s.ccBatchLetters));
  else if (!warned) {
    warned = true;
    process.stderr.write(`slips: rnn_cc_detection is off: ${model.reason}\n`);
  }
  return out;
}
