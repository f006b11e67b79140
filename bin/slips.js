#!/usr/bin/env node
'use strict';
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
