// Builds a large pcap for the bench by replaying the real captures in ../shared/data: every classic
// Ethernet pcap there (test7, the Slips test captures, the Zeek btest captures) is laid end to end with
// its own packet timing, and each further copy starts after the previous one with its IPv4 addresses
// moved into another /16 (second octet + copy mod ADDRESS_BLOCKS), like generateConnLog does for lines.
// Checksums are left as they were: the reader does not verify them, as Zeek does not by default.
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const ADDRESS_BLOCKS = 16;
const LINKTYPE_ETHERNET = 1;
/** Seconds between one replayed file and the next. */
const FILE_GAP = 60;

interface SeedPacket {
  /** Seconds since the first packet of its file. */
  offset: number;
  data: Buffer;
  wire: number;
}

function findPcaps(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findPcaps(p, out);
    else if (name.endsWith('.pcap')) out.push(p);
  }
  return out;
}

/** The packets of a classic Ethernet pcap (either byte order, µs or ns); other files give none. */
function readSeed(path: string): SeedPacket[] {
  const b = readFileSync(path);
  if (b.length < 24) return [];
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const be = b.readUInt32BE(0) === 0xa1b2c3d4 || b.readUInt32BE(0) === 0xa1b23c4d;
  if (!le && !be) return [];
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const div = (le ? magic : b.readUInt32BE(0)) === 0xa1b23c4d ? 1e9 : 1e6;
  if ((u32(20) & 0x03ffffff) !== LINKTYPE_ETHERNET) return [];
  const out: SeedPacket[] = [];
  let prev = NaN;
  let offset = 0;
  for (let o = 24; o + 16 <= b.length;) {
    const cap = u32(o + 8);
    if (o + 16 + cap > b.length) break;
    const ts = u32(o) + u32(o + 4) / div;
    // Time runs forward in the replay: a step back counts as none, a pause of over an hour as a minute.
    if (!Number.isNaN(prev)) {
      const step = ts - prev;
      offset += step < 0 ? 0 : step > 3600 ? 60 : step;
    }
    prev = ts;
    out.push({ offset, data: b.subarray(o + 16, o + 16 + cap), wire: u32(o + 12) });
    o += 16 + cap;
  }
  return out;
}

/** Writes a pcap of `packets` packets to `out` (reusing it when it already has them) and returns its path. */
export function generatePcap(dataDir: string, out: string, packets: number): string {
  const marker = `${out}.packets`;
  const version = `${packets} v1`;
  if (existsSync(out) && existsSync(marker) && readFileSync(marker, 'utf8') === version) return out;
  const files = findPcaps(dataDir)
    .map(readSeed)
    .filter((p) => p.length > 0);
  if (files.length === 0) throw new Error(`no Ethernet pcap files found under ${dataDir}`);
  // Each file starts after the previous one ends (plus a gap); a copy spans all of them.
  const starts: number[] = [];
  let span = 0;
  for (const f of files) {
    starts.push(span);
    span += f[f.length - 1]!.offset + FILE_GAP;
  }
  const fd = openSync(out, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  writeSync(fd, header);
  let written = 0;
  for (let copy = 0; written < packets; copy++) {
    const shift = copy % ADDRESS_BLOCKS;
    const parts: Buffer[] = [];
    for (let f = 0; f < files.length && written < packets; f++) {
      for (const p of files[f]!) {
        if (written >= packets) break;
        const usec = Math.round((1_600_000_000 + copy * span + starts[f]! + p.offset) * 1e6);
        const rec = Buffer.alloc(16 + p.data.length);
        rec.writeUInt32LE(Math.floor(usec / 1e6), 0);
        rec.writeUInt32LE(usec % 1e6, 4);
        rec.writeUInt32LE(p.data.length, 8);
        rec.writeUInt32LE(p.wire, 12);
        p.data.copy(rec, 16);
        // Plain Ethernet + IPv4: the second octet of both addresses moves to another /16.
        if (shift > 0 && p.data.length >= 34 && p.data.readUInt16BE(12) === 0x0800) {
          rec[16 + 27] = (rec[16 + 27]! + shift) & 255;
          rec[16 + 31] = (rec[16 + 31]! + shift) & 255;
        }
        parts.push(rec);
        written++;
      }
    }
    writeSync(fd, Buffer.concat(parts));
  }
  closeSync(fd);
  writeFileSync(marker, version);
  return out;
}
