// The exact timestamp of a pcapng packet, for re-framing it into a pcap slice. The parser hands packets
// on with a float timestamp, which at today's epoch is only good to about 0.2 µs; the block's own 64-bit
// stamp is exact, and its unit is the power of ten that turns it into the float the parser computed.

const EPB = 6;
const OPB = 2;
const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * Seconds and nanoseconds of the enhanced (or obsolete) packet block whose data starts at `off`, or
 * undefined when the block carries no stamp of its own or the stamp is not a plain power-of-ten count
 * (an interface with a binary resolution or a time offset): the float is then the best there is.
 */
export function exactStamp(b: Buffer, off: number, ts: number): [number, number] | undefined {
  const start = off - 28;
  if (start < 0) return undefined;
  let le: boolean;
  if (b.readUInt32LE(start) === EPB || b.readUInt32LE(start) === OPB) le = true;
  else if (b.readUInt32BE(start) === EPB || b.readUInt32BE(start) === OPB) le = false;
  else return undefined;
  const hi = le ? b.readUInt32LE(off - 16) : b.readUInt32BE(off - 16);
  const lo = le ? b.readUInt32LE(off - 12) : b.readUInt32BE(off - 12);
  const units = (BigInt(hi) << 32n) | BigInt(lo);
  const approx = hi * 4294967296 + lo;
  for (const p of POWERS) {
    if (Math.abs(approx / p - ts) > 1e-3) continue;
    const per = BigInt(p);
    const sec = units / per;
    const nsec = ((units % per) * 1_000_000_000n) / per;
    return [Number(sec), Number(nsec)];
  }
  return undefined;
}
