// `npm run train:cc`: trains the C&C sequence model and its n-gram baseline on upstream's labelled
// tuples, evaluates both on a stratified held-out split and writes models/cc-letters/ (model.json,
// weights.bin, metrics.json, MODEL_CARD.md). Fixed seeds: a rerun gives the same split and, on the
// same backend, the same weights.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initTfBackend, tf } from '../tfBackend';
import { seededRandom, shuffleInPlace, stratifiedSplit } from '../random';
import { binaryMetrics, bestF1Threshold, roundMetrics } from '../metrics';
import { parseDataset, type LabelledTuple } from './dataset';
import { encodeLetters, MAX_SYMBOLS } from './vocabulary';
import { buildCcModel, CC_ARCHITECTURE, oneHotBatch, predictBatched } from './gruModel';
import { folderHandler } from './modelFiles';
import { GruScorer } from './gruForward';
import { NgramLogistic } from './ngramLogistic';
import { renderModelCard } from './modelCard';
import { CC_SPLIT, ccTrainingRows, type CcMetricsFile } from './ccData';

const ROOT = resolve(__dirname, '../../..');
const DATA_FILE = resolve(ROOT, '../shared/data/ml/all_datasets_raw.tsv');
const OUT = join(ROOT, 'models/cc-letters');
const EPOCHS = Number(process.env.CC_EPOCHS ?? 12);

async function main(): Promise<void> {
  const backend = await initTfBackend(process.env.CC_BACKEND === 'cpu' ? 'cpu' : 'wasm');
  const { rows: all, problems } = parseDataset(readFileSync(DATA_FILE, 'utf8'));
  const rows = ccTrainingRows(all);
  const [train, val, test] = stratifiedSplit(rows, (r) => r.y, CC_SPLIT.shares, CC_SPLIT.seed) as [
    LabelledTuple[],
    LabelledTuple[],
    LabelledTuple[],
  ];
  log(
    `${backend} backend; ${rows.length} TCP tuples (${problems.length} lines skipped); train ${train.length}, validation ${val.length}, test ${test.length}`,
  );

  const enc = (rs: LabelledTuple[]) => rs.map((r) => encodeLetters(r.letters, MAX_SYMBOLS).ids);
  const model = buildCcModel(CC_SPLIT.seed);
  const trainIds = enc(train);
  const rnd = seededRandom(CC_SPLIT.seed + 7);
  // batches of similar length: padding (and time) stays small since most tuples are short
  const order = trainIds.map((_, i) => i).sort((a, b) => trainIds[a]!.length - trainIds[b]!.length || a - b);
  const batches: number[][] = [];
  for (let k = 0; k < order.length; k += CC_ARCHITECTURE.batchSize)
    batches.push(order.slice(k, k + CC_ARCHITECTURE.batchSize));
  const epochMs: number[] = [];
  const t0 = Date.now();
  for (let e = 0; e < EPOCHS; e++) {
    const te = Date.now();
    let loss = 0;
    for (const b of shuffleInPlace([...batches], rnd)) {
      const x = oneHotBatch(b.map((i) => trainIds[i]!));
      const y = tf.tensor2d(b.map((i) => [train[i]!.y]));
      loss += ((await model.trainOnBatch(x, y)) as number) * b.length;
      x.dispose();
      y.dispose();
    }
    epochMs.push(Date.now() - te);
    log(
      `epoch ${e + 1}/${EPOCHS}: loss ${(loss / train.length).toFixed(4)} in ${((Date.now() - te) / 1000).toFixed(1)} s`,
    );
  }
  const trainMs = Date.now() - t0;
  await model.save(folderHandler(OUT));

  // Threshold chosen on validation, metrics reported on test, both through the engine's own scorer.
  const scorer = GruScorer.load(OUT);
  const valScores = enc(val).map((ids) => scorer.score(ids));
  const threshold = round4(
    bestF1Threshold(
      valScores,
      val.map((r) => r.y),
    ),
  );
  const testIds = enc(test);
  const testScores = testIds.map((ids) => scorer.score(ids));
  const gru = binaryMetrics(
    testScores,
    test.map((r) => r.y),
    threshold,
  );

  const tfScores = predictBatched(model, testIds);
  const maxDiff = testScores.reduce((m, s, i) => Math.max(m, Math.abs(s - tfScores[i]!)), 0);
  const speed = measureSpeed(model, scorer, testIds);

  const tb = Date.now();
  const baseline = NgramLogistic.train(
    train.map((r) => r.letters),
    train.map((r) => r.y),
  );
  const baselineMs = Date.now() - tb;
  const bThreshold = round4(
    bestF1Threshold(
      val.map((r) => baseline.score(r.letters)),
      val.map((r) => r.y),
    ),
  );
  const base = binaryMetrics(
    test.map((r) => baseline.score(r.letters)),
    test.map((r) => r.y),
    bThreshold,
  );

  const metrics: CcMetricsFile = {
    threshold,
    data: {
      file: 'ml/all_datasets_raw.tsv',
      rows: rows.length,
      train: train.length,
      validation: val.length,
      test: test.length,
      positives: rows.filter((r) => r.y).length,
      skippedLines: problems.length,
    },
    split: CC_SPLIT,
    training: {
      backend,
      epochs: EPOCHS,
      totalSeconds: trainMs / 1000,
      secondsPerEpoch: epochMs.map((m) => m / 1000),
    },
    test: { gru: roundMetrics(gru), baseline: roundMetrics(base) },
    baselineTrainingSeconds: baselineMs / 1000,
    tfjsVsEngineMaxAbsDiff: maxDiff,
    speed,
  };
  writeFileSync(join(OUT, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  writeFileSync(join(OUT, 'MODEL_CARD.md'), renderModelCard(metrics));
  log(
    `test: GRU F1 ${gru.f1.toFixed(3)} AUC ${gru.rocAuc.toFixed(3)}; baseline F1 ${base.f1.toFixed(3)} AUC ${base.rocAuc.toFixed(3)}; wrote ${OUT}`,
  );
}

/** Sequences per second: tfjs batch scoring of the test split, and the engine's JS scorer. */
function measureSpeed(model: Parameters<typeof predictBatched>[0], scorer: GruScorer, seqs: number[][]) {
  const t1 = process.hrtime.bigint();
  predictBatched(model, seqs);
  const tfSec = Number(process.hrtime.bigint() - t1) / 1e9;
  const t2 = process.hrtime.bigint();
  for (const s of seqs) scorer.score(s);
  const jsSec = Number(process.hrtime.bigint() - t2) / 1e9;
  const symbols = seqs.reduce((a, s) => a + s.length, 0);
  return {
    sequences: seqs.length,
    meanSymbols: round4(symbols / seqs.length),
    tfjsBatchSequencesPerSecond: Math.round(seqs.length / tfSec),
    engineSequencesPerSecond: Math.round(seqs.length / jsSec),
    engineSymbolsPerSecond: Math.round(symbols / jsSec),
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function log(s: string): void {
  process.stderr.write(`train:cc: ${s}\n`);
}

main().catch((err) => {
  process.stderr.write(`train:cc: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
