// `slips slice -f capture.pcap --uid UID -o out.pcap` (or --tuple, with --from/--to): the packets of one
// connection as a pcap for Wireshark. Exit 0 with packets written, 1 when nothing matched, 2 when the
// slice could not be made (bad arguments, unreadable capture).
import { existsSync, rmSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Accounting } from '../inputs/accounting';
import { detectFormat } from '../inputs/detectFormat';
import { InputError } from '../inputs/reader';
import { slicePcap } from '../inputs/pcap/slice/packetSlicer';
import { SliceError } from '../inputs/pcap/slice/slicePcapWriter';
import { parseTuple, SliceSyntaxError, type SliceSelection } from '../inputs/pcap/slice/sliceSelector';
import { UsageError } from './analyse';

export interface SliceOptions {
  file: string;
  uid?: string[];
  tuple?: string;
  from?: number;
  to?: number;
  output: string;
  quiet: boolean;
}

export async function runSlice(o: SliceOptions): Promise<number> {
  if ((o.uid === undefined) === (o.tuple === undefined))
    throw new UsageError(
      'say which connection to slice: give --uid UID or --tuple saddr:sport-daddr:dport/proto',
    );
  let sel: SliceSelection;
  try {
    sel = {
      target: o.uid ? { kind: 'uid', uids: new Set(o.uid) } : parseTuple(o.tuple!),
      from: o.from ?? -Infinity,
      to: o.to ?? Infinity,
    };
  } catch (err) {
    if (err instanceof SliceSyntaxError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const format = await detectFormat(o.file);
    if (format !== 'pcap' && format !== 'pcapng')
      throw new InputError(
        `${o.file} is ${format}, not a pcap or pcapng capture: only captures can be sliced`,
      );
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }
  const acc = new Accounting();
  acc.onProblem = (p, what) => {
    if (!o.quiet) process.stderr.write(`slips: ${p.file}:${p.line}: ${what}: ${p.reason}\n`);
  };
  let r;
  try {
    r = await slicePcap(o.file, sel, o.output, acc);
  } catch (err) {
    if (err instanceof SliceError) {
      rmSync(o.output, { force: true });
      return fail(err.message);
    }
    throw err;
  }
  const what = o.uid ? `uid ${o.uid.join(', ')}` : `tuple ${o.tuple}`;
  if (r.uids.length === 0) {
    if (existsSync(o.output)) rmSync(o.output);
    process.stderr.write(
      `slips: no connection with ${what} in ${o.file} (${r.read} packets read); uids come from the path ` +
        `given to slips -f, so give the capture the same way\n`,
    );
    return 1;
  }
  if (!o.quiet)
    process.stderr.write(
      `slips: wrote ${r.packets} packets of ${r.uids.length === 1 ? 'connection' : 'connections'} ` +
        `${r.uids.join(', ')} to ${o.output} (${r.read} packets read)\n`,
    );
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}

function epoch(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`'${v}' is not a time in epoch seconds`);
  return n;
}

export function sliceCommand(): Command {
  return new Command('slice')
    .description('write the packets of one connection (by uid or 5-tuple) from a capture to a new pcap')
    .requiredOption('-f, --file <capture>', 'the pcap or pcapng capture (the path as given to slips -f)')
    .addOption(new Option('--uid <uid...>', 'connection uid(s) as slips reported them'))
    .addOption(
      new Option('--tuple <tuple>', 'connection as saddr:sport-daddr:dport/proto (either direction)'),
    )
    .addOption(
      new Option('--from <epoch>', 'only packets at or after this time (epoch seconds)').argParser(epoch),
    )
    .addOption(
      new Option('--to <epoch>', 'only packets at or before this time (epoch seconds)').argParser(epoch),
    )
    .requiredOption('-o, --output <pcap>', 'the pcap file to write')
    .addOption(new Option('-q, --quiet', 'no summary line'))
    .action(async (opts) => {
      process.exitCode = await runSlice({
        file: opts.file,
        uid: opts.uid,
        tuple: opts.tuple,
        from: opts.from,
        to: opts.to,
        output: opts.output,
        quiet: Boolean(opts.quiet),
      });
    });
}
