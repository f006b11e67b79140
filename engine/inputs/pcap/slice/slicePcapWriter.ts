// Writes a slice as a classic pcap file. A pcap source is copied byte for byte: its own file header
// (byte order, timestamp precision, snap length, link type) and each chosen record with its original
// header, so the slice's timestamps are the source's exactly. A pcapng source has no such header to
// copy: the slice is a nanosecond pcap with the packets' link type, which must then be one for all.
import { closeSync, openSync, writeSync } from 'node:fs';

const PCAP_HEADER = 24;
const PCAP_RECORD = 16;
const NANO_MAGIC = 0xa1b23c4d;
const SNAPLEN = 262144;
/** Bytes gathered before a write. */
const FLUSH_BYTES = 1 << 20;

export class SliceError extends Error {}

export class SlicePcapWriter {
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private linkType = -1;
  private headerWritten = false;
  packets = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** A pcap source's file header, written as is before its records. */
  sourceHeader(header: Buffer): void {
    if (this.headerWritten) return;
    this.push(Buffer.from(header.subarray(0, PCAP_HEADER)));
    this.headerWritten = true;
    this.linkType = Infinity;
  }

  /** One record of a pcap source, header included (`rec` starts at the record header). */
  copyRecord(rec: Buffer): void {
    this.push(Buffer.from(rec));
    this.packets++;
  }

  /** One packet of a pcapng source, re-framed; `stamp` is its exact [seconds, nanoseconds] when known. */
  packet(linkType: number, ts: number, data: Buffer, wirelen: number, stamp?: [number, number]): void {
    if (!this.headerWritten) {
      this.push(nanoHeader(linkType));
      this.headerWritten = true;
      this.linkType = linkType;
    } else if (linkType !== this.linkType)
      throw new SliceError(
        `the packets of this connection were captured on interfaces with different link types ` +
          `(${this.linkType} and ${linkType}), which one pcap file cannot hold`,
      );
    let sec = stamp ? stamp[0] : Math.floor(ts);
    let nsec = stamp ? stamp[1] : Math.round((ts - sec) * 1e9);
    if (nsec >= 1e9) ((sec += 1), (nsec -= 1e9));
    const r = Buffer.alloc(PCAP_RECORD);
    r.writeUInt32LE(sec >>> 0, 0);
    r.writeUInt32LE(nsec, 4);
    r.writeUInt32LE(data.length, 8);
    r.writeUInt32LE(Math.max(wirelen, data.length), 12);
    this.push(r);
    this.push(Buffer.from(data));
    this.packets++;
  }

  private push(b: Buffer): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes and closes; a slice with no packet still gets a valid (empty) file when it has a header. */
  close(fallbackLinkType: number): void {
    if (!this.headerWritten) {
      this.push(nanoHeader(fallbackLinkType));
      this.headerWritten = true;
    }
    this.flush();
    closeSync(this.fd);
  }
}

/** A little-endian pcap 2.4 header with nanosecond timestamps. */
function nanoHeader(linkType: number): Buffer {
  const h = Buffer.alloc(PCAP_HEADER);
  h.writeUInt32LE(NANO_MAGIC, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(SNAPLEN, 16);
  h.writeUInt32LE(linkType, 20);
  return h;
}
