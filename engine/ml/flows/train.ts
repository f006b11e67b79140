// `npm run train:flows`: trains the flow classifier on the training captures, evaluates it on the
// held-out captures (split by capture) and on the benign captures through the engine, and writes
// models/flow-rf/ (model.json, metrics.json, MODEL_CARD.md). The C&C detectors' checks on the same
// captures go into models/cc-letters/ (capture-checks.json and a section of its MODEL_CARD.md).
// Fixed seed: a rerun gives the same forest and the same numbers.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BeaconDetector } from '../../detectors/ml/beaconDetector';
import { CcSequenceDetector } from '../../detectors/ml/ccDetector';
import { loadCcModel } from '../../detectors/ml/ccModel';
import { FlowClassifierDetector } from '../../detectors/ml/flowMlDetector';
import { ML_DEFAULTS } from '../../detectors/ml/settings';
import type { Detector } from '../../detectors/detector';
import { binaryMetrics, roundMetrics } from '../metrics';
import { TEST_CAPTURES, TRAIN_CAPTURES } from './captures';
import { FEATURE_COUNT } from './features';
import { benignAlarms, heldOutMetrics, labelledCoverage, leaveOneCaptureOut } from './evaluation';
import { packLabelled, readFlowRows, type FlowRows } from './labelledFlows';
import type { CaptureRows, FlowMetricsFile } from './metricsFile';
import { readForest, writeForest } from './modelFolder';
import { FLOW_FOREST_OPTIONS, MALWARE_PROBABILITY, trainFlowForest } from './training';
import { renderFlowModelCard } from './modelCard';
import { ccCaptureChecks, writeCcCaptureChecks } from './ccCaptureChecks';

const ROOT = resolve(__dirname, '../../..');
const DATA = resolve(ROOT, '../shared/data');
const OUT = join(ROOT, 'models/flow-rf');
const CC_OUT = join(ROOT, 'models/cc-letters');

async function main(): Promise<void> {
  const parts: FlowRows[] = [];
  const captures: CaptureRows[] = [];
  for (const c of TRAIN_CAPTURES) {
    const rows = await readFlowRows(join(DATA, c.path));
    parts.push(rows);
    const malware = rows.labels.filter((l) => l === 1).length;
    const normal = rows.labels.filter((l) => l === 0).length;
    captures.push({
      path: c.path,
      about: c.about,
      flows: rows.features.length,
      malware,
      normal,
      unlabelled: rows.features.length - malware - normal,
      otherProtocols: rows.skipped,
    });
  }
  const { x, y } = packLabelled(parts);
  const malware = y.reduce((a, v) => a + v, 0);
  log(`training on ${y.length} labelled flows (${malware} Malware, ${y.length - malware} Normal)`);
  const t0 = process.hrtime.bigint();
  const trained = trainFlowForest(x, y);
  const trainSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  writeForest(OUT, trained);
  // Everything below judges the model as shipped: the file, read back.
  const forest = readForest(OUT);
  log(`${forest.nodeCount} nodes in ${FLOW_FOREST_OPTIONS.trees} trees, ${trainSeconds.toFixed(2)} s`);

  const trainScores = Array.from({ length: y.length }, (_, i) =>
    forest.probability(x.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT)),
  );
  const heldOut = await heldOutMetrics(forest, DATA);
  log(
    `held-out: precision ${heldOut.overall.precision} recall ${heldOut.overall.recall} F1 ${heldOut.overall.f1}`,
  );
  const cc = loadCcModel(CC_OUT);
  if (cc.kind !== 'loaded') throw new Error(`the C&C model is needed for the benign counts: ${cc.reason}`);
  const detectors = (): Detector[] => [
    new FlowClassifierDetector(forest),
    new BeaconDetector(ML_DEFAULTS.beaconThreshold),
    new CcSequenceDetector(cc.scorer, ML_DEFAULTS.ccThreshold, ML_DEFAULTS.ccBatchLetters),
  ];
  const benign = await benignAlarms(DATA, detectors);
  for (const b of benign)
    log(`benign ${b.path}: ${b.connections} connections, evidence ${JSON.stringify(b.evidence)}`);

  const crossCapture = await leaveOneCaptureOut(DATA);
  for (const c of crossCapture)
    log(`leave-one-capture-out ${c.path}: F1 ${c.metrics.f1}, FP ${c.metrics.fp} of ${c.normal} Normal`);

  const metrics: FlowMetricsFile = {
    threshold: MALWARE_PROBABILITY,
    forest: { ...FLOW_FOREST_OPTIONS, nodes: forest.nodeCount, classWeight: 'balanced' },
    train: { captures, flows: y.length, malware, normal: y.length - malware },
    test: { ...heldOut, about: Object.fromEntries(TEST_CAPTURES.map((c) => [c.path, c.about])) },
    trainFit: roundMetrics(binaryMetrics(trainScores, y, MALWARE_PROBABILITY)),
    benign,
    crossCapture,
    training: {
      totalSeconds: round3(trainSeconds),
      secondsPerTree: round3(trainSeconds / FLOW_FOREST_OPTIONS.trees),
    },
    speed: scoringSpeed(forest, x),
  };
  writeFileSync(join(OUT, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  writeFileSync(join(OUT, 'MODEL_CARD.md'), renderFlowModelCard(metrics));
  const coverage = await labelledCoverage(DATA, detectors);
  for (const l of coverage)
    log(
      `labelled ${l.path}: ${l.malwareFlows} malware flows, in flagged pairs ${JSON.stringify(l.flowsInFlaggedPairs)}`,
    );
  writeCcCaptureChecks(CC_OUT, ccCaptureChecks(benign, coverage, ML_DEFAULTS));
  log(`wrote ${OUT} and the capture-checks section of ${CC_OUT}/MODEL_CARD.md`);
}

/** Flows per second of the forest alone, over the training rows, repeated until 0.5 s passed. */
function scoringSpeed(forest: ReturnType<typeof readForest>, x: Float64Array) {
  const n = x.length / FEATURE_COUNT;
  let flows = 0;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 0.5) {
    for (let i = 0; i < n; i++)
      sink += forest.probability(x.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
    flows += n;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  if (Number.isNaN(sink)) throw new Error('scores must be numbers');
  return { flows, flowsPerSecond: Math.round(flows / elapsed) };
}

function round3(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}

function log(s: string): void {
  process.stderr.write(`train:flows: ${s}\n`);
}

main().catch((err) => {
  process.stderr.write(`train:flows: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
