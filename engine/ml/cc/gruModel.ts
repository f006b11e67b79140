// The C&C sequence model as tfjs layers (training and batch scoring): one-hot symbols, a mask on the
// all-zero padding vector (our fix of quirk Q9), GRU(32), sigmoid. Small on purpose: it trains in
// minutes on the wasm backend and the engine runs it step by step in plain JS (gruForward.ts).
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '../tfBackend';
import { VOCABULARY_SIZE } from './vocabulary';

export const CC_ARCHITECTURE = {
  units: 32,
  learningRate: 0.005,
  batchSize: 64,
} as const;

export function buildCcModel(seed: number): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.masking({ maskValue: 0, batchInputShape: [null, null, VOCABULARY_SIZE] }));
  m.add(
    tfl.layers.gru({
      units: CC_ARCHITECTURE.units,
      recurrentActivation: 'sigmoid',
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seed + 1 }),
    }),
  );
  m.add(
    tfl.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 2 }),
    }),
  );
  m.compile({ optimizer: tf.train.adam(CC_ARCHITECTURE.learningRate), loss: 'binaryCrossentropy' });
  return m;
}

/** One-hot batch [n, longest, 50]; shorter rows end in zero vectors, which the mask skips. */
export function oneHotBatch(seqs: readonly number[][]): tf.Tensor3D {
  const len = Math.max(1, ...seqs.map((s) => s.length));
  const data = new Float32Array(seqs.length * len * VOCABULARY_SIZE);
  seqs.forEach((s, i) => s.forEach((id, t) => (data[(i * len + t) * VOCABULARY_SIZE + id] = 1)));
  return tf.tensor3d(data, [seqs.length, len, VOCABULARY_SIZE]);
}

/** Batch scoring with tfjs, batches of similar length so padding stays short. */
export function predictBatched(model: tfl.LayersModel, seqs: readonly number[][], batch = 256): Float32Array {
  const order = seqs.map((_, i) => i).sort((a, b) => seqs[a]!.length - seqs[b]!.length);
  const out = new Float32Array(seqs.length);
  for (let k = 0; k < order.length; k += batch) {
    const idx = order.slice(k, k + batch);
    const scores = tf.tidy(() =>
      (model.predict(oneHotBatch(idx.map((i) => seqs[i]!))) as tf.Tensor).dataSync(),
    );
    idx.forEach((i, j) => (out[i] = scores[j]!));
  }
  return out;
}
