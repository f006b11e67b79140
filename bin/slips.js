#!/usr/bin/env -S node --max-semi-space-size=64
'use strict';
// The larger young generation lets most per-window objects die before they are copied: on the 1M-line
// bench with all detectors, GC pauses fell by a fifth against the default 16 MB (engine/bench/bench.ts
// runs its cases with the same flag). `node bin/slips.js` works too, with Node's default.
// `slips nb …` works on notebooks (kernel/notebook, its own bundle: the engine's CLI never loads the
// kernel); everything else is the engine's command line.
if (process.argv[2] === 'nb') {
  require('../dist/nb.js')
    .main(process.argv.slice(3))
    .then((code) => {
      process.exitCode = code;
    });
} else {
  require('../dist/cli.js');
}
