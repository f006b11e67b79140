// The ML detectors of issue 7: RITA-style beacon scoring per pair, the behavioural-letters sequence
// model per tuple (when its model loads), and the per-flow classifier (flow_ml_detection) in test or
// train mode.
import { resolve } from 'node:path';
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { writeForest } from '../../ml/flows/modelFolder';
import { BeaconDetector } from './beaconDetector';
import { CcSequenceDetector } from './ccDetector';
import { loadCcModel } from './ccModel';
import { FlowClassifierDetector, FlowClassifierTrainer, type TrainOutcome } from './flowMlDetector';
import { loadFlowModel } from './flowModel';
import { mlSettings } from './settings';

/** Where train mode writes when `flow_ml_detection.model_folder` is not set (never over the shipped model). */
export const DEFAULT_TRAINED_FOLDER = 'flow-rf-trained';

/** Unavailable-model lines are printed once per process and model, not once per analysis. */
const warned = new Set<string>();

function warnOnce(line: string): void {
  if (warned.has(line)) return;
  warned.add(line);
  process.stderr.write(`slips: ${line}\n`);
}

export function createMlDetectors(config: SlipsConfig): Detector[] {
  const s = mlSettings(config);
  const out: Detector[] = [new BeaconDetector(s.beaconThreshold)];
  const cc = loadCcModel();
  if (cc.kind === 'loaded') out.push(new CcSequenceDetector(cc.scorer, s.ccThreshold, s.ccBatchLetters));
  else warnOnce(`rnn_cc_detection is off: ${cc.reason}`);
  if (s.flowMode === 'train') {
    out.push(new FlowClassifierTrainer((o) => saveTrained(o, s.flowModelFolder || DEFAULT_TRAINED_FOLDER)));
  } else {
    const flow = loadFlowModel(s.flowModelFolder);
    if (flow.kind === 'loaded') out.push(new FlowClassifierDetector(flow.forest));
    else warnOnce(`flow_ml_detection is off: ${flow.reason}`);
  }
  return out;
}

function saveTrained(o: TrainOutcome, folder: string): void {
  if (o.kind === 'not-trained') {
    process.stderr.write(`slips: flow_ml_detection: no model written: ${o.reason}\n`);
    return;
  }
  try {
    const file = writeForest(resolve(folder), o.forest);
    process.stderr.write(
      `slips: flow_ml_detection: trained on ${o.flows} labelled flows (${o.malware} Malware, ${o.normal} Normal); model written to ${file}\n`,
    );
  } catch (err) {
    process.stderr.write(
      `slips: flow_ml_detection: cannot write the model to ${folder}: ${(err as Error).message}\n`,
    );
  }
}
