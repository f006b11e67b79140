// `slips kalipso FILE`: the terminal UI over an analysis of FILE. The UI's code (and blessed) loads
// only when the command runs, so other `slips` commands start as fast as before.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { InputFormat } from '../inputs/reader';

function width(v: string): number | 'only_one_tw' {
  if (v === 'only_one_tw') return v;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`the width must be a positive number of seconds`);
  return n;
}

export const INPUT_TYPES: InputFormat[] = [
  'zeek-tsv',
  'zeek-json',
  'binetflow',
  'binetflow-tabs',
  'suricata',
  'nfdump',
];

export function kalipsoCommand(): Command {
  return new Command('kalipso')
    .description(
      'analyse an input and browse its profiles, time windows, timelines and evidence in the terminal',
    )
    .argument('<input>', 'pcap, Zeek folder or log, binetflow, eve.json or nfdump file')
    .addOption(new Option('-t, --input-type <type>', 'input type (to skip detection)').choices(INPUT_TYPES))
    .addOption(new Option('-c, --config <file>', 'configuration: newest slips.yaml or 0.7.1 slips.conf'))
    .addOption(
      new Option('-w, --width <seconds>', "time window width in seconds, or 'only_one_tw'").argParser(width),
    )
    .action(async (input: string, opts) => {
      const { runKalipso } = await import('./run');
      process.exitCode = await runKalipso({
        input,
        inputType: opts.inputType,
        configPath: opts.config,
        width: opts.width,
        together: false,
      });
    });
}
