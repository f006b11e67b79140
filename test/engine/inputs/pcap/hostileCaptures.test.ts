// Damaged and hostile captures: the reader never throws, keeps the valid packets around the damage,
// reports each problem with its packet number or byte offset, and keeps its memory bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import type { FlowRecord } from '../../../../engine/flow';
import {
  ethernet,
  ipv4,
  pcapFile,
  pcapngInterface,
  pcapngPacket,
  pcapngSection,
  tcp,
  tcpSession,
  udp,
  SYN,
} from './pcapBuilder';
import { readBytes } from './readCapture';

const T0 = 1600000000;
const eth = (ip: Buffer) => ethernet(0x0800, ip);
const conns = (r: FlowRecord[]) => r.filter((x): x is PacketConnRecord => x.kind === 'conn');

test('a truncated file: the packets before the cut are kept, the cut record is one rejection', async () => {
  const whole = pcapFile(1, tcpSession(T0, eth));
  const { records, acc } = await readBytes(whole.subarray(0, whole.length - 30));
  assert.equal(conns(records).length, 1);
  assert.equal(acc.parsed, 7);
  assert.equal(acc.rejected, 1);
  assert.match(acc.rejections[0]!.reason, /truncated/);
  assert.equal(acc.rejections[0]!.line, 8);
  assert.ok(acc.balanced());
});

test('a bogus record length is reported once and reading resumes at the next plausible record', async () => {
  const good = pcapFile(1, tcpSession(T0, eth));
  const body = good.subarray(24);
  const bad = Buffer.alloc(16 + 40, 0xee);
  bad.writeUInt32LE(T0, 0);
  bad.writeUInt32LE(0, 4);
  bad.writeUInt32LE(0x7fffffff, 8);
  bad.writeUInt32LE(0x7fffffff, 12);
  const { records, acc } = await readBytes(Buffer.concat([good.subarray(0, 24), bad, body]));
  assert.equal(acc.rejected, 1, JSON.stringify(acc.rejections));
  assert.match(acc.rejections[0]!.reason, /bogus packet record header at byte offset 24/);
  assert.equal(conns(records).length, 1);
  assert.equal(acc.parsed, 8);
});

test('pcapng block with a bogus length: one rejection, the following blocks are read', async () => {
  const pkts = tcpSession(T0, eth);
  const garbage = Buffer.from('06000000ffffff7f0000000000000000', 'hex');
  const parts = [
    pcapngSection(),
    pcapngInterface(1),
    garbage,
    ...pkts.map((p) => pcapngPacket(0, p.ts, 1e6, p.data)),
  ];
  const { records, acc } = await readBytes(Buffer.concat(parts));
  assert.equal(acc.rejected, 1);
  assert.match(acc.rejections[0]!.reason, /bogus length/);
  assert.equal(conns(records).length, 1);
  assert.equal(acc.parsed, 8);
});

test('snap-length-cut packets still count, with their IP lengths from the headers', async () => {
  const pkts = tcpSession(T0, eth).map((p) => ({
    ts: p.ts,
    data: p.data.subarray(0, 54),
    wire: p.data.length,
  }));
  const { records, acc } = await readBytes(pcapFile(1, pkts, { snaplen: 54 }));
  const c = conns(records);
  assert.equal(c.length, 1);
  assert.equal(c[0]!.state, 'SF');
  assert.equal(c[0]!.sbytes, 18);
  assert.equal(c[0]!.origIpBytes, 5 * 40 + 18);
  assert.equal(acc.rejected, 0);
});

test('garbage: a file of random bytes after a pcap header, and a file that is no capture at all', async () => {
  let seed = 12345;
  const rnd = Buffer.alloc(200000);
  for (let i = 0; i < rnd.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    rnd[i] = seed >>> 24;
  }
  const a = await readBytes(Buffer.concat([pcapFile(1, []), rnd]));
  assert.ok(a.acc.rejected >= 1);
  assert.ok(a.acc.balanced());
  const b = await readBytes(Buffer.concat([Buffer.from('not a capture at all, just text......'), rnd]));
  assert.equal(b.records.length, 0);
  assert.equal(b.acc.fileErrors.length, 1);
});

test('malformed headers inside packets are rejected one by one, valid packets around them kept', async () => {
  const good = tcpSession(T0, eth);
  const badIhl = eth(ipv4('10.0.0.9', '10.0.0.8', 6, tcp(1, 2, SYN, 1, 0)));
  badIhl[14] = 0x42; // IHL 8 bytes
  const badTotal = eth(ipv4('10.0.0.9', '10.0.0.8', 17, udp(1, 2, Buffer.from('x'))));
  badTotal.writeUInt16BE(10, 16);
  const shortTcp = eth(ipv4('10.0.0.9', '10.0.0.8', 6, Buffer.alloc(8)));
  // A TCP option of length 0 (a classic parser loop) on a SYN.
  const zeroOpt = eth(
    ipv4('10.0.0.7', '10.0.0.6', 6, tcp(3, 4, SYN, 9, 0, Buffer.alloc(0), Buffer.from([2, 0, 0, 0]))),
  );
  const pkts = [
    good[0]!,
    { ts: T0 + 0.001, data: badIhl },
    { ts: T0 + 0.002, data: badTotal },
    { ts: T0 + 0.003, data: shortTcp },
    { ts: T0 + 0.004, data: zeroOpt },
    ...good.slice(1),
  ];
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  assert.equal(acc.rejected, 3);
  assert.deepEqual(
    acc.rejections.map((r) => r.line),
    [2, 3, 4],
  );
  assert.equal(conns(records).length, 2);
  assert.ok(acc.balanced());
});

test('10,000 fragments that never complete: bounded memory, each datagram one counted rejection', async () => {
  const pkts = [];
  for (let i = 0; i < 10000; i++) {
    // First fragments only (more-fragments set), every one of a different datagram.
    const f = ipv4('10.5.0.1', '10.5.0.2', 17, Buffer.alloc(1000, i & 255), { id: i, frag: 0x2000 });
    pkts.push({ ts: T0 + i * 0.0001, data: eth(f) });
  }
  pkts.push(...tcpSession(T0 + 2, eth));
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  assert.equal(conns(records).length, 1);
  assert.equal(acc.rejected, 10000);
  // The cap on waiting datagrams, not the end of input, gave up the first ones: memory stayed bounded.
  assert.match(acc.rejections[0]!.reason, /too many incomplete fragmented datagrams held at once/);
  assert.equal(acc.parsed, 8);
  assert.ok(acc.balanced());
});
