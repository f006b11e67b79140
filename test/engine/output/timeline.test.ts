import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnRecord, FlowRecord } from '../../../engine/flow';
import type { Role, TimeWindow } from '../../../engine/profiler/types';
import { humanSize } from '../../../engine/output/format/size';
import type { TimelineEntry } from '../../../engine/output/timeline/activity';
import { DnsResolutions } from '../../../engine/output/timeline/dnsResolutions';
import { renderEntry } from '../../../engine/output/timeline/render';
import { ServiceNames, shippedServiceNames } from '../../../engine/data/services';
import { TimelineJsonl } from '../../../engine/output/timeline/timelineJsonl';
import { TimelineSink, type TimelineConsumer } from '../../../engine/output/timeline/timelineSink';
import { conn, dns, http, profile, ssh, ssl, T0, window } from './fixtures';

class Collect implements TimelineConsumer {
  readonly got: { ip: string; tw: number; entries: readonly TimelineEntry[] }[] = [];
  window(ip: string, tw: TimeWindow, entries: readonly TimelineEntry[]): void {
    this.got.push({ ip, tw: tw.number, entries });
  }
  close(): void {}
}

interface Step {
  rec: FlowRecord;
  role?: Role;
}

/** Feeds records to a timeline sink the way the profiler does, closes the window, returns the activities. */
function timeline(steps: Step[], human = true, ip = '10.0.0.5'): Record<string, unknown>[] {
  const c = new Collect();
  const sink = new TimelineSink([c], { humanTimestamp: human, ports: shippedServiceNames() });
  const p = profile(ip);
  const tw = window(ip);
  // As the profiler does: connections go to the window's flows, other records to its altFlows.
  for (const s of steps) {
    if (s.rec.kind === 'conn') tw.detail!.flows.push(s.rec);
    else tw.detail!.altFlows.push(s.rec);
    sink.onRecord(s.rec, p, tw, s.role ?? 'Client');
  }
  sink.onWindowClosed(tw, p);
  return c.got.flatMap((g) => g.entries.map((e) => e.activity));
}

test('TCP with an SSL record and an earlier DNS answer (the 4.1.6 example)', () => {
  const [a] = timeline([{ rec: dns() }, { rec: conn() }, { rec: ssl() }]);
  assert.equal(
    JSON.stringify(a),
    '{"profile":"10.0.0.5","timewindow":1,"timestamp":"2020/12/18 14:00:05.123456","dport_name":"HTTPS","preposition":"to","dns_resolution":["www.example.com"],' +
      '"daddr":"93.184.216.34","dport/proto":"443/TCP","state":"established","warning":"",' +
      '"info":{"server_name":"CN=www.example.com","trusted":"Yes","resumed":false,"version":"TLSv12","dns_resolution":"www.example.com"},' +
      '"sent":517,"recv":4210,"tot":"4.62Kb","duration":1.5,"critical warning":""}',
  );
});

test('a DNS answer seen after the connection does not name it', () => {
  const [a] = timeline([{ rec: conn() }, { rec: dns({ ts: T0 + 6 }) }]);
  assert.equal(a!.dns_resolution, '????');
});

test('UDP to an unknown port with no data', () => {
  const [a] = timeline([
    { rec: conn({ proto: 'udp', dport: 40000, sbytes: 0, dbytes: 0, daddr: '1.2.3.4', state: 'S0' }) },
  ]);
  assert.equal(a!.dport_name, '????');
  assert.equal(a!['critical warning'], 'Protocol not recognized by Slips nor Zeek.');
  assert.equal(a!.warning, 'No data exchange!');
  assert.equal(a!.state, 'not established');
  assert.equal(a!['dport/proto'], '40000/UDP');
  assert.equal(a!.tot, '0.00b');
});

test("Zeek's service name wins over the port list", () => {
  const [a] = timeline([{ rec: conn({ dport: 8443, appproto: 'ssl' }) }]);
  assert.equal(a!.dport_name, 'SSL');
  assert.equal(a!['critical warning'], '');
});

const icmpCases: [string, Partial<ConnRecord>, string, string, unknown][] = [
  ['echo (Zeek: sport = type)', { sport: 8, dport: 0 }, 'PING echo', '', ''],
  ['echo reply', { sport: 0, dport: 0 }, 'PING echo reply', '', ''],
  ['time exceeded', { sport: 11, dport: 0 }, 'ICMP Time Excedded in Transit', '', ''],
  ['net unreachable', { sport: 3, dport: 0 }, 'ICMP Destination Net Unreachable', '', ''],
  ['host unreachable (Zeek code 1)', { sport: 3, dport: 1 }, 'ICMP Host Unreachable', '', ''],
  [
    'port unreachable (Argus 0x0303)',
    { sport: 0x0303, dport: 53 },
    'ICMP Port Unreachable',
    'unreachable port is 53',
    '',
  ],
  ['unknown type', { sport: 13, dport: 0 }, 'ICMP Unknown type', '', { type: '0x000d' }],
];

for (const [name, over, want, warning, info] of icmpCases)
  test(`ICMP ${name}`, () => {
    const [a] = timeline([{ rec: conn({ proto: 'icmp', sbytes: 64, dbytes: 0, ...over }) }]);
    assert.equal(a!.dport_name, want);
    assert.equal(a!.warning, warning);
    assert.deepEqual(a!.info, info);
    assert.equal(a!['critical warning'], '');
  });

test('IGMP and other protocols are named by protocol', () => {
  const acts = timeline([
    { rec: conn({ proto: 'igmp', uid: 'a' }) },
    { rec: conn({ proto: 'gre', uid: 'b', ts: T0 + 6 }) },
  ]);
  assert.deepEqual(
    acts.map((a) => a.dport_name),
    ['IGMP', 'GRE'],
  );
});

test('HTTP, DNS (NXDOMAIN) and SSH records become the info of their connection', () => {
  const acts = timeline([
    { rec: conn({ uid: 'CHttp1', dport: 80, ts: T0 + 7 }) },
    { rec: http() },
    { rec: conn({ uid: 'CDns2', proto: 'udp', dport: 53, daddr: '8.8.8.8', ts: T0 + 8 }) },
    { rec: dns({ uid: 'CDns2', ts: T0 + 8, query: 'nope.example', rcodeName: 'NXDOMAIN', answers: [] }) },
    { rec: conn({ uid: 'CSsh1', dport: 22, daddr: '192.168.1.2', ts: T0 + 9 }) },
    { rec: ssh() },
    { rec: conn({ uid: 'CNone', ts: T0 + 10 }) },
  ]);
  assert.deepEqual(acts[0]!.info, {
    Request: 'GET http://www.example.com/index.html',
    'Status Code': '200/OK',
    MIME: 'text/html',
    UA: 'curl/8.0',
  });
  assert.deepEqual(acts[1]!.info, { query: 'nope.example', answers: 'NXDOMAIN' });
  assert.deepEqual(acts[2]!.info, {
    login: 'Successful',
    auth_attempts: 1,
    client: 'SSH-2.0-OpenSSH_9.0',
    server: 'SSH-2.0-OpenSSH_8.4',
  });
  assert.equal(acts[3]!.info, '');
});

test('HTTP info leaves out empty values; SSL without validation on a resumed session is ??', () => {
  const acts = timeline([
    { rec: conn({ uid: 'h' }) },
    { rec: http({ uid: 'h', statusCode: 0, statusMsg: '', userAgent: '', respMimeTypes: [] }) },
    { rec: conn({ uid: 's', ts: T0 + 6 }) },
    { rec: ssl({ uid: 's', validationStatus: '', resumed: true, subject: '' }) },
  ]);
  assert.deepEqual(acts[0]!.info, { Request: 'GET http://www.example.com/index.html' });
  assert.deepEqual(acts[1]!.info, {
    server_name: '????',
    trusted: '??',
    resumed: true,
    version: 'TLSv12',
    dns_resolution: 'www.example.com',
  });
});

test('incoming connections (analysis direction all) read "from <saddr>"', () => {
  const [a] = timeline([{ rec: conn({ saddr: '1.2.3.4', daddr: '10.0.0.5' }), role: 'Server' }]);
  assert.deepEqual(Object.keys(a!).slice(2, 7), [
    'timestamp',
    'dport_name',
    'preposition',
    'dns_resolution',
    'saddr',
  ]);
  assert.equal(a!.preposition, 'from');
  assert.equal(a!.saddr, '1.2.3.4');
});

test('entries are in flow time order, ties in input order; epoch timestamps when not human', () => {
  const acts = timeline(
    [
      { rec: conn({ uid: 'b', ts: T0 + 20, sbytes: 3 }) },
      { rec: conn({ uid: 'a1', ts: T0 + 10, sbytes: 1 }) },
      { rec: conn({ uid: 'a2', ts: T0 + 10, sbytes: 2 }) },
    ],
    false,
  );
  assert.deepEqual(
    acts.map((a) => a.timestamp),
    [T0 + 10, T0 + 10, T0 + 20],
  );
  assert.deepEqual(
    acts.map((a) => a.sent),
    [1, 2, 3],
  );
});

test('dns_resolution: up to three names as a list, then only the last one', () => {
  const names = ['a.example', 'b.example', 'c.example', 'd.example'];
  const steps: Step[] = names.map((q, i) => ({ rec: dns({ query: q, ts: T0 + i / 10 }) }));
  const three = timeline([...steps.slice(0, 3), { rec: conn() }]);
  assert.deepEqual(three[0]!.dns_resolution, ['a.example', 'b.example', 'c.example']);
  const four = timeline([...steps, { rec: conn() }]);
  assert.equal(four[0]!.dns_resolution, 'd.example');
});

test('the DNS map is bounded in IPs and names', () => {
  const m = new DnsResolutions(2, 2);
  m.learn(dns({ answers: ['1.1.1.1'], query: 'one' }));
  m.learn(dns({ answers: ['2.2.2.2', 'not-an-ip', 'CNAME.example'], query: 'two' }));
  m.learn(dns({ answers: ['3.3.3.3'], query: 'three' }));
  assert.equal(m.size, 2);
  assert.equal(m.of('1.1.1.1'), undefined);
  for (const q of ['x', 'y', 'z']) m.learn(dns({ answers: ['3.3.3.3'], query: q }));
  assert.deepEqual(m.of('3.3.3.3'), ['y', 'z']);
});

test('human sizes', () => {
  assert.deepEqual([0, 1023, 1024, 4727, 1048576, 5 * 1073741824].map(humanSize), [
    '0.00b',
    '1023.00b',
    '1.00Kb',
    '4.62Kb',
    '1.00Mb',
    '5.00Gb',
  ]);
});

test('services list: upper-cased names, odd upstream lines tolerated', () => {
  const ports = shippedServiceNames();
  assert.equal(ports.upperName(443, 'tcp'), 'HTTPS');
  assert.equal(ports.upperName(53, 'udp'), 'DNS');
  assert.equal(ports.upperName(192, 'udp'), 'AIRPORT DISCOVERY');
  assert.equal(ports.upperName(5222, 'tcp'), 'XMPP CHAT. GOOGLE TALK. TELEGRAM OR WHATSAPP');
  assert.equal(ports.upperName(1, 'tcp'), undefined);
  // Evidence descriptions use the names as written.
  assert.equal(ports.name(81, 'tcp'), 'http-alt');
  assert.equal(new ServiceNames('x,notaport,tcp,y\n').size, 0);
});

test('Kalipso-like rendering of an entry', () => {
  const c = new Collect();
  const sink = new TimelineSink([c], { humanTimestamp: true, ports: shippedServiceNames() });
  const p = profile();
  const tw = window();
  const rec = conn();
  sink.onRecord(dns(), p, tw, 'Client');
  tw.detail!.flows.push(rec);
  sink.onRecord(rec, p, tw, 'Client');
  tw.detail!.altFlows.push(ssl());
  sink.onWindowClosed(tw, p);
  assert.equal(
    renderEntry(c.got[0]!.entries[0]!),
    '2020/12/18 14:00:05 HTTPS to www.example.com [93.184.216.34] 443/TCP established Sent:517 Recv:4210 Tot:4.62Kb Dur:1.5 ' +
      'server_name:CN=www.example.com trusted:Yes resumed:false version:TLSv12 dns_resolution:www.example.com',
  );
});

test('timeline.jsonl: profile and window first, then the activity; windows appended; started fresh each run', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'timeline-')), 'timeline.jsonl');
  for (let run = 0; run < 2; run++) {
    const out = new TimelineJsonl(path);
    const sink = new TimelineSink([out], { humanTimestamp: true, ports: shippedServiceNames() });
    for (const ip of ['10.0.0.5', '10.0.0.6'])
      for (const n of [1, 2]) {
        const p = profile(ip);
        const tw = window(ip, n);
        const rec = conn({ ts: tw.start + 1, uid: `u${n}`, saddr: ip });
        tw.detail!.flows.push(rec);
        sink.onRecord(rec, p, tw, 'Client');
        sink.onWindowClosed(tw, p);
      }
    out.close();
  }
  const lines = readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(
    lines.map((l) => [l.profile, l.timewindow, l.timestamp]),
    [
      ['10.0.0.5', 1, '2020/12/18 14:00:01.000000'],
      ['10.0.0.5', 2, '2020/12/18 15:00:01.000000'],
      ['10.0.0.6', 1, '2020/12/18 14:00:01.000000'],
      ['10.0.0.6', 2, '2020/12/18 15:00:01.000000'],
    ],
  );
  assert.deepEqual(Object.keys(lines[0]).slice(0, 4), ['profile', 'timewindow', 'timestamp', 'dport_name']);
});
