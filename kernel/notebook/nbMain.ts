// `slips nb run NOTEBOOK [-o OUT] [--check] [--trust]` (bundled to dist/nb.js, reached through bin/slips.js):
// executes every cell of a .slipsnb headless and writes the outputs, for CI and for checking that a
// shared notebook still reproduces. Exit codes: 0 done; 1 a cell failed or, with --check, the outputs
// differ from the stored ones; 2 the notebook could not be read or written.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { NotebookFormatError, parseNotebook, serializeNotebook } from './format';
import { runNotebook } from './runNotebook';

class NbError extends Error {}

async function run(
  file: string,
  opts: { output?: string; check?: boolean; trust?: boolean },
): Promise<number> {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new NbError(`cannot read the notebook ${file}: ${(err as Error).message}`);
  }
  const nb = parseNotebook(text, file);
  const result = await runNotebook(nb, dirname(path), { trusted: opts.trust === true });
  for (const c of result.changedInputs)
    process.stderr.write(
      `slips nb: warning: ${c.path} is not the input the stored outputs came from ` +
        `(sha256 ${c.recorded.slice(0, 12)}… recorded, ${c.now.slice(0, 12)}… now)\n`,
    );
  for (const i of result.errors) process.stderr.write(`slips nb: cell ${i} ended with an error\n`);
  const code = result.notebook.cells.filter((c) => c.cell_type === 'code').length;
  let status = result.errors.length > 0 ? 1 : 0;
  if (opts.check) {
    for (const d of result.differences)
      process.stderr.write(
        `slips nb: cell ${d.index} (${d.id}): ` +
          (d.output === null ? 'a different number of outputs' : `output ${d.output} differs`) +
          ' from the stored one\n',
      );
    if (result.differences.length > 0) status = 1;
    process.stdout.write(
      result.differences.length === 0
        ? `${file}: ${code} code cells reproduce the stored outputs\n`
        : `${file}: ${result.differences.length} of ${code} code cells differ from the stored outputs\n`,
    );
  }
  const out = opts.output ?? (opts.check ? undefined : file);
  if (out !== undefined) {
    try {
      writeFileSync(out, serializeNotebook(result.notebook));
    } catch (err) {
      throw new NbError(`cannot write ${out}: ${(err as Error).message}`);
    }
    process.stdout.write(`${file}: ran ${code} code cells, wrote ${out}\n`);
  }
  return status;
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command('slips nb').description('Slips notebooks (.slipsnb) from the command line');
  program
    .command('run')
    .description('execute every cell of a notebook and write the outputs (in place unless -o)')
    .argument('<notebook>', 'a .slipsnb file')
    .option('-o, --output <file>', 'write the executed notebook here instead')
    .option(
      '--check',
      'compare the fresh outputs with the stored ones; exit 1 when they differ (writes only with -o)',
    )
    .option(
      '--trust',
      'run javascript cells too (they execute code on this machine); without it they end with an error',
    )
    .action(async (file: string, opts: { output?: string; check?: boolean; trust?: boolean }) => {
      status = await run(file, opts);
    });
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof NbError || err instanceof NotebookFormatError) {
      process.stderr.write(`slips nb: ${err.message}\n`);
      return 2;
    }
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code === 0 ? 0 : 2;
    throw err;
  }
  return status;
}
