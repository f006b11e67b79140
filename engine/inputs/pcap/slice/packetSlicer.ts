// Packet slices: the packets of chosen connections copied from a capture into a new pcap, for Wireshark.
// The capture is read by the same parser, decoder and tracker as `slips -f`, so a packet belongs to the
// connection (and the uid) the analysis reported, whatever the encapsulation, and the IPv4 fragments of
// a datagram go with the connection their reassembled datagram reached.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Accounting } from '../../accounting';
import { syntheticUid } from '../../uid';
import { CaptureParser, type PacketSink } from '../captureParser';
import type { Connection } from '../connection';
import { ConnTracker } from '../connTracker';
import { decodeLink, ETH_IP_ANY, ETH_IPV4, LinkResult } from '../linkLayer';
import { PacketDecoder } from '../packetDecoder';
import { TIMEOUTS } from '../pcapReader';
import { exactStamp } from './pcapngStamp';
import { selects, type SliceSelection } from './sliceSelector';
import { SlicePcapWriter } from './slicePcapWriter';

/** Bytes of fragments kept while their datagram is incomplete (the reassembler's own cap is 32 MiB). */
const MAX_HELD_FRAGMENT_BYTES = 64 * 1024 * 1024;

export interface SliceResult {
  packets: number;
  /** uids of the connections the slice took packets from, in order of first packet. */
  uids: string[];
  /** Packets read from the capture. */
  read: number;
}

interface Held {
  linkType: number;
  ts: number;
  stamp: [number, number] | undefined;
  /** For a pcap source the record with its header; for pcapng the packet bytes. */
  bytes: Buffer;
  wirelen: number;
}

/**
 * The names a uid may have been derived from: uids hash the input path as the user typed it, so the
 * same file given as `x.pcap`, `./x.pcap` or `/abs/x.pcap` got different uids in different runs.
 */
function pathSpellings(path: string): string[] {
  const abs = resolve(path);
  return [
    ...new Set([
      path,
      abs,
      relative(process.cwd(), abs),
      `./${relative(process.cwd(), abs)}`,
      basename(path),
    ]),
  ];
}

class SliceSink implements PacketSink {
  readonly tracker: ConnTracker;
  readonly decoder: PacketDecoder;
  private readonly link = new LinkResult();
  private readonly chosen = new WeakMap<Connection, boolean>();
  private readonly held = new Map<string, Held[]>();
  private heldBytes = 0;
  readonly uids: string[] = [];
  format: 'pcap' | 'pcapng' | '' = '';
  header: Buffer | undefined;
  lastLinkType = 1;

  constructor(
    file: string,
    acc: Accounting,
    private readonly sel: SliceSelection,
    private readonly out: SlicePcapWriter,
  ) {
    const target = sel.target;
    const spellings = target.kind === 'uid' ? pathSpellings(file).slice(1) : [];
    this.tracker = new ConnTracker({
      tcpInactivity: TIMEOUTS.tcp,
      udpInactivity: TIMEOUTS.udp,
      icmpInactivity: TIMEOUTS.icmp,
      uid: (n) => {
        const uid = syntheticUid(file, n);
        if (target.kind !== 'uid' || target.uids.has(uid)) return uid;
        for (const name of spellings) {
          const other = syntheticUid(name, n);
          if (target.uids.has(other)) return other;
        }
        return uid;
      },
      emit: () => undefined,
      emitApp: () => undefined,
      file,
    });
    this.decoder = new PacketDecoder(file, acc, this.tracker, () => undefined);
  }

  packet(
    linkType: number,
    ts: number,
    b: Buffer,
    off: number,
    caplen: number,
    wirelen: number,
    no: number,
  ): void {
    this.lastLinkType = linkType;
    const frag = this.fragmentKey(linkType, b, off, off + caplen);
    this.tracker.last = undefined;
    this.decoder.packet(linkType, ts, b, off, caplen, wirelen, no);
    const c = this.tracker.last as Connection | undefined;
    if (c === undefined) {
      // Held by the reassembler (or not IP): a fragment waits for its datagram's verdict.
      if (frag !== '')
        this.hold(frag, {
          linkType,
          ts,
          stamp: this.stamp(b, off, ts),
          bytes: this.bytes(b, off, caplen),
          wirelen,
        });
      return;
    }
    let take = this.chosen.get(c);
    if (take === undefined) {
      take = selects(this.sel.target, c);
      this.chosen.set(c, take);
      if (take) this.uids.push(c.uid);
    }
    if (frag !== '') {
      const earlier = this.held.get(frag);
      if (earlier !== undefined) {
        this.held.delete(frag);
        for (const h of earlier) {
          this.heldBytes -= h.bytes.length;
          if (take) this.write(h.linkType, h.ts, h.stamp, h.bytes, h.wirelen);
        }
      }
    }
    if (take) this.write(linkType, ts, this.stamp(b, off, ts), this.view(b, off, caplen), wirelen);
  }

  private inRange(ts: number): boolean {
    return ts >= this.sel.from && ts <= this.sel.to;
  }

  private write(
    linkType: number,
    ts: number,
    stamp: [number, number] | undefined,
    bytes: Buffer,
    wirelen: number,
  ): void {
    if (!this.inRange(ts)) return;
    if (this.format === 'pcap') {
      this.out.sourceHeader(this.header!);
      this.out.copyRecord(bytes);
    } else this.out.packet(linkType, ts, bytes, wirelen, stamp);
  }

  private stamp(b: Buffer, off: number, ts: number): [number, number] | undefined {
    return this.format === 'pcapng' ? exactStamp(b, off, ts) : undefined;
  }

  /** The packet as the writer takes it, without copying (written before the next chunk arrives). */
  private view(b: Buffer, off: number, caplen: number): Buffer {
    return this.format === 'pcap' ? b.subarray(off - 16, off + caplen) : b.subarray(off, off + caplen);
  }

  private bytes(b: Buffer, off: number, caplen: number): Buffer {
    return Buffer.from(this.view(b, off, caplen));
  }

  private hold(key: string, h: Held): void {
    let list = this.held.get(key);
    if (list === undefined) this.held.set(key, (list = []));
    list.push(h);
    this.heldBytes += h.bytes.length;
    // The oldest incomplete datagrams go first, as in the reassembler.
    for (const [k, l] of this.held) {
      if (this.heldBytes <= MAX_HELD_FRAGMENT_BYTES) break;
      this.held.delete(k);
      for (const x of l) this.heldBytes -= x.bytes.length;
    }
  }

  /** Source, destination, id and protocol of an outer IPv4 fragment; '' for anything else. */
  private fragmentKey(linkType: number, b: Buffer, off: number, end: number): string {
    const l = this.link;
    decodeLink(linkType, b, off, end, l);
    const o = l.off;
    if (l.proto !== ETH_IPV4 && l.proto !== ETH_IP_ANY) return '';
    if (end - o < 20 || b[o]! >> 4 !== 4) return '';
    if ((b.readUInt16BE(o + 6) & 0x3fff) === 0) return '';
    return `${b.readUInt32BE(o + 12)}>${b.readUInt32BE(o + 16)}#${b.readUInt16BE(o + 4)}/${b[o + 9]}`;
  }
}

/** Reads `path` (pcap, pcapng, gzip'd or not) and writes the selected packets to `outPath`. */
export async function slicePcap(
  path: string,
  sel: SliceSelection,
  outPath: string,
  acc: Accounting,
): Promise<SliceResult> {
  const out = new SlicePcapWriter(outPath);
  const sink = new SliceSink(path, acc, sel, out);
  const parser = new CaptureParser(path, acc, sink);
  const stream = await openCapture(path);
  let head: Buffer | undefined;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      if (head === undefined || head.length < 24) {
        head =
          head === undefined ? Buffer.from(buf.subarray(0, 24)) : Buffer.concat([head, buf]).subarray(0, 24);
        sink.header = head;
      }
      if (sink.format === '' && parser.format === '' && head.length >= 12)
        sink.format = head.readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
      parser.push(buf);
    }
  } catch (err) {
    acc.fileError(path, parser.packets, `reading stopped: ${(err as Error).message}`);
  } finally {
    stream.destroy();
  }
  parser.end();
  sink.decoder.finish();
  sink.tracker.finish();
  out.close(sink.lastLinkType);
  return { packets: out.packets, uids: sink.uids, read: parser.packets };
}

async function openCapture(path: string): Promise<Readable> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const fh = await open(path, 'r');
  const magic = Buffer.alloc(2);
  try {
    await fh.read(magic, 0, 2, 0);
  } finally {
    await fh.close();
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}
