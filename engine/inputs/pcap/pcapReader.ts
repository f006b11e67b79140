// A pcap or pcapng capture (file, gzip'd file, or stdin) → Zeek-shaped records, without Zeek: the file is
// read in chunks (memory stays flat however large the capture), packets are dissected in place and
// tracked into connections; ARP and tunnel records come out as their packets pass.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FlowRecord } from '../../flow';
import { sourceName, type Reader, type ReaderOptions, type Source } from '../reader';
import { syntheticUid } from '../uid';
import { CaptureParser } from './captureParser';
import { ConnTracker } from './connTracker';
import { PacketDecoder } from './packetDecoder';

/** Inactivity timeouts in seconds (traffic time). */
export const TIMEOUTS = {
  /** Slips runs Zeek with tcp_inactivity_timeout = 60 min. */
  tcp: 3600,
  /** Zeek's default udp_inactivity_timeout. */
  udp: 60,
  /** Zeek's default icmp_inactivity_timeout. */
  icmp: 60,
} as const;

export interface PcapReaderOptions extends ReaderOptions {
  format: 'pcap' | 'pcapng';
  /** Override of the TCP inactivity timeout (Zeek's own default is 300 s). */
  tcpInactivity?: number;
}

const CHUNK_BYTES = 1024 * 1024;

export class PcapReader implements Reader {
  readonly format: 'pcap' | 'pcapng';
  /** Filled while reading: packets framed, connections still open, fragments waiting (for tests and stats). */
  packets = 0;

  constructor(
    private readonly source: Source,
    private readonly opts: PcapReaderOptions,
  ) {
    this.format = opts.format;
  }

  async *batches(signal?: AbortSignal): AsyncGenerator<FlowRecord[]> {
    const acc = this.opts.accounting;
    const file = sourceName(this.source);
    const batchSize = this.opts.batchSize ?? 4096;
    let out: FlowRecord[] = [];
    const tracker = new ConnTracker({
      tcpInactivity: this.opts.tcpInactivity ?? TIMEOUTS.tcp,
      udpInactivity: TIMEOUTS.udp,
      icmpInactivity: TIMEOUTS.icmp,
      uid: (n) => syntheticUid(file, n),
      emit: (rec) => out.push(rec),
      emitApp: (rec) => out.push(rec),
      file,
    });
    const decoder = new PacketDecoder(file, acc, tracker, (rec) => out.push(rec));
    const parser = new CaptureParser(file, acc, decoder);
    const { stream, raw } = await this.open();
    let counted = 0;
    try {
      for await (const chunk of stream) {
        if (signal?.aborted) return;
        const buf = chunk as Buffer;
        parser.push(buf);
        if (raw === undefined) acc.bytesRead += buf.length;
        else {
          acc.bytesRead += raw.bytesRead - counted;
          counted = raw.bytesRead;
        }
        this.packets = parser.packets;
        if (out.length >= batchSize) {
          yield out;
          out = [];
        }
      }
    } catch (err) {
      acc.fileError(file, parser.packets, `reading stopped: ${(err as Error).message}`);
    } finally {
      raw?.destroy();
    }
    parser.end();
    decoder.finish();
    tracker.finish();
    this.packets = parser.packets;
    if (out.length > 0) yield out;
  }

  /** The byte stream, and the file stream under it when there is one (its bytesRead is the progress). */
  private async open(): Promise<{ stream: Readable; raw: ReturnType<typeof createReadStream> | undefined }> {
    if (this.source.kind === 'stream') return { stream: this.source.stream, raw: undefined };
    const path = this.source.path;
    const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    if (!(await isGzip(path))) return { stream: raw, raw };
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    raw.on('error', (e) => gunzip.destroy(e));
    return { stream: raw.pipe(gunzip), raw };
  }
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}
