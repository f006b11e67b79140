// Bundles each entry point with esbuild. The engine is one library; the CLI and the bench are thin
// entry points over it, so the bundle is what `slips` runs (fast start, no TypeScript at run time).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { notebookBuilds } from './extension/build.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // vega-canvas's Node build probes for the optional `canvas` package with a top-level await, which a
  // CommonJS bundle cannot hold; its browser build is the same code without the probe (no canvas either way).
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
};

// parquet-wasm (kernel `export parquet`) loads its WebAssembly from beside the bundle that holds it.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/parquet-wasm/node/parquet_wasm_bg.wasm', 'dist/parquet_wasm_bg.wasm');
// The C&C sequence model (rnn_cc_detection) is read from beside the bundle, so dist/ runs on its own.
mkdirSync('dist/models/cc-letters', { recursive: true });
for (const f of ['model.json', 'weights.bin', 'metrics.json'])
  copyFileSync(`models/cc-letters/${f}`, `dist/models/cc-letters/${f}`);
// The flow classifier's forest (flow_ml_detection), likewise.
mkdirSync('dist/models/flow-rf', { recursive: true });
copyFileSync('models/flow-rf/model.json', 'dist/models/flow-rf/model.json');

await Promise.all([
  // blessed (Kalipso) loads its widgets by computed path and its terminfo from beside its own files,
  // which a bundle cannot hold: the CLI requires it from node_modules, and only when Kalipso runs.
  build({ ...common, entryPoints: ['engine/cli/main.ts'], outfile: 'dist/cli.js', external: ['blessed'] }),
  build({ ...common, entryPoints: ['engine/bench/bench.ts'], outfile: 'dist/bench.js' }),
  build({ ...common, entryPoints: ['engine/bench/detectionQuality.ts'], outfile: 'dist/quality.js' }),
  ...notebookBuilds(build, common),
]);
