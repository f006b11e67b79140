// `slips slice`: the packets of one connection, chosen by the uid the reader reported or by its tuple,
// re-read by the same reader as exactly that connection with the same counts; IPv4 fragments go with
// their connection; the time range trims packets; nothing matched is exit 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowRecord } from '../../../engine/flow';
import { Accounting } from '../../../engine/inputs/accounting';
import type { PacketConnRecord } from '../../../engine/inputs/pcap/connection';
import { PcapReader } from '../../../engine/inputs/pcap/pcapReader';
import { ethernet, ipv4, pcapFile, udp, type Pkt } from '../inputs/pcap/pcapBuilder';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const DATA = join(ROOT, '../shared/data');
const TEST19 = join(DATA, 'pcap/slips/test19-malicious-ssh-bruteforce.pcap');

function slips(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

async function read(path: string): Promise<FlowRecord[]> {
  const acc = new Accounting();
  const format = readFileSync(path).readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
  const out: FlowRecord[] = [];
  for await (const b of new PcapReader({ kind: 'file', path }, { accounting: acc, format }).batches())
    out.push(...b);
  assert.ok(acc.balanced());
  return out;
}

const conns = (r: FlowRecord[]) => r.filter((x): x is PacketConnRecord => x.kind === 'conn');

/** What a connection is, apart from its uid and where it was read. */
function facts(c: PacketConnRecord) {
  const { uid, origin, ...rest } = c;
  void uid;
  void origin;
  return rest;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'slips-slice-'));

test('slice by uid: the SSH connection with most packets of test19 re-reads as that one connection', async () => {
  const all = conns(await read(TEST19));
  const big = all.reduce((a, b) => (b.spkts + b.dpkts > a.spkts + a.dpkts ? b : a));
  assert.ok(big.spkts + big.dpkts > 10);
  const out = join(tmp(), 'one.pcap');
  const r = slips(['slice', '-f', TEST19, '--uid', big.uid, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`wrote ${big.spkts + big.dpkts} packets of connection ${big.uid}`));
  const again = await read(out);
  const sliced = conns(again);
  assert.equal(sliced.length, 1);
  assert.deepEqual(facts(sliced[0]!), facts(big));
  // The application records of that connection come back too (ssh), and nothing else.
  const ssh = again.filter((x) => x.kind === 'ssh');
  assert.equal(ssh.length, (await read(TEST19)).filter((x) => x.kind === 'ssh' && x.uid === big.uid).length);
  // The source's file header and record headers are copied: the slice starts with the same 24 bytes.
  assert.deepEqual(readFileSync(out).subarray(0, 24), readFileSync(TEST19).subarray(0, 24));

  // The same connection by tuple, written the other way round: the same bytes.
  const tupleOut = join(tmp(), 'tuple.pcap');
  const t = slips([
    'slice',
    '-f',
    TEST19,
    '--tuple',
    `${big.daddr}:${big.dport}-${big.saddr}:${big.sport}/tcp`,
    '-o',
    tupleOut,
  ]);
  assert.equal(t.status, 0, t.stderr);
  assert.deepEqual(readFileSync(tupleOut), readFileSync(out));

  // --from/--to keep only the packets inside the range.
  const mid = big.ts + big.dur / 2;
  const early = join(tmp(), 'early.pcap');
  assert.equal(slips(['slice', '-f', TEST19, '--uid', big.uid, '--to', String(mid), '-o', early]).status, 0);
  const part = conns(await read(early));
  assert.equal(part.length, 1);
  assert.ok(part[0]!.spkts + part[0]!.dpkts < big.spkts + big.dpkts);
  assert.ok(part[0]!.ts + part[0]!.dur <= mid);
});

test('slice of a UDP connection whose datagram was fragmented: every fragment comes along', async () => {
  const T0 = 1700000000;
  const eth = (ip: Buffer) => ethernet(0x0800, ip);
  const payload = udp(5000, 6000, Buffer.alloc(2400, 7));
  // Three fragments of one datagram, interleaved with another connection's packets.
  const frag = (from: number, to: number, more: boolean) =>
    eth(
      ipv4('10.9.0.1', '10.9.0.2', 17, payload.subarray(from, to), {
        id: 77,
        frag: (more ? 0x2000 : 0) | (from / 8),
      }),
    );
  const other = (i: number) => eth(ipv4('10.9.0.3', '10.9.0.4', 17, udp(7000, 53 + i, Buffer.from('x'))));
  const pkts: Pkt[] = [
    { ts: T0, data: frag(0, 1000, true) },
    { ts: T0 + 0.1, data: other(0) },
    { ts: T0 + 0.2, data: frag(1000, 2000, true) },
    { ts: T0 + 0.3, data: other(1) },
    { ts: T0 + 0.4, data: frag(2000, payload.length, false) },
    { ts: T0 + 0.5, data: eth(ipv4('10.9.0.2', '10.9.0.1', 17, udp(6000, 5000, Buffer.from('reply')))) },
  ];
  const dir = tmp();
  const src = join(dir, 'frag.pcap');
  writeFileSync(src, pcapFile(1, pkts));
  const out = join(dir, 'slice.pcap');
  const r = slips(['slice', '-f', src, '--tuple', '10.9.0.1:5000-10.9.0.2:6000/udp', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote 4 packets of connection /);
  const [c, ...rest] = conns(await read(out));
  assert.equal(rest.length, 0);
  assert.equal(c!.spkts, 1);
  assert.equal(c!.dpkts, 1);
  assert.equal(c!.sbytes, 2400);
});

test('slice of a uid that is not in the capture: exit 1, no file; a malformed tuple: exit 2', () => {
  const dir = tmp();
  const out = join(dir, 'none.pcap');
  const r = slips(['slice', '-f', TEST19, '--uid', 'CnotAUidOfThisFile', '-o', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /no connection with uid CnotAUidOfThisFile in .*test19/);
  assert.throws(() => readFileSync(out));
  const bad = slips(['slice', '-f', TEST19, '--tuple', '10.0.0.1-10.0.0.2', '-o', out]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /is not a connection tuple; write it as saddr:sport-daddr:dport\/proto/);
});

test('slice of a pcapng capture: a nanosecond pcap with the exact stamps of the source blocks', async () => {
  const src = join(
    DATA,
    'zeek-baselines/zeek-head-9.1.0-dev/pcapng-multi-interface/pcapng-multi-interface.pcapng',
  );
  const first = conns(await read(src))[0]!;
  const out = join(tmp(), 'ng.pcap');
  const r = slips(['slice', '-f', src, '--uid', first.uid, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const b = readFileSync(out);
  assert.equal(b.readUInt32LE(0), 0xa1b23c4d);
  assert.equal(b.readUInt32LE(20), 1);
  // tcpdump --nano -r on the source prints this packet at 1767663089.500330493.
  assert.deepEqual([b.readUInt32LE(24), b.readUInt32LE(28)], [1767663089, 500330493]);
  const [c, ...rest] = conns(await read(out));
  assert.equal(rest.length, 0);
  // The reader's float from a pcapng block (units × 2^32 / 10^9 + units / 10^9) rounds differently from
  // seconds + nanoseconds / 10^9 of a pcap: the two may differ by one float step (about 0.2 µs).
  const { ts, dur, ...same } = facts(c!);
  const { ts: ts0, dur: dur0, ...same0 } = facts(first);
  assert.deepEqual(same, same0);
  assert.ok(Math.abs(ts - ts0) < 1e-6 && Math.abs(dur - dur0) < 1e-6, `${ts} ${ts0} ${dur} ${dur0}`);
});
