// The raw packets of a classic pcap file (for tests that take real packets apart or damage them).
import { readFileSync } from 'node:fs';
import type { Pkt } from './pcapBuilder';

export function capturePackets(path: string): Pkt[] {
  const b = readFileSync(path);
  if (b.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${path}: not a little-endian microsecond pcap`);
  const out: Pkt[] = [];
  for (let o = 24; o + 16 <= b.length;) {
    const len = b.readUInt32LE(o + 8);
    out.push({ ts: b.readUInt32LE(o) + b.readUInt32LE(o + 4) / 1e6, data: b.subarray(o + 16, o + 16 + len) });
    o += 16 + len;
  }
  return out;
}
