// The capture reader on hand-built files: every framing (pcap both byte orders and resolutions, pcapng
// with several interfaces, simple and unknown blocks), every link layer and encapsulation, and the
// connection it yields for one known TCP session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBytes } from './readCapture';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import type { ArpRecord, FlowRecord, TunnelRecord } from '../../../../engine/flow';
import {
  ethernet,
  ipv4,
  ipv6,
  pcapFile,
  pcapngInterface,
  pcapngPacket,
  pcapngSection,
  pcapngSimplePacket,
  pcapngUnknownBlock,
  tcpSession,
  udp,
} from './pcapBuilder';

const conns = (r: FlowRecord[]) => r.filter((x): x is PacketConnRecord => x.kind === 'conn');

function assertHttpSession(records: FlowRecord[], t0: number): void {
  const c = conns(records);
  assert.equal(c.length, 1, JSON.stringify(records));
  const r = c[0]!;
  assert.equal(r.saddr, '10.0.0.1');
  assert.equal(r.sport, 40000);
  assert.equal(r.daddr, '10.0.0.2');
  assert.equal(r.dport, 80);
  assert.equal(r.proto, 'tcp');
  assert.equal(r.state, 'SF');
  // The responder never sent a pure ACK, and the last ACK came after both FINs (no longer extends the duration).
  assert.equal(r.history, 'ShADdFf');
  assert.equal(r.spkts, 5);
  assert.equal(r.dpkts, 3);
  assert.equal(r.sbytes, 18);
  assert.equal(r.dbytes, 24);
  assert.ok(Math.abs(r.ts - t0) < 1e-6, `ts ${r.ts}`);
  assert.ok(Math.abs(r.dur - 0.06) < 1e-6, `dur ${r.dur}`);
  assert.match(r.uid, /^C[0-9A-Za-z]{17}$/);
}

const T0 = 1600000000.25;
const eth = (ip: Buffer) => ethernet(0x0800, ip);

test('pcap in both byte orders and both resolutions gives the same connection', async () => {
  for (const opts of [{}, { be: true }, { nano: true }, { nano: true, be: true }]) {
    const { records, acc } = await readBytes(pcapFile(1, tcpSession(T0, eth), opts));
    assertHttpSession(records, T0);
    assert.equal(acc.parsed, 8);
    assert.ok(acc.balanced());
  }
});

test('link layers: raw IP, null/loopback, Linux cooked v1 and v2, 802.1Q/Q-in-Q, MPLS, PPPoE', async () => {
  const sll = (ip: Buffer) => Buffer.concat([Buffer.from('00000001000602000000000100000800', 'hex'), ip]);
  const sll2 = (ip: Buffer) =>
    Buffer.concat([Buffer.from('0800000000000002000100060200000000010000', 'hex'), ip]);
  const nullLe = (ip: Buffer) => Buffer.concat([Buffer.from('02000000', 'hex'), ip]);
  const loop = (ip: Buffer) => Buffer.concat([Buffer.from('00000002', 'hex'), ip]);
  const qinq = (ip: Buffer) => ethernet(0x0800, ip, Buffer.from('88a80064810000c8', 'hex'));
  const mpls = (ip: Buffer) => ethernet(0x8847, Buffer.concat([Buffer.from('0001000000010140', 'hex'), ip]));
  const pppoe = (ip: Buffer) => {
    const h = Buffer.from('110000010000' + '0021', 'hex');
    h.writeUInt16BE(ip.length + 2, 4);
    return ethernet(0x8864, Buffer.concat([h, ip]));
  };
  const cases: [string, number, (ip: Buffer) => Buffer][] = [
    ['raw 101', 101, (ip) => ip],
    ['raw 12', 12, (ip) => ip],
    ['raw IPv4 228', 228, (ip) => ip],
    ['null', 0, nullLe],
    ['loop', 108, loop],
    ['SLL', 113, sll],
    ['SLL2', 276, sll2],
    ['Q-in-Q', 1, qinq],
    ['MPLS', 1, mpls],
    ['PPPoE', 1, pppoe],
  ];
  for (const [name, lt, wrap] of cases) {
    const { records, acc } = await readBytes(pcapFile(lt, tcpSession(T0, wrap)));
    assert.equal(acc.rejected, 0, name);
    assertHttpSession(records, T0);
  }
});

test('pcapng: interfaces with their own link types and resolutions, simple and unknown blocks', async () => {
  const pkts = tcpSession(T0, (ip) => ip);
  const ethPkts = tcpSession(T0 + 100, eth);
  const parts = [pcapngSection(), pcapngInterface(101, 9), pcapngUnknownBlock(), pcapngInterface(1)];
  for (const p of pkts) parts.push(pcapngPacket(0, p.ts, 1e9, p.data));
  for (const p of ethPkts) parts.push(pcapngPacket(1, p.ts, 1e6, p.data));
  // A simple packet block belongs to interface 0 and takes the previous packet's time.
  parts.push(pcapngSimplePacket(ipv4('10.9.9.9', '10.9.9.8', 17, udp(5000, 6000, Buffer.from('x')))));
  const { records, acc } = await readBytes(Buffer.concat(parts));
  const c = conns(records).sort((a, b) => a.ts - b.ts);
  assert.equal(c.length, 3);
  assertHttpSession([c[0]!], T0);
  assertHttpSession([c[1]!], T0 + 100);
  assert.equal(c[2]!.saddr, '10.9.9.9');
  assert.ok(Math.abs(c[2]!.ts - (T0 + 100.07)) < 1e-6);
  assert.equal(acc.parsed, 17);
  assert.ok(acc.balanced());
});

test('ARP request and reply become arp records; IPv6 skips extension headers', async () => {
  const arp = (op: number, sha: string, spa: number[], tha: string, tpa: number[]) => {
    const b = Buffer.alloc(28);
    b.writeUInt16BE(1, 0);
    b.writeUInt16BE(0x0800, 2);
    b[4] = 6;
    b[5] = 4;
    b.writeUInt16BE(op, 6);
    Buffer.from(sha, 'hex').copy(b, 8);
    Buffer.from(spa).copy(b, 14);
    Buffer.from(tha, 'hex').copy(b, 18);
    Buffer.from(tpa).copy(b, 24);
    return ethernet(0x0806, b);
  };
  // Hop-by-hop options (8 bytes) before UDP.
  const hbh = Buffer.concat([Buffer.from([17, 0, 1, 4, 0, 0, 0, 0]), udp(546, 547, Buffer.from('dhcpv6'))]);
  const pkts = [
    { ts: T0, data: arp(1, '0a0000000001', [192, 168, 1, 247], '000000000000', [192, 168, 1, 5]) },
    { ts: T0 + 1, data: arp(2, '0a0000000005', [192, 168, 1, 5], '0a0000000001', [192, 168, 1, 247]) },
    { ts: T0 + 2, data: ethernet(0x86dd, ipv6(1, 2, 0, hbh)) },
  ];
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  const arps = records.filter((r): r is ArpRecord => r.kind === 'arp');
  assert.deepEqual(
    arps.map((a) => [a.operation, a.saddr, a.daddr, a.srcHw, a.dstHw]),
    [
      ['request', '192.168.1.247', '192.168.1.5', '0a:00:00:00:00:01', '00:00:00:00:00:00'],
      ['reply', '192.168.1.5', '192.168.1.247', '0a:00:00:00:00:05', '0a:00:00:00:00:01'],
    ],
  );
  const c = conns(records);
  assert.equal(c.length, 1);
  assert.deepEqual(
    [c[0]!.saddr, c[0]!.sport, c[0]!.daddr, c[0]!.dport, c[0]!.proto],
    ['fe80::1', 546, 'fe80::2', 547, 'udp'],
  );
  assert.equal(c[0]!.origIpBytes, 40 + 8 + 14);
  assert.equal(acc.parsed, 3);
});

test('IPv4 fragments are reassembled into one packet of the connection', async () => {
  const payload = udp(5353, 5353, Buffer.alloc(3000, 7));
  const frags: Buffer[] = [];
  for (let off = 0; off < payload.length; off += 1480) {
    const more = off + 1480 < payload.length;
    frags.push(
      ipv4('10.1.1.1', '224.0.0.251', 17, payload.subarray(off, off + 1480), {
        id: 77,
        frag: (more ? 0x2000 : 0) | (off / 8),
      }),
    );
  }
  // Out of order: last first.
  const pkts = frags.reverse().map((f, i) => ({ ts: T0 + i * 0.001, data: eth(f) }));
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  const c = conns(records);
  assert.equal(c.length, 1);
  assert.equal(c[0]!.spkts, 1);
  assert.equal(c[0]!.origIpBytes, 20 + payload.length);
  assert.equal(acc.parsed, 1);
  assert.equal(acc.skipped.get('IPv4 fragment (part of a reassembled datagram)'), 2);
  assert.ok(acc.balanced());
});

test('GRE and GTP-U tunnels: inner flows tracked, tunnel records kept', async () => {
  const inner = ipv4('192.168.0.1', '192.168.0.2', 17, udp(1111, 53, Buffer.from('query')));
  const gre = ipv4('1.1.1.1', '2.2.2.2', 47, Buffer.concat([Buffer.from('00000800', 'hex'), inner]));
  const gtpHdr = Buffer.from('30ff000000000001', 'hex');
  gtpHdr.writeUInt16BE(inner.length, 2);
  const gtp = ipv4('3.3.3.3', '4.4.4.4', 17, udp(2152, 2152, Buffer.concat([gtpHdr, inner])));
  const { records } = await readBytes(
    pcapFile(1, [
      { ts: T0, data: eth(gre) },
      { ts: T0 + 1, data: eth(gtp) },
    ]),
  );
  const tunnels = records.filter((r): r is TunnelRecord => r.kind === 'tunnel');
  assert.deepEqual(
    tunnels.map((t) => [t.tunnelType, t.saddr, t.daddr]),
    [
      ['Tunnel::GRE', '1.1.1.1', '2.2.2.2'],
      ['Tunnel::GTPv1', '3.3.3.3', '4.4.4.4'],
    ],
  );
  const c = conns(records);
  const outer = c.find((x) => x.saddr === '3.3.3.3')!;
  assert.equal(outer.appproto, 'gtpv1');
  const innerConn = c.find((x) => x.saddr === '192.168.0.1')!;
  assert.equal(innerConn.spkts, 2);
  assert.deepEqual(innerConn.tunnelParents, [tunnels[0]!.uid]);
  assert.equal(tunnels[1]!.uid, outer.uid);
  assert.equal(c.length, 2);
});

test('same input, byte-identical records', async () => {
  const bytes = pcapFile(1, tcpSession(T0, eth));
  const a = await readBytes(bytes, 'same.pcap');
  const b = await readBytes(bytes, 'same.pcap');
  const strip = (r: FlowRecord[]) => JSON.stringify(r.map((x) => ({ ...x, origin: x.origin.line })));
  assert.equal(strip(a.records), strip(b.records));
});
