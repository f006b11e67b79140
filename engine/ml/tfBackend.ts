// TensorFlow.js for training and batch scoring: core + layers on the wasm backend, the pure-JS cpu
// backend when the wasm files cannot be found or compiled (toolchain.md (1); tfjs-node cannot install).
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained ops (`x.flatten()`), which core registers only on request.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export { tf };

const WASM_FILE = 'tfjs-backend-wasm.wasm';

/** Folders that may hold the wasm files: beside the bundle (build.mjs copies them), then the package. */
function wasmFolder(): string | undefined {
  const candidates = [__dirname, join(__dirname, '..', 'dist')];
  try {
    candidates.push(dirname(require.resolve(`@tensorflow/tfjs-backend-wasm/dist/${WASM_FILE}`)));
  } catch {
    // not installed beside us: only the bundle's copy can serve
  }
  return candidates.find((d) => existsSync(join(d, WASM_FILE)));
}

/** Selects wasm (or cpu when wasm is unavailable) and says which one runs. */
export async function initTfBackend(prefer: 'wasm' | 'cpu' = 'wasm'): Promise<'wasm' | 'cpu'> {
  if (prefer === 'wasm') {
    const dir = wasmFolder();
    if (dir) {
      setWasmPaths(dir + '/');
      try {
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return 'wasm';
        }
      } catch {
        // falls through to cpu
      }
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}
