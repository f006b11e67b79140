// The notebook side's bundles, called from the project's build.mjs: the kernel process and
// `slips nb` (Node), and the VS Code extension in extension/dist, the folder the .vsix is made from:
// the extension host code (`vscode` is provided by the host), its own copy of the kernel, the renderer
// (browser) and the in-VS Code test suite.

/** vega-canvas' Node build awaits an optional `canvas` at top level, which CommonJS cannot hold; its
 *  browser build gives the same answer without `canvas` installed: no canvas, so vega draws SVG only. */
const kernel = (common) => ({
  ...common,
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
});

export function notebookBuilds(build, common) {
  return [
    build({ ...kernel(common), entryPoints: ['kernel/rpc/main.ts'], outfile: 'dist/kernel.js' }),
    build({ ...kernel(common), entryPoints: ['kernel/notebook/nbMain.ts'], outfile: 'dist/nb.js' }),
    build({ ...kernel(common), entryPoints: ['kernel/rpc/main.ts'], outfile: 'extension/dist/kernel.js' }),
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
