// `slips -i IFACE [-F BPF]`: tcpdump's pcap stream goes through the same pcap reader as a file, with
// records handed on as soon as a packet completes them, so windows close and evidence comes out while
// the capture runs (in traffic time). Stopping is tcpdump's end of stream: the reader then flushes the
// open connections and the engine its windows, exactly as at the end of a file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Accounting } from '../inputs/accounting';
import { PcapReader } from '../inputs/pcap/pcapReader';
import {
  startCapture,
  tcpdumpArgs,
  type CaptureEnd,
  type LiveCapture,
} from '../inputs/pcap/live/tcpdumpCapture';
import { statsLine } from '../inputs/pcap/live/tcpdumpStats';
import type { Reader } from '../inputs/reader';

export interface LiveOptions {
  iface: string;
  filter?: string;
}

/** The capture's record in the output folder, beside summary.json. */
export const CAPTURE_FILE = 'capture.json';

export class LiveRun {
  stopRequested = false;

  constructor(readonly capture: LiveCapture) {}

  banner(): string {
    const f = this.capture.filter ? ` (filter: ${this.capture.filter})` : '';
    return `capturing on ${this.capture.iface}${f} with tcpdump`;
  }

  /** First call: tcpdump stops gracefully; a second one kills it. */
  stop(quiet: boolean): void {
    if (!quiet && !this.stopRequested)
      process.stderr.write(`slips: stopping the capture on ${this.capture.iface} and writing the outputs\n`);
    this.stopRequested = true;
    this.capture.stop();
  }
}

export async function startLive(o: LiveOptions): Promise<LiveRun> {
  return new LiveRun(await startCapture(o));
}

export function liveReader(live: LiveRun, accounting: Accounting): Reader {
  const c = live.capture;
  // Batches of one: a record reaches the engine as soon as its packet made it, not 4096 records later.
  return new PcapReader(
    { kind: 'stream', stream: c.stream, name: c.iface },
    { accounting, format: 'pcap', batchSize: 1 },
  );
}

/** tcpdump's counts (kernel drops included) on stderr and in capture.json; its complaint if it died. */
export async function reportCaptureEnd(live: LiveRun, outDir: string, quiet: boolean): Promise<CaptureEnd> {
  const end = await live.capture.ended;
  const c = live.capture;
  const unexpected = !live.stopRequested;
  writeFileSync(
    join(outDir, CAPTURE_FILE),
    JSON.stringify(
      {
        interface: c.iface,
        filter: c.filter,
        command: ['tcpdump', ...tcpdumpArgs({ iface: c.iface, filter: c.filter })],
        stopped_by: unexpected ? 'tcpdump exited' : 'signal',
        tcpdump_exit_code: end.code,
        tcpdump_signal: end.signal,
        packets_captured: end.stats?.captured ?? null,
        packets_received_by_filter: end.stats?.receivedByFilter ?? null,
        packets_dropped_by_kernel: end.stats?.droppedByKernel ?? null,
        packets_dropped_by_interface: end.stats?.droppedByInterface ?? null,
      },
      null,
      2,
    ) + '\n',
  );
  if (!quiet) {
    if (end.stats) process.stderr.write(`slips: tcpdump on ${c.iface}: ${statsLine(end.stats)}\n`);
    else process.stderr.write(`slips: tcpdump on ${c.iface} reported no packet counts\n`);
    if (unexpected)
      process.stderr.write(
        `slips: the capture on ${c.iface} ended by itself (tcpdump exit code ${end.code ?? end.signal})` +
          `${end.stderr ? `: ${end.stderr.replace(/\s+/g, ' ')}` : ''}\n`,
      );
  }
  return end;
}
