// The shipped models/flow-rf: retraining reproduces it byte for byte, the held-out (by capture) and
// benign-capture numbers of its model card are recomputed from the shipped file, and so are the
// C&C detectors' benign-capture numbers in the cc-letters card. Broken model files are refused clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATA } from '../../../helpers/data';
import { TRAIN_CAPTURES } from '../../../../engine/ml/flows/captures';
import { packLabelled, readFlowRows } from '../../../../engine/ml/flows/labelledFlows';
import { trainFlowForest } from '../../../../engine/ml/flows/training';
import { readForest, writeForest } from '../../../../engine/ml/flows/modelFolder';
import {
  benignAlarms,
  heldOutMetrics,
  labelledCoverage,
  leaveOneCaptureOut,
} from '../../../../engine/ml/flows/evaluation';
import type { FlowMetricsFile } from '../../../../engine/ml/flows/metricsFile';
import { ccCaptureChecks, CC_CHECKS_FILE } from '../../../../engine/ml/flows/ccCaptureChecks';
import { FlowClassifierDetector } from '../../../../engine/detectors/ml/flowMlDetector';
import { BeaconDetector } from '../../../../engine/detectors/ml/beaconDetector';
import { CcSequenceDetector } from '../../../../engine/detectors/ml/ccDetector';
import { loadCcModel } from '../../../../engine/detectors/ml/ccModel';
import { loadFlowModel } from '../../../../engine/detectors/ml/flowModel';
import { ML_DEFAULTS } from '../../../../engine/detectors/ml/settings';

const MODELS = resolve(__dirname, '../../../../models');
const MODEL = join(MODELS, 'flow-rf');
const card: FlowMetricsFile = JSON.parse(readFileSync(join(MODEL, 'metrics.json'), 'utf8'));

test('the training script is reproducible: retraining on the training captures gives the shipped model.json exactly', async () => {
  const parts = [];
  for (const c of TRAIN_CAPTURES) parts.push(await readFlowRows(join(DATA, c.path)));
  const { x, y } = packLabelled(parts);
  assert.equal(y.length, card.train.flows);
  const dir = mkdtempSync(join(tmpdir(), 'flow-rf-'));
  writeForest(dir, trainFlowForest(x, y));
  // compared as data, so reformatting the shipped file does not matter
  const read = (d: string) => JSON.parse(readFileSync(join(d, 'model.json'), 'utf8'));
  assert.deepEqual(read(dir), read(MODEL));
});

test('model card: held-out per-flow metrics (split by capture) recomputed from the shipped model', async () => {
  const forest = readForest(MODEL);
  const h = await heldOutMetrics(forest, DATA);
  assert.deepEqual(h, { captures: card.test.captures, overall: card.test.overall });
  // no training capture is a test capture
  const train = new Set(card.train.captures.map((c) => c.path));
  for (const c of card.test.captures) assert.ok(!train.has(c.path), c.path);
  assert.ok(h.overall.tp + h.overall.fn > 900, 'the held-out captures carry their labelled malware');
});

test('model cards: false positives on the benign captures and labelled C&C pairs, recomputed through the engine', async () => {
  const forest = readForest(MODEL);
  const cc = loadCcModel();
  assert.ok(cc.kind === 'loaded');
  const detectors = () => [
    new FlowClassifierDetector(forest),
    new BeaconDetector(ML_DEFAULTS.beaconThreshold),
    new CcSequenceDetector(cc.scorer, ML_DEFAULTS.ccThreshold, ML_DEFAULTS.ccBatchLetters),
  ];
  const counts = await benignAlarms(DATA, detectors);
  assert.deepEqual(counts, card.benign);
  assert.equal(counts.length, 3);
  for (const c of counts) assert.ok(c.connections > 0, `${c.path} was read`);
  const coverage = await labelledCoverage(DATA, detectors);
  const ccFile = JSON.parse(readFileSync(join(MODELS, 'cc-letters', CC_CHECKS_FILE), 'utf8'));
  assert.deepEqual(ccFile, ccCaptureChecks(counts, coverage, ML_DEFAULTS));
  // issue 7: the labelled C&C channel of each held-out capture is flagged by at least one C&C detector
  for (const l of ccFile.labelled) {
    const main = l.pairs[0];
    assert.ok(main.flows > 100 && main.flaggedBy.length > 0, `${l.path}: ${main.pair} ${main.flaggedBy}`);
  }
  const ccCard = readFileSync(join(MODELS, 'cc-letters', 'MODEL_CARD.md'), 'utf8');
  for (const c of ccFile.benign)
    assert.ok(
      ccCard.includes(`| \`${c.path}\` | ${c.connections} | ${c.evidence.COMMAND_AND_CONTROL_CHANNEL} (`),
      `cc-letters card row for ${c.path}`,
    );
  const flowCard = readFileSync(join(MODEL, 'MODEL_CARD.md'), 'utf8');
  for (const c of counts)
    assert.ok(
      flowCard.includes(`| \`${c.path}\` | ${c.connections} | ${c.evidence.MALICIOUS_FLOW ?? 0} (`),
      `flow-rf card row for ${c.path}`,
    );
});

test('model card: the leave-one-capture-out table is recomputed by retraining', async () => {
  const loco = await leaveOneCaptureOut(DATA);
  // through JSON, as metrics.json stores it (an undefined ROC-AUC, NaN, is written as null)
  assert.deepEqual(JSON.parse(JSON.stringify(loco)), card.crossCapture);
  assert.equal(loco.length, 8, '5 labelled and 3 benign captures');
});

test('a missing or corrupted flow model disables only that detector, with a message naming the file', () => {
  const copy = (mutate: (file: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-rf-'));
    copyFileSync(join(MODEL, 'model.json'), join(dir, 'model.json'));
    mutate(join(dir, 'model.json'));
    return dir;
  };
  const cases: [string, string, RegExp][] = [
    [
      'missing folder',
      join(tmpdir(), 'no-such-flow-model'),
      /model\.json: cannot read the model \(no such file\)/,
    ],
    [
      'truncated file',
      copy((f) => writeFileSync(f, readFileSync(f).subarray(0, 500))),
      /model\.json: the model is not valid JSON/,
    ],
    ['empty file', copy((f) => writeFileSync(f, '')), /model\.json: the model is not valid JSON/],
    [
      'wrong features',
      copy((f) => writeFileSync(f, readFileSync(f, 'utf8').replace('"dport","sport"', '"sport","dport"'))),
      /model\.json: features must be proto,dport,sport/,
    ],
  ];
  for (const [name, dir, msg] of cases) {
    const m = loadFlowModel(dir);
    assert.equal(m.kind, 'unavailable', name);
    assert.match(m.kind === 'unavailable' ? m.reason : '', msg, name);
  }
  assert.equal(loadFlowModel().kind, 'loaded', 'the shipped model');
});
