// `slips`: the headless command line over the Engine. Keeps the seed's usage working
// (`slips -c slips.conf -f dataset/test3.binetflow`, `-r` pcap and `-b` nfdump as aliases of `-f`,
// `-l`, `-e`, `-v`, `-w`) with newest-Slips behaviour underneath.
import { Command, Option } from 'commander';
import { runAnalysis, UsageError } from './analyse';
import { sliceCommand } from './slice';
import { redisAlertsCommand } from './redisAlerts';
import { ingestCommand } from './ingest';
import { workerCommand } from './worker';
import { zeekLogsCommand } from './zeekLogs';
import { kalipsoCommand } from '../kalipso/command';
import { tiCommand } from './tiUpdate';
import { ENGINE_VERSION } from '../version';

function parseNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`'${v}' is not a number`);
  return n;
}

function parseWidth(v: string): number | 'only_one_tw' {
  if (v === 'only_one_tw') return v;
  const n = parseNumber(v);
  if (n <= 0) throw new UsageError(`the time window width must be positive, got ${v}`);
  return n;
}

export function buildProgram(): Command {
  const program = new Command('slips')
    .description(
      'Behavioural network intrusion detection: analyse flows and report profiles, evidence and alerts',
    )
    .version(`Slips notebooks engine ${ENGINE_VERSION}`, '-V, --version')
    .addOption(
      new Option(
        '-f, --file <path>',
        'input: pcap, Zeek folder or log, binetflow, eve.json, nfdump file, or - for stdin',
      ),
    )
    .addOption(new Option('-i, --interface <name>', 'capture live from this interface (runs tcpdump)'))
    .addOption(new Option('-F, --pcapfilter <bpf>', 'BPF filter for the live capture (as tcpdump takes it)'))
    .addOption(new Option('-r, --pcap <path>', 'same as -f (kept from 0.7.1)'))
    .addOption(new Option('-b, --nfdump <path>', 'same as -f for an nfdump file (kept from 0.7.1)'))
    .addOption(
      new Option('-t, --input-type <type>', 'input type for stdin (or to skip detection)').choices([
        'zeek-tsv',
        'zeek-json',
        'binetflow',
        'binetflow-tabs',
        'suricata',
        'nfdump',
      ]),
    )
    .addOption(new Option('-c, --config <file>', 'configuration: newest slips.yaml or 0.7.1 slips.conf'))
    .addOption(new Option('-o, --output <dir>', 'output folder (default output/<input>_<date>/)'))
    .addOption(
      new Option('-w, --width <seconds>', "time window width in seconds, or 'only_one_tw'").argParser(
        parseWidth,
      ),
    )
    .addOption(new Option('-v, --verbose <level>', 'verbosity 0-3').argParser(parseNumber))
    .addOption(new Option('-e, --debug <level>', 'debug level 0-3').argParser(parseNumber))
    .addOption(new Option('-l, --no-log-files', 'do not write the per-profile folders'))
    .addOption(new Option('-q, --quiet', 'no progress and no summary line'))
    .addOption(
      new Option(
        '--redis <url>',
        'also keep the analysis in Redis with Slips key names (redis://HOST:PORT/DB)',
      ),
    )
    .addOption(new Option('--redis-replace', 'delete what the --redis database holds before writing to it'))
    .addOption(
      new Option(
        '--save <file>',
        'also save the finished analysis to FILE (a snapshot: reopen it with `slips alerts --snapshot`, `slips kalipso FILE` or `load FILE` in a notebook, without the capture)',
      ),
    )
    .addOption(
      new Option('-p, --blocking', 'block the attackers of alerts in the firewall (live capture with -i only)'),
    )
    .addOption(
      new Option(
        '--dry-run-blocking',
        'write the firewall commands -p would run to blocking.log without running them (also with -f)',
      ),
    )
    .addOption(
      new Option('--firewall <name>', 'firewall for -p (default: nftables if nft exists, else iptables)').choices([
        'auto',
        'nftables',
        'iptables',
      ]),
    )
    .addOption(new Option('--clear-blocking', 'remove every firewall rule slips added (-p) and exit'))
    .addOption(new Option('-G, --kalipso', 'open Kalipso, the terminal UI, on the analysis while it runs'))
    .showHelpAfterError()
    // The subcommands have their own -f and -o: options after a subcommand's name are its own.
    .enablePositionalOptions()
    .addCommand(sliceCommand())
    .addCommand(redisAlertsCommand())
    .addCommand(ingestCommand())
    .addCommand(workerCommand())
    .addCommand(zeekLogsCommand())
    .addCommand(kalipsoCommand())
    .addCommand(tiCommand());
  program.action(async (opts) => {
    const path: string | undefined = opts.file ?? opts.pcap ?? opts.nfdump;
    const iface: string | undefined = opts.interface;
    if (path && iface) throw new UsageError('give either a file (-f) or an interface (-i), not both');
    if (opts.pcapfilter !== undefined && !iface)
      throw new UsageError('-F/--pcapfilter filters a live capture: give the interface with -i');
    if (opts.clearBlocking) {
      const { clearBlocking } = await import('../prevention/clearBlocking');
      process.exitCode = await clearBlocking();
      return;
    }
    if (opts.firewall !== undefined && !opts.blocking && !opts.dryRunBlocking)
      throw new UsageError('--firewall chooses the firewall of -p: add -p (or --dry-run-blocking)');
    if (opts.blocking && !iface)
      throw new UsageError(
        '-p blocks attackers of a live capture: give the interface with -i (or use --dry-run-blocking)',
      );
    const input = path ?? iface;
    if (!input) throw new UsageError('no input given: pass -f PATH or -i INTERFACE (see slips --help)');
    if (opts.kalipso) {
      if (opts.save)
        throw new UsageError(
          '--save belongs to a plain run: run slips -f FILE --save, then slips kalipso SNAPSHOT',
        );
      if (!path) throw new UsageError('-G shows the analysis of a file: give it with -f');
      const { runKalipso } = await import('../kalipso/run');
      process.exitCode = await runKalipso({
        input: path,
        inputType: opts.inputType,
        configPath: opts.config,
        width: opts.width,
        together: true,
        output: opts.output,
      });
      return;
    }
    process.exitCode = await runAnalysis({
      input,
      live: iface ? { iface, filter: opts.pcapfilter } : undefined,
      inputType: opts.inputType,
      configPath: opts.config,
      output: opts.output,
      width: opts.width,
      verbose: opts.verbose,
      debug: opts.debug,
      noLogFiles: opts.logFiles === false,
      quiet: Boolean(opts.quiet),
      redis: opts.redis ? { url: opts.redis, replace: Boolean(opts.redisReplace) } : undefined,
      save: opts.save,
      blocking:
        opts.blocking || opts.dryRunBlocking
          ? {
              dryRun: Boolean(opts.dryRunBlocking),
              firewall: opts.firewall ?? 'auto',
              quiet: Boolean(opts.quiet),
            }
          : undefined,
    });
  });
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`slips: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

void main();
