// Bundles each entry point with esbuild. The engine is one library; the CLI and the bench are thin
// entry points over it, so the bundle is what `slips` runs (fast start, no TypeScript at run time).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['engine/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['engine/bench/bench.ts'], outfile: 'dist/bench.js' }),
  build({ ...common, entryPoints: ['engine/bench/detectionQuality.ts'], outfile: 'dist/quality.js' }),
]);
