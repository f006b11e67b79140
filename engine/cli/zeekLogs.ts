// `slips zeek-logs -f capture.pcap -o DIR [--json]`: the capture dissected by the engine's own pcap
// reader and written as Zeek logs (conn, dns, http, ssl, x509, ssh, dhcp, ftp, smtp, software, files,
// weird, tunnel, arp), for Zeek tooling and upstream Slips. Exit 0 when written (bad packets are reported and counted), 2 when the
// input is not a capture.
import { Accounting } from '../inputs/accounting';
import { detectFormat } from '../inputs/detectFormat';
import { InputError } from '../inputs/reader';
import { PcapReader } from '../inputs/pcap/pcapReader';
import { ZeekLogWriter } from '../inputs/pcap/zeekLogs/zeekLogWriter';
import { Command, Option } from 'commander';

/** Problems printed before the rest are only counted. */
const PRINTED_PROBLEMS = 20;

export interface ZeekLogsOptions {
  file: string;
  output: string;
  json: boolean;
  quiet: boolean;
}

export async function runZeekLogs(o: ZeekLogsOptions): Promise<number> {
  let format;
  try {
    format = await detectFormat(o.file);
    if (format !== 'pcap' && format !== 'pcapng')
      throw new InputError(
        `${o.file} is ${format}, not a pcap or pcapng capture: only captures are dissected into Zeek logs`,
      );
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`slips: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const acc = new Accounting();
  let printed = 0;
  acc.onProblem = (p, what) => {
    if (!o.quiet && printed < PRINTED_PROBLEMS)
      process.stderr.write(`slips: ${p.file}:${p.line}: ${what}: ${p.reason}\n`);
    printed++;
  };
  const writer = new ZeekLogWriter(o.output, o.json ? 'json' : 'tsv');
  const reader = new PcapReader({ kind: 'file', path: o.file }, { accounting: acc, format });
  for await (const batch of reader.batches()) for (const rec of batch) writer.add(rec);
  const rows = writer.close();
  if (!o.quiet) {
    const logs = Object.entries(rows).map(([path, n]) => `${path}.log ${n}`);
    const hidden =
      printed > PRINTED_PROBLEMS ? ` (${printed - PRINTED_PROBLEMS} more problems not shown)` : '';
    process.stderr.write(
      `slips: ${format} ${o.file}: ${reader.packets} packets (${acc.parsed} used, ${acc.skippedTotal} skipped, ` +
        `${acc.rejected} rejected)${hidden}; wrote ${logs.join(', ') || 'no logs'} to ${o.output}\n`,
    );
  }
  return 0;
}

export function zeekLogsCommand(): Command {
  return new Command('zeek-logs')
    .description(
      'dissect a pcap or pcapng capture into Zeek logs (conn, dns, http, ssl, x509, ssh, dhcp, ftp, smtp, files, ...)',
    )
    .requiredOption('-f, --file <capture>', 'the pcap or pcapng capture (gzip allowed)')
    .requiredOption('-o, --output <dir>', 'the folder to write the logs to')
    .addOption(new Option('--json', "Zeek's JSON lines instead of TSV"))
    .addOption(new Option('-q, --quiet', 'no summary line'))
    .action(async (opts) => {
      process.exitCode = await runZeekLogs({
        file: opts.file,
        output: opts.output,
        json: Boolean(opts.json),
        quiet: Boolean(opts.quiet),
      });
    });
}
