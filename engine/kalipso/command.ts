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

/** An analysis made earlier: a Redis URL, or a file that starts with a snapshot header. */
async function savedTarget(input: string | undefined, redis: string | undefined) {
  if (redis) return { kind: 'redis' as const, url: redis };
  const { isSnapshotFile } = await import('../store/snapshot/readSnapshot');
  return (await isSnapshotFile(input!)) ? { kind: 'snapshot' as const, path: input! } : undefined;
}

export function kalipsoCommand(): Command {
  return new Command('kalipso')
    .description(
      'analyse an input (or open a saved analysis, or one in Redis) and browse its profiles, time windows, timelines and evidence in the terminal',
    )
    .argument(
      '[input]',
      'pcap, Zeek folder or log, binetflow, eve.json or nfdump file; or a saved analysis (slips -f … --save FILE)',
    )
    .addOption(
      new Option(
        '--redis <url>',
        'browse the analysis kept in Redis by slips -f … --redis URL (refreshes while it grows)',
      ),
    )
    .addOption(new Option('-t, --input-type <type>', 'input type (to skip detection)').choices(INPUT_TYPES))
    .addOption(new Option('-c, --config <file>', 'configuration: newest slips.yaml or 0.7.1 slips.conf'))
    .addOption(
      new Option('-w, --width <seconds>', "time window width in seconds, or 'only_one_tw'").argParser(width),
    )
    .action(async (input: string | undefined, opts) => {
      if (Boolean(input) === Boolean(opts.redis)) {
        process.stderr.write('slips: kalipso shows one analysis: give an input file or --redis URL\n');
        process.exitCode = 2;
        return;
      }
      const saved = await savedTarget(input, opts.redis);
      if (saved) {
        const { runKalipsoSaved } = await import('./runSaved');
        process.exitCode = await runKalipsoSaved(saved);
        return;
      }
      const { runKalipso } = await import('./run');
      process.exitCode = await runKalipso({
        input: input!,
        inputType: opts.inputType,
        configPath: opts.config,
        width: opts.width,
        together: false,
      });
    });
}
