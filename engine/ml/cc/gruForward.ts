// The engine's scorer for the C&C model: the GRU of gruModel.ts evaluated in plain JS from the shipped
// model.json + weights.bin. Synchronous (detectors are), identical on every machine, and
// incremental: a tuple's letters only grow inside a window, so the state after the letters already
// seen is kept and only new letters are run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_JSON, WEIGHTS_BIN } from './modelFiles';
import { VOCABULARY_SIZE } from './vocabulary';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export class GruScorer {
  private constructor(
    readonly units: number,
    /** [50, 3·units]: gates z, r, h (tfjs layout). */
    private readonly kernel: Float32Array,
    /** [units, 3·units] */
    private readonly recurrent: Float32Array,
    private readonly bias: Float32Array,
    /** [units] */
    private readonly denseW: Float32Array,
    private readonly denseB: number,
  ) {
    const u = units;
    this.recurrentT = new Float32Array(recurrent.length);
    for (let k = 0; k < u; k++)
      for (let c = 0; c < 3 * u; c++) this.recurrentT[c * u + k] = recurrent[k * 3 * u + c]!;
    this.z = new Float32Array(u);
    this.r = new Float32Array(u);
    this.rh = new Float32Array(u);
  }

  /** The recurrent kernel transposed: row `gate·units + j` holds the weights of unit j from every h[k]. */
  private readonly recurrentT: Float32Array;
  private readonly z: Float32Array;
  private readonly r: Float32Array;
  private readonly rh: Float32Array;

  /** Reads a model folder; throws ModelFileError with the file and the reason when it cannot be used. */
  static load(dir: string): GruScorer {
    const jsonPath = join(dir, MODEL_JSON);
    const binPath = join(dir, WEIGHTS_BIN);
    let specs: WeightSpec[];
    let bin: Buffer;
    try {
      const j = JSON.parse(readFileSync(jsonPath, 'utf8'));
      specs = j?.weightsManifest?.[0]?.weights;
      if (!Array.isArray(specs)) throw new Error('no weightsManifest');
    } catch (err) {
      throw new ModelFileError(`${jsonPath}: cannot read the model description (${(err as Error).message})`);
    }
    try {
      bin = readFileSync(binPath);
    } catch (err) {
      throw new ModelFileError(`${binPath}: cannot read the weights (${(err as Error).message})`);
    }
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    let offset = 0;
    for (const s of specs) {
      const n = s.shape.reduce((a, b) => a * b, 1);
      if (s.dtype !== 'float32' || offset + 4 * n > bin.length)
        throw new ModelFileError(`${binPath}: weights do not match ${MODEL_JSON} (${s.name})`);
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = bin.readFloatLE(offset + 4 * i);
      offset += 4 * n;
      tensors.set(s.name, { shape: s.shape, data });
    }
    if (offset !== bin.length)
      throw new ModelFileError(`${binPath}: ${bin.length - offset} bytes more than ${MODEL_JSON} lists`);
    const pick = (suffix: string, layer: string) => {
      const e = [...tensors.entries()].find(
        ([k]) => k.split('/')[0]!.toLowerCase().startsWith(layer) && k.endsWith('/' + suffix),
      );
      if (!e) throw new ModelFileError(`${jsonPath}: no ${layer} ${suffix} weights`);
      return e[1];
    };
    const kernel = pick('kernel', 'gru');
    const units = kernel.shape[1]! / 3;
    if (kernel.shape[0] !== VOCABULARY_SIZE || !Number.isInteger(units))
      throw new ModelFileError(
        `${jsonPath}: GRU kernel shape ${kernel.shape} does not fit ${VOCABULARY_SIZE} symbols`,
      );
    const recurrent = pick('recurrent_kernel', 'gru');
    const bias = pick('bias', 'gru');
    const dw = pick('kernel', 'dense');
    const db = pick('bias', 'dense');
    if (
      recurrent.data.length !== units * 3 * units ||
      bias.data.length !== 3 * units ||
      dw.data.length !== units
    )
      throw new ModelFileError(`${jsonPath}: weight shapes do not form GRU(${units}) → Dense(1)`);
    return new GruScorer(units, kernel.data, recurrent.data, bias.data, dw.data, db.data[0]!);
  }

  initialState(): Float32Array {
    return new Float32Array(this.units);
  }

  /** Runs the symbols through the GRU, updating `h` in place. */
  advance(h: Float32Array, ids: readonly number[], from = 0): void {
    // Hand-written on purpose: run per letter on the hot path, where tfjs batches measured 30x slower
    // (221 sequences/s). The recurrent weights are read row-wise from their transpose (recT), so the
    // inner loops walk contiguous memory.
    const u = this.units;
    const u3 = 3 * u;
    const kernel = this.kernel;
    const bias = this.bias;
    const recT = this.recurrentT;
    const z = this.z;
    const r = this.r;
    const rh = this.rh;
    for (let t = from; t < ids.length; t++) {
      const row = ids[t]! * u3;
      for (let j = 0; j < u; j++) {
        let az = kernel[row + j]! + bias[j]!;
        let ar = kernel[row + u + j]! + bias[u + j]!;
        const zo = j * u;
        const ro = (u + j) * u;
        for (let k = 0; k < u; k++) {
          const hk = h[k]!;
          az += hk * recT[zo + k]!;
          ar += hk * recT[ro + k]!;
        }
        z[j] = sigmoid(az);
        r[j] = sigmoid(ar);
      }
      for (let k = 0; k < u; k++) rh[k] = r[k]! * h[k]!;
      for (let j = 0; j < u; j++) {
        let ah = kernel[row + 2 * u + j]! + bias[2 * u + j]!;
        const ho = (2 * u + j) * u;
        for (let k = 0; k < u; k++) ah += rh[k]! * recT[ho + k]!;
        const hh = Math.tanh(ah);
        h[j] = z[j]! * h[j]! + (1 - z[j]!) * hh;
      }
    }
  }

  /** The model's output for a state. */
  output(h: Float32Array): number {
    let a = this.denseB;
    for (let j = 0; j < this.units; j++) a += h[j]! * this.denseW[j]!;
    return sigmoid(a);
  }

  score(ids: readonly number[]): number {
    const h = this.initialState();
    this.advance(h, ids);
    return this.output(h);
  }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
