// The shipped models/cc-letters: the held-out numbers of its model card are recomputed here from the
// weights, the engine's JS forward pass agrees with tfjs, and broken model files are refused clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { DATA } from '../../../helpers/data';
import { parseDataset, type LabelledTuple } from '../../../../engine/ml/cc/dataset';
import { CC_SPLIT, ccTrainingRows, type CcMetricsFile } from '../../../../engine/ml/cc/ccData';
import { stratifiedSplit } from '../../../../engine/ml/random';
import { binaryMetrics, bestF1Threshold, roundMetrics } from '../../../../engine/ml/metrics';
import { GruScorer } from '../../../../engine/ml/cc/gruForward';
import { encodeLetters } from '../../../../engine/ml/cc/vocabulary';
import { NgramLogistic } from '../../../../engine/ml/cc/ngramLogistic';
import { initTfBackend } from '../../../../engine/ml/tfBackend';
import { folderHandler } from '../../../../engine/ml/cc/modelFiles';
import { predictBatched } from '../../../../engine/ml/cc/gruModel';
import { loadCcModel } from '../../../../engine/detectors/ml/ccModel';

const MODEL = resolve(__dirname, '../../../../models/cc-letters');
const card: CcMetricsFile = JSON.parse(readFileSync(join(MODEL, 'metrics.json'), 'utf8'));

function splits(): [LabelledTuple[], LabelledTuple[], LabelledTuple[]] {
  const { rows } = parseDataset(readFileSync(`${DATA}/ml/all_datasets_raw.tsv`, 'utf8'));
  return stratifiedSplit(ccTrainingRows(rows), (r) => r.y, CC_SPLIT.shares, CC_SPLIT.seed) as [
    LabelledTuple[],
    LabelledTuple[],
    LabelledTuple[],
  ];
}

test('model card: held-out metrics and threshold recomputed from the shipped weights', () => {
  const [train, val, test] = splits();
  assert.deepEqual(
    [train.length, val.length, test.length],
    [card.data.train, card.data.validation, card.data.test],
  );
  const scorer = GruScorer.load(MODEL);
  const score = (rs: LabelledTuple[]) => rs.map((r) => scorer.score(encodeLetters(r.letters).ids));
  const threshold =
    Math.round(
      bestF1Threshold(
        score(val),
        val.map((r) => r.y),
      ) * 1e4,
    ) / 1e4;
  assert.equal(threshold, card.threshold);
  assert.deepEqual(
    roundMetrics(
      binaryMetrics(
        score(test),
        test.map((r) => r.y),
        threshold,
      ),
    ),
    card.test.gru,
  );
  assert.ok(card.test.gru.rocAuc > 0.9, `AUC ${card.test.gru.rocAuc}`);
});

test('model card: the n-gram baseline retrains to the same held-out numbers', () => {
  const [train, val, test] = splits();
  const b = NgramLogistic.train(
    train.map((r) => r.letters),
    train.map((r) => r.y),
  );
  const t =
    Math.round(
      bestF1Threshold(
        val.map((r) => b.score(r.letters)),
        val.map((r) => r.y),
      ) * 1e4,
    ) / 1e4;
  const m = binaryMetrics(
    test.map((r) => b.score(r.letters)),
    test.map((r) => r.y),
    t,
  );
  assert.deepEqual(roundMetrics(m), card.test.baseline);
});

test('the engine forward pass matches tfjs on the shipped weights (cpu backend)', async () => {
  await initTfBackend('cpu');
  const model = await tfl.loadLayersModel(folderHandler(MODEL));
  const [, , test] = splits();
  const seqs = test.slice(0, 300).map((r) => encodeLetters(r.letters).ids);
  const tfScores = predictBatched(model, seqs);
  const scorer = GruScorer.load(MODEL);
  const diff = Math.max(...seqs.map((s, i) => Math.abs(scorer.score(s) - tfScores[i]!)));
  assert.ok(diff < 1e-5, `max diff ${diff}`);
});

test('bad input strings score without error: empty, unknown symbols only, 100,000 symbols', () => {
  const scorer = GruScorer.load(MODEL);
  for (const letters of ['', '???', 'a,'.repeat(50_000)]) {
    const s = scorer.score(encodeLetters(letters).ids);
    assert.ok(s >= 0 && s <= 1, `${letters.slice(0, 10)}: ${s}`);
  }
});

test('a missing or corrupted model is refused with a message naming the file', () => {
  const copy = (mutate: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-model-'));
    for (const f of ['model.json', 'weights.bin', 'metrics.json']) copyFileSync(join(MODEL, f), join(dir, f));
    mutate(dir);
    return dir;
  };
  const cases: [string, string, RegExp][] = [
    [
      'missing folder',
      join(tmpdir(), 'no-such-model-folder'),
      /model\.json: cannot read the model description/,
    ],
    [
      'truncated weights',
      copy((d) =>
        writeFileSync(join(d, 'weights.bin'), readFileSync(join(d, 'weights.bin')).subarray(0, 100)),
      ),
      /weights\.bin: weights do not match/,
    ],
    [
      'broken json',
      copy((d) => writeFileSync(join(d, 'model.json'), '{"weightsManifest": [')),
      /model\.json: cannot read the model description/,
    ],
    [
      'bad threshold',
      copy((d) => writeFileSync(join(d, 'metrics.json'), '{"threshold": 7}')),
      /metrics\.json: threshold must be/,
    ],
  ];
  for (const [name, dir, msg] of cases) {
    const m = loadCcModel(dir);
    assert.equal(m.kind, 'unavailable', name);
    assert.match(m.kind === 'unavailable' ? m.reason : '', msg, name);
  }
  assert.equal(loadCcModel().kind, 'loaded', 'the shipped model');
});
