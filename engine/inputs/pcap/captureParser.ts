// pcap and pcapng framing, fed chunk by chunk: finds each packet record and hands its bytes to a sink
// without copying them (the sink sees a window of the current chunk). Bytes that do not fit the format
// are reported once per bad stretch and skipped to the next plausible record, so one damaged record
// costs that record and not the rest of the capture.
import type { Accounting } from '../accounting';

/** Where packets go: called once per packet record, in file order. */
export interface PacketSink {
  packet(
    linkType: number,
    ts: number,
    buf: Buffer,
    off: number,
    caplen: number,
    wirelen: number,
    no: number,
  ): void;
}

/** Largest packet record taken at face value (libpcap's own limit for most link types is 256 KiB). */
const MAX_PACKET_BYTES = 262144;
/** Largest pcapng block taken at face value: packet blocks plus generous option space. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
/** Timestamps further than this from the previous packet mark a pcap record header as misaligned garbage. */
const RESYNC_TS_WINDOW = 86400;

const PCAP_HEADER = 24;
const PCAP_RECORD = 16;
const SHB = 0x0a0d0d0a;
const IDB = 1;
const OPB = 2;
const SPB = 3;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

interface Interface {
  linkType: number;
  snaplen: number;
  /** Seconds per timestamp unit, as 2^32 units and 1 unit (so 64-bit stamps need no BigInt). */
  hiScale: number;
  unit: number;
  offset: number;
}

type Mode = 'start' | 'pcap' | 'pcapng' | 'dead';

export class CaptureParser {
  private mode: Mode = 'start';
  private rest: Buffer | undefined;
  /** Absolute file offset of the first byte of `rest` / the current chunk. */
  private base = 0;
  private le = true;
  private linkType = 0;
  private snaplen = 0;
  private nano = false;
  private interfaces: Interface[] = [];
  private packetNo = 0;
  private lastTs = NaN;
  private resyncing = false;
  format: 'pcap' | 'pcapng' | '' = '';

  constructor(
    private readonly file: string,
    private readonly acc: Accounting,
    private readonly sink: PacketSink,
  ) {}

  /** Parses every complete record in `chunk` (plus what was left over from the previous one). */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.rest !== undefined && this.rest.length > 0) buf = Buffer.concat([this.rest, chunk]);
    const used = this.parse(buf);
    this.base += used;
    this.rest = used < buf.length ? Buffer.from(buf.subarray(used)) : undefined;
  }

  /** End of input: whatever is left is a cut-off record. */
  end(): void {
    // A resynchronisation still looking at a candidate that runs past the end: that candidate was garbage.
    if (this.mode === 'pcap' && this.resyncing && this.rest !== undefined) {
      const used = this.pcapRecords(this.rest, 0, true);
      this.base += used;
      this.rest = this.rest.subarray(used);
    }
    const left = this.rest?.length ?? 0;
    if (left === 0 || this.mode === 'dead') return;
    if (this.mode === 'start') {
      this.acc.fileError(this.file, 0, `the capture file header is cut off (${left} bytes)`);
      return;
    }
    this.acc.reject(
      this.file,
      this.packetNo + 1,
      `the capture ends inside a ${this.mode === 'pcap' ? 'packet record' : 'block'} at byte offset ${this.base} (${left} bytes left): the file is truncated`,
    );
  }

  get packets(): number {
    return this.packetNo;
  }

  private parse(buf: Buffer): number {
    let off = 0;
    if (this.mode === 'start') {
      if (buf.length < 12) return 0;
      const m = buf.readUInt32LE(0);
      if (m === SHB) {
        this.mode = 'pcapng';
        this.format = 'pcapng';
      } else {
        if (buf.length < PCAP_HEADER) return 0;
        if (!this.pcapHeader(buf)) {
          this.mode = 'dead';
          return buf.length;
        }
        this.mode = 'pcap';
        this.format = 'pcap';
        off = PCAP_HEADER;
      }
    }
    if (this.mode === 'pcap') return this.pcapRecords(buf, off);
    if (this.mode === 'pcapng') return this.pcapngBlocks(buf, off);
    return buf.length;
  }

  private pcapHeader(b: Buffer): boolean {
    const be = b.readUInt32BE(0);
    if (be === 0xa1b2c3d4 || be === 0xa1b23c4d) this.le = false;
    else if (be === 0xd4c3b2a1 || be === 0x4d3cb2a1) this.le = true;
    else {
      this.acc.fileError(this.file, 0, 'not a pcap file (unknown magic number)');
      return false;
    }
    this.nano = be === 0xa1b23c4d || be === 0x4d3cb2a1;
    this.snaplen = this.u32(b, 16);
    // The upper bits of the link-type field carry FCS information, not the type.
    this.linkType = this.u32(b, 20) & 0x03ffffff;
    return true;
  }

  private u32(b: Buffer, o: number): number {
    return this.le ? b.readUInt32LE(o) : b.readUInt32BE(o);
  }

  private u16(b: Buffer, o: number): number {
    return this.le ? b.readUInt16LE(o) : b.readUInt16BE(o);
  }

  private pcapRecords(b: Buffer, start: number, atEnd = false): number {
    let off = start;
    const maxCap = Math.max(this.snaplen, MAX_PACKET_BYTES);
    const div = this.nano ? 1e9 : 1e6;
    while (off + PCAP_RECORD <= b.length) {
      const sec = this.u32(b, off);
      const frac = this.u32(b, off + 4);
      const cap = this.u32(b, off + 8);
      const wire = this.u32(b, off + 12);
      if (cap > maxCap || frac >= div || (this.resyncing && !this.plausibleTs(sec))) {
        if (!this.resyncing) {
          this.resyncing = true;
          this.acc.reject(
            this.file,
            this.packetNo + 1,
            `bogus packet record header at byte offset ${this.base + off} (captured length ${cap}): ` +
              'skipping to the next plausible record',
          );
        }
        off++;
        continue;
      }
      if (off + PCAP_RECORD + cap > b.length) {
        if (!(atEnd && this.resyncing)) break;
        off++;
        continue;
      }
      if (this.resyncing) {
        // A candidate header inside garbage must be followed by another plausible header (or the end).
        const next = off + PCAP_RECORD + cap;
        if (next + PCAP_RECORD <= b.length && !this.plausibleRecord(b, next, maxCap, div)) {
          off++;
          continue;
        }
        this.resyncing = false;
      }
      this.packetNo++;
      const ts = sec + frac / div;
      this.lastTs = sec;
      this.sink.packet(this.linkType, ts, b, off + PCAP_RECORD, cap, wire, this.packetNo);
      off += PCAP_RECORD + cap;
    }
    return off;
  }

  private plausibleTs(sec: number): boolean {
    return Number.isNaN(this.lastTs) || Math.abs(sec - this.lastTs) <= RESYNC_TS_WINDOW;
  }

  private plausibleRecord(b: Buffer, o: number, maxCap: number, div: number): boolean {
    const cap = this.u32(b, o + 8);
    const wire = this.u32(b, o + 12);
    return this.plausibleTs(this.u32(b, o)) && this.u32(b, o + 4) < div && cap <= maxCap && wire >= cap;
  }

  private pcapngBlocks(b: Buffer, start: number): number {
    let off = start;
    while (off + 12 <= b.length) {
      // A section header decides the byte order of everything up to the next one.
      if (b.readUInt32LE(off) === SHB) {
        const bom = b.readUInt32LE(off + 8);
        if (bom === BYTE_ORDER_MAGIC) this.le = true;
        else if (bom === 0x4d3c2b1a) this.le = false;
        else {
          off = this.lostBlock(off, 'section header with an unknown byte-order magic');
          continue;
        }
        this.interfaces = [];
      }
      const type = this.u32(b, off);
      const len = this.u32(b, off + 4);
      if (len < 12 || len % 4 !== 0 || len > MAX_BLOCK_BYTES) {
        off = this.lostBlock(off, `block with bogus length ${len}`);
        continue;
      }
      if (off + len > b.length) break;
      if (this.u32(b, off + len - 4) !== len) {
        off = this.lostBlock(off, `block whose trailing length does not match its leading length ${len}`);
        continue;
      }
      if (this.resyncing) this.resyncing = false;
      this.block(type, b, off, len);
      off += len;
    }
    return off;
  }

  /** Reports the damage once and steps one word ahead to look for the next block that checks out. */
  private lostBlock(off: number, what: string): number {
    if (!this.resyncing) {
      this.resyncing = true;
      this.acc.reject(
        this.file,
        this.packetNo + 1,
        `${what} at byte offset ${this.base + off}: skipping to the next valid block`,
      );
    }
    return off + 4;
  }

  /** An enhanced (or obsolete) packet block: timestamp at +4, captured and wire lengths at +12/+16, data at +20. */
  private timedPacket(iface: Interface | undefined, b: Buffer, body: number, end: number): void {
    if (iface === undefined) return this.badPacketBlock('packet of an undeclared interface');
    const cap = this.u32(b, body + 12);
    const wire = this.u32(b, body + 16);
    if (body + 20 + cap > end) return this.badPacketBlock(`captured length ${cap} exceeds its block`);
    const ts = this.stamp(iface, this.u32(b, body + 4), this.u32(b, body + 8));
    this.packetNo++;
    this.sink.packet(iface.linkType, ts, b, body + 20, cap, wire, this.packetNo);
  }

  private block(type: number, b: Buffer, off: number, len: number): void {
    const body = off + 8;
    const end = off + len - 4;
    switch (type) {
      case IDB:
        if (end - body >= 8) this.interfaces.push(this.interfaceBlock(b, body, end));
        return;
      case EPB:
        if (end - body < 20) return this.badPacketBlock('enhanced packet block too short');
        return this.timedPacket(this.interfaces[this.u32(b, body)], b, body, end);
      case SPB: {
        const iface = this.interfaces[0];
        if (iface === undefined || end - body < 4)
          return this.badPacketBlock('simple packet block without interface');
        const wire = this.u32(b, body);
        let cap = Math.min(wire, end - body - 4);
        if (iface.snaplen > 0) cap = Math.min(cap, iface.snaplen);
        this.packetNo++;
        // Simple packet blocks carry no timestamp; they take the previous packet's.
        this.sink.packet(
          iface.linkType,
          Number.isNaN(this.lastTs) ? 0 : this.lastTs,
          b,
          body + 4,
          cap,
          wire,
          this.packetNo,
        );
        return;
      }
      case OPB:
        // The obsolete packet block: a 16-bit interface id (then a drops count) where EPB has 32 bits.
        if (end - body < 20) return this.badPacketBlock('packet block too short');
        return this.timedPacket(this.interfaces[this.u16(b, body)], b, body, end);
      default:
        // Section headers, name resolution, statistics, custom and unknown blocks carry no packets.
        return;
    }
  }

  private badPacketBlock(reason: string): void {
    this.packetNo++;
    this.acc.reject(this.file, this.packetNo, reason);
  }

  private stamp(iface: Interface, hi: number, lo: number): number {
    const ts = hi * iface.hiScale + lo * iface.unit + iface.offset;
    this.lastTs = ts;
    return ts;
  }

  private interfaceBlock(b: Buffer, body: number, end: number): Interface {
    const iface: Interface = {
      linkType: this.u16(b, body),
      snaplen: this.u32(b, body + 4),
      hiScale: 4294967296 / 1e6,
      unit: 1e-6,
      offset: 0,
    };
    let o = body + 8;
    while (o + 4 <= end) {
      const code = this.u16(b, o);
      const olen = this.u16(b, o + 2);
      const v = o + 4;
      if (code === 0 || v + olen > end) break;
      if (code === 9 && olen >= 1) {
        // if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds.
        const r = b[v]!;
        const perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** (r & 0x7f);
        iface.unit = 1 / perSecond;
        iface.hiScale = 4294967296 / perSecond;
      } else if (code === 14 && olen >= 8) {
        // if_tsoffset: whole seconds added to every timestamp of the interface.
        const hi = this.le ? b.readInt32LE(v + 4) : b.readInt32BE(v);
        const lo = this.le ? b.readUInt32LE(v) : b.readUInt32BE(v + 4);
        iface.offset = hi * 4294967296 + lo;
      }
      o = v + ((olen + 3) & ~3);
    }
    return iface;
  }
}
