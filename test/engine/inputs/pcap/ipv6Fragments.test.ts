// IPv6 fragment reassembly through the whole reader: datagrams rebuilt from fragments in any order (also
// behind a Hop-by-Hop header), and hostile input: overlaps (RFC 5722: the datagram is dropped), exact
// duplicates (ignored), floods of datagrams that never complete, datagrams cut into hundreds of tiny
// fragments, bad fragment lengths, and the timeout. Every packet is counted once, memory stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowRecord } from '../../../../engine/flow';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import { MAX_FRAGMENTS } from '../../../../engine/inputs/pcap/ipv6Fragments';
import { ethernet, ipv4, ipv6, pcapFile, tcpSession, udp, type Pkt } from './pcapBuilder';
import { readBytes } from './readCapture';

const T0 = 1600000000;
const UDP = 17;
const conns = (r: FlowRecord[]) => r.filter((x): x is PacketConnRecord => x.kind === 'conn');
const eth6 = (ip: Buffer) => ethernet(0x86dd, ip);

/** An IPv6 packet carrying a Fragment header: `data` at byte `at` of the datagram's fragmentable part. */
function fragment(id: number, at: number, more: boolean, data: Buffer, hopByHop = false): Buffer {
  const fh = Buffer.alloc(8);
  fh[0] = UDP;
  fh.writeUInt16BE(at | (more ? 1 : 0), 2);
  fh.writeUInt32BE(id, 4);
  if (!hopByHop) return ipv6(1, 2, 44, Buffer.concat([fh, data]));
  // A Hop-by-Hop header (8 bytes of padding options) before the Fragment header.
  const hbh = Buffer.from([44, 0, 1, 4, 0, 0, 0, 0]);
  return ipv6(1, 2, 0, Buffer.concat([hbh, fh, data]));
}

/** A UDP datagram of `size` payload bytes cut into fragments of `piece` bytes (a multiple of 8). */
function cut(id: number, size: number, piece: number, hopByHop = false): Buffer[] {
  const whole = udp(5000, 9999, Buffer.alloc(size, 0x5a));
  const out: Buffer[] = [];
  for (let at = 0; at < whole.length; at += piece) {
    const data = whole.subarray(at, at + piece);
    out.push(fragment(id, at, at + piece < whole.length, data, hopByHop));
  }
  return out;
}

const pkts = (frames: Buffer[], t0 = T0, step = 0.001): Pkt[] =>
  frames.map((f, i) => ({ ts: t0 + i * step, data: eth6(f) }));

test('fragments in any order, with and without a Hop-by-Hop header: one UDP datagram, counted once', async () => {
  for (const hop of [false, true]) {
    const f = cut(7, 3000, 1232, hop);
    assert.equal(f.length, 3);
    const { records, acc } = await readBytes(pcapFile(1, pkts([f[2]!, f[0]!, f[1]!])));
    const c = conns(records);
    assert.equal(c.length, 1, `hop-by-hop ${hop}`);
    assert.equal(c[0]!.dport, 9999);
    assert.equal(c[0]!.spkts, 1);
    assert.equal(acc.parsed, 1);
    assert.equal(acc.skipped.get('IPv6 fragment (part of a reassembled datagram)'), 2);
    assert.equal(acc.rejected, 0);
    assert.ok(acc.balanced());
  }
});

test('an exact duplicate fragment is ignored; an overlapping one drops the datagram (RFC 5722)', async () => {
  const f = cut(8, 3000, 1232);
  const dup = await readBytes(pcapFile(1, pkts([f[0]!, f[0]!, f[1]!, f[2]!])));
  assert.equal(conns(dup.records).length, 1);
  assert.ok(dup.acc.balanced());

  const whole = udp(5000, 9999, Buffer.alloc(3000, 1));
  const overlapping = [
    fragment(9, 0, true, whole.subarray(0, 1232)),
    fragment(9, 1224, true, whole.subarray(1224, 2456)),
    fragment(9, 2456, false, whole.subarray(2456)),
  ];
  const { records, acc } = await readBytes(pcapFile(1, pkts(overlapping)));
  assert.equal(conns(records).length, 0);
  // The fragment after the overlap starts a datagram of its own, which never completes.
  assert.equal(acc.rejected, 2);
  assert.match(acc.rejections[0]!.reason, /overlapping IPv6 fragments \(2 fragments/);
  assert.ok(acc.balanced());
});

test('bad fragments: a length not a multiple of 8, a fragment past the end, data past 64 KiB', async () => {
  const whole = udp(5000, 9999, Buffer.alloc(100, 1));
  const cases: [Buffer[], RegExp][] = [
    [[fragment(1, 0, true, whole.subarray(0, 50))], /not a multiple of 8/],
    [
      // The last fragment says the datagram ends at 24, but a piece at 32 was already held.
      [
        fragment(2, 0, true, whole.subarray(0, 16)),
        fragment(2, 32, true, whole.subarray(32, 64)),
        fragment(2, 16, false, whole.subarray(16, 24)),
      ],
      /past the end of its datagram/,
    ],
    [[fragment(3, 65528, false, Buffer.alloc(64))], /largest possible datagram/],
  ];
  for (const [frames, why] of cases) {
    const { records, acc } = await readBytes(pcapFile(1, pkts(frames)));
    assert.equal(conns(records).length, 0);
    assert.ok(
      acc.rejections.some((r) => why.test(r.reason)),
      JSON.stringify(acc.rejections),
    );
    assert.ok(acc.balanced());
  }
});

test(`a datagram cut into more than ${MAX_FRAGMENTS} tiny fragments is given up`, async () => {
  const f = cut(11, 8 * 600, 8);
  const { records, acc } = await readBytes(pcapFile(1, pkts(f)));
  assert.equal(conns(records).length, 0);
  assert.match(acc.rejections[0]!.reason, /more than 512 fragments/);
  assert.ok(acc.balanced());
});

test('10,000 first fragments that never complete, then a TCP session: bounded, each one rejection', async () => {
  const frames: Pkt[] = [];
  for (let i = 0; i < 10000; i++)
    frames.push({ ts: T0 + i * 0.0001, data: eth6(fragment(i, 0, true, Buffer.alloc(1000, i & 255))) });
  frames.push(...tcpSession(T0 + 2, (ip) => ethernet(0x0800, ip)));
  const { records, acc } = await readBytes(pcapFile(1, frames));
  assert.equal(conns(records).length, 1);
  assert.equal(acc.rejected, 10000);
  assert.match(acc.rejections[0]!.reason, /too many incomplete fragmented IPv6 datagrams held at once/);
  assert.ok(acc.balanced());
  void ipv4;
});

test('a datagram still incomplete after 60 s of traffic time is given up', async () => {
  const f = cut(12, 3000, 1232);
  const late = { ts: T0 + 61, data: eth6(f[1]!) };
  const { records, acc } = await readBytes(pcapFile(1, [...pkts([f[0]!]), late]));
  assert.equal(conns(records).length, 0);
  assert.match(acc.rejections[0]!.reason, /incomplete after 60 s/);
  assert.ok(acc.balanced());
});
