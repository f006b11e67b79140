// Application analyzers on hand-built traffic: protocols found by content on any port, HTTP pipelining
// and out-of-order segments, and hostile payloads (truncated and looping DNS, garbage on the usual
// ports, a 10 MB header line, absurd TLS lengths): never a crash, memory bounded, each problem a weird.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowRecord, HttpRecord, SshRecord, WeirdRecord } from '../../../../engine/flow';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import type { PacketDnsRecord } from '../../../../engine/inputs/pcap/analyzers/dns';
import { ethernet, ipv4, pcapFile, tcp, udp, type Pkt } from './pcapBuilder';
import { session } from './tcpConversation';
import { readBytes } from './readCapture';

const T0 = 1600000000;
const eth = (ip: Buffer) => ethernet(0x0800, ip);
const of = <K extends FlowRecord['kind']>(r: FlowRecord[], kind: K) =>
  r.filter((x) => x.kind === kind) as Extract<FlowRecord, { kind: K }>[];
const weirds = (r: FlowRecord[]) => of(r, 'weird').map((w: WeirdRecord) => w.name);

const req = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'));

test('HTTP on port 8765, pipelined, with a segment out of order: both transactions, MIME types by content', async () => {
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(92)]);
  const pkts = session(
    8765,
    [
      [
        true,
        req(
          'GET /a HTTP/1.1\nHost: example.org\nUser-Agent: t/1\n\nGET /b.png HTTP/1.1\nHost: example.org\n\n',
        ),
      ],
      [false, req('HTTP/1.1 200 OK\nContent-Length: 20\n\n<html><body>hi</body')],
      [false, Buffer.concat([req('HTTP/1.1 200 OK\nContent-Length: 100\n\n'), png.subarray(0, 50)])],
      [false, png.subarray(50)],
    ],
    [0, 1, 3, 2],
  );
  const { records } = await readBytes(pcapFile(1, pkts));
  const http = of(records, 'http') as HttpRecord[];
  assert.deepEqual(
    http.map((h) => [h.method, h.host, h.uri, h.userAgent, h.statusCode, h.responseBodyLen, h.respMimeTypes]),
    [
      ['GET', 'example.org', '/a', 't/1', 200, 20, ['text/html']],
      ['GET', 'example.org', '/b.png', '', 200, 100, ['image/png']],
    ],
  );
  assert.equal(of(records, 'conn')[0]!.appproto, 'http');
});

test('SSH banners on port 902 are SSH; binary garbage on 80, 443 and 22 is nothing (no service, no crash)', async () => {
  const ssh = session(902, [
    [false, Buffer.from('SSH-2.0-OpenSSH_9.6\r\n')],
    [true, Buffer.from('SSH-2.0-libssh2_1.11.0\r\n')],
  ]);
  const garbage = (port: number) =>
    session(port, [
      [true, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) & 255))],
      [false, Buffer.alloc(500, 0xfe)],
    ]).map((p) => ({ ...p, ts: p.ts + port }));
  const { records, acc } = await readBytes(
    pcapFile(1, [...ssh, ...garbage(80), ...garbage(443), ...garbage(22)]),
  );
  const s = of(records, 'ssh') as SshRecord[];
  assert.equal(s.length, 1);
  assert.equal(s[0]!.dport, 902);
  assert.equal(s[0]!.client, 'SSH-2.0-libssh2_1.11.0');
  assert.equal(s[0]!.server, 'SSH-2.0-OpenSSH_9.6');
  const services = (of(records, 'conn') as PacketConnRecord[]).map((c) => `${c.dport}:${c.appproto}`);
  assert.deepEqual(services.sort(), ['22:', '443:', '80:', '902:ssh']);
  assert.equal(acc.rejected, 0);
  assert.ok(acc.balanced());
});

test('a 10 MB HTTP header line: one weird, the analysis of that side stops, memory stays bounded', async () => {
  const line = Buffer.concat([req('GET / HTTP/1.1\nX-Long: '), Buffer.alloc(10 * 1024 * 1024, 0x61)]);
  const segs: [boolean, Buffer][] = [];
  for (let o = 0; o < line.length; o += 60000) segs.push([true, line.subarray(o, o + 60000)]);
  const { records, acc } = await readBytes(pcapFile(1, session(80, segs)));
  assert.deepEqual(weirds(records), ['http_request_line_too_long']);
  assert.equal(of(records, 'conn').length, 1);
  assert.ok(acc.balanced());
});

test('TLS record with an absurd length and a handshake claiming 16 MB: weirds, no records invented', async () => {
  const hello = Buffer.from([22, 3, 1, 0, 60, 1, 0xff, 0xff, 0xff, ...Buffer.alloc(56)]);
  const huge = Buffer.from([22, 3, 3, 0xff, 0xff, 0, 0, 0]);
  const { records, acc } = await readBytes(
    pcapFile(
      1,
      session(443, [
        [true, hello],
        [false, huge],
      ]),
    ),
  );
  assert.deepEqual(weirds(records).sort(), ['ssl_bad_record', 'ssl_handshake_too_long']);
  assert.equal(of(records, 'ssl').length, 0);
  assert.ok(acc.balanced());
});

/** A DNS query for `name` (type A) with transaction id `id`. */
function dnsQuery(id: number, name: string): Buffer {
  const labels = Buffer.concat([
    ...name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0, 0, 1, 0, 1]),
  ]);
  const h = Buffer.alloc(12);
  h.writeUInt16BE(id, 0);
  h.writeUInt16BE(0x0100, 2);
  h.writeUInt16BE(1, 4);
  return Buffer.concat([h, labels]);
}

test('DNS: a query and its reply pair up; truncated and self-pointing messages are weirds, not crashes', async () => {
  const q = dnsQuery(7, 'Example.COM');
  const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, 184, 216, 34]);
  const reply = Buffer.concat([q, answer]);
  reply.writeUInt16BE(0x8180, 2);
  reply.writeUInt16BE(1, 6);
  const truncated = reply.subarray(0, 20);
  const loop = Buffer.from(q);
  loop.writeUInt16BE(9, 0);
  loop[12] = 0xc0;
  loop[13] = 12; // a name pointing at itself
  const absurd = Buffer.from(q);
  absurd.writeUInt16BE(0xffff, 6); // 65535 answers claimed
  absurd.writeUInt16BE(0x8180, 2);
  const dg = (ts: number, src: string, dst: string, sport: number, dport: number, data: Buffer) => ({
    ts,
    data: eth(ipv4(src, dst, 17, udp(sport, dport, data))),
  });
  const pkts = [
    dg(T0, '10.0.0.1', '10.0.0.53', 3333, 53, q),
    dg(T0 + 0.01, '10.0.0.53', '10.0.0.1', 53, 3333, reply),
    dg(T0 + 1, '10.0.0.1', '10.0.0.53', 3334, 53, truncated),
    dg(T0 + 2, '10.0.0.1', '10.0.0.53', 3335, 53, loop),
    dg(T0 + 3, '10.0.0.1', '10.0.0.53', 3336, 53, absurd),
  ];
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  const dns = of(records, 'dns') as PacketDnsRecord[];
  assert.equal(dns.length, 1);
  assert.equal(dns[0]!.query, 'example.com');
  assert.deepEqual(dns[0]!.answers, ['93.184.216.34']);
  assert.deepEqual(dns[0]!.ttls, [60]);
  assert.equal(dns[0]!.rcodeName, 'NOERROR');
  assert.ok(Math.abs(dns[0]!.rtt! - 0.01) < 1e-6);
  assert.deepEqual(weirds(records), [
    'dns_unparsable_message',
    'dns_unparsable_message',
    'dns_unparsable_message',
  ]);
  const services = (of(records, 'conn') as PacketConnRecord[]).map((c) => c.appproto);
  assert.deepEqual(services, ['dns', '', '', '']);
  assert.equal(acc.rejected, 0);
});
