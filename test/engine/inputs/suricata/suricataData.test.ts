// The two real eve.json files: per-type counts checked against JSON.parse, named fields against the lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DATA } from '../../../helpers/data';
import type {
  ConnRecord,
  DnsRecord,
  FilesRecord,
  FlowRecord,
  HttpRecord,
  SslRecord,
} from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { SuricataReader } from '../../../../engine/inputs/suricata/suricataReader';
import { fileSource, readAll } from '../argus/readAll';

const TEST6 = `${DATA}/suricata/slips/test6-malicious.suricata.json`;
const TEST7 = `${DATA}/zeek-baselines/stratosphere-test7/suricata-eve.json`;

/** Event type → record kind, for the types that become records. */
const KIND: Record<string, string> = {
  flow: 'conn',
  dns: 'dns',
  http: 'http',
  tls: 'ssl',
  fileinfo: 'files',
  ssh: 'ssh',
};

async function read(path: string): Promise<{ recs: FlowRecord[]; acc: Accounting }> {
  const acc = new Accounting();
  const recs = await readAll(new SuricataReader(fileSource(path), { accounting: acc }));
  return { recs, acc };
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n');
}

for (const path of [TEST6, TEST7]) {
  test(`${path}: records per kind and skips per event type equal the file's event types`, async () => {
    const wantKinds: Record<string, number> = {};
    const wantSkips: Record<string, number> = {};
    for (const line of lines(path)) {
      if (line.trim() === '') continue;
      const type = (JSON.parse(line) as { event_type: string }).event_type;
      if (KIND[type]) wantKinds[KIND[type]!] = (wantKinds[KIND[type]!] ?? 0) + 1;
      else wantSkips[`suricata event_type ${type}`] = (wantSkips[`suricata event_type ${type}`] ?? 0) + 1;
    }
    const { recs, acc } = await read(path);
    const gotKinds: Record<string, number> = {};
    for (const r of recs) gotKinds[r.kind] = (gotKinds[r.kind] ?? 0) + 1;
    assert.deepEqual(gotKinds, wantKinds);
    assert.deepEqual(Object.fromEntries(acc.skipped), wantSkips);
    assert.equal(acc.rejected, 0, JSON.stringify(acc.rejections.slice(0, 3)));
    assert.ok(acc.balanced());
  });

  test(`${path}: every record's uid is its line's flow_id and its ports its line's`, async () => {
    const text = lines(path);
    const { recs } = await read(path);
    for (const r of recs) {
      const o = JSON.parse(text[r.origin.line - 1]!) as Record<string, unknown>;
      assert.equal(r.uid, String(o.flow_id));
      assert.equal(r.sport, (o.src_port ?? o.icmp_type) as number);
      assert.equal(r.dport, (o.dest_port ?? o.icmp_code) as number);
      assert.equal(r.proto, (o.proto as string).toLowerCase());
    }
  });
}

test('test6 line 90: a flow event', async () => {
  const { recs } = await read(TEST6);
  const r = recs.find((x) => x.origin.line === 90) as ConnRecord;
  // "flow_id":445348883402532, 192.168.1.132:1900 -> 192.168.1.129:44232 UDP, app_proto failed,
  // pkts 12/0, bytes 4056/0, start 16:38:55.855844+0200, end 16:38:56.963027+0200, state new
  assert.equal(r.kind, 'conn');
  assert.equal(r.source, 'suricata');
  assert.equal(r.uid, '445348883402532');
  assert.deepEqual(
    [r.saddr, r.sport, r.daddr, r.dport, r.proto],
    ['192.168.1.132', 1900, '192.168.1.129', 44232, 'udp'],
  );
  assert.equal(r.ts, Date.UTC(2021, 5, 6, 14, 38, 55) / 1000 + 0.855844);
  assert.equal(r.dur, 1.107183);
  assert.deepEqual([r.spkts, r.dpkts, r.sbytes, r.dbytes], [12, 0, 4056, 0]);
  assert.equal(r.state, 'new');
  assert.equal(r.appproto, 'failed');
  assert.equal(r.dir, '->');
});

test('test6 lines 17 and 26: a DNS query and an answer with CNAMEs (query from rrname, Q7)', async () => {
  const { recs } = await read(TEST6);
  const q = recs.find((x) => x.origin.line === 17) as DnsRecord;
  assert.deepEqual(
    [q.kind, q.query, q.qtypeName, q.rcodeName, q.answers],
    ['dns', 'www.google.com', 'A', '', []],
  );
  const a = recs.find((x) => x.origin.line === 26) as DnsRecord;
  assert.equal(a.query, 'www.myedimax.com');
  assert.equal(a.rcodeName, 'NOERROR');
  assert.deepEqual(a.answers, ['ddns.myedimax.com', 'ns.myedimax.com', '122.248.252.67']);
  assert.deepEqual(a.ttls, [580, 280, 580]);
});

test('test6 line 113: a TLS event becomes an ssl record', async () => {
  const { recs } = await read(TEST6);
  const r = recs.find((x) => x.origin.line === 113) as SslRecord;
  assert.equal(r.kind, 'ssl');
  assert.equal(r.version, 'TLS 1.1');
  assert.equal(r.serverName, 'www.myedimax.com');
  assert.equal(r.subject, 'OU=Domain Control Validated, CN=www.myedimax.com');
  assert.equal(r.issuer, 'C=BE, O=GlobalSign nv-sa, CN=AlphaSSL CA - SHA256 - G2');
  assert.equal(r.notBefore, '2020-03-19T09:44:08');
  assert.equal(r.notAfter, '2022-03-20T09:44:08');
  assert.equal(r.ja3, 'b7202231ff2db28363c109cedc6d1642');
  assert.equal(r.ja3s, 'ad90cab724fafab2660fbf61673c91a9');
  assert.deepEqual(r.certChainFps, ['2dd19f809986fcac5f2a2afda3f37e967cdd2437']);
});

test('test6 lines 1134 and 1136: an HTTP event and its fileinfo', async () => {
  const { recs } = await read(TEST6);
  const h = recs.find((x) => x.origin.line === 1134) as HttpRecord;
  assert.deepEqual(
    [h.method, h.host, h.uri, h.version, h.statusCode, h.responseBodyLen, h.respMimeTypes],
    ['GET', '147.32.82.197', '/', 'HTTP/1.1', 404, 47, ['text/html']],
  );
  const f = recs.find((x) => x.origin.line === 1136) as FilesRecord;
  assert.deepEqual(
    [f.kind, f.uid, f.size, f.source, f.connUids],
    ['files', '482525783043092', 47, 'HTTP', ['482525783043092']],
  );
  assert.deepEqual([f.saddr, f.daddr], ['192.168.1.129', '162.142.125.53']);
});

test('test7 line 114: IPv6 ICMP flow: short IPv6 form, ICMP type/code in the ports', async () => {
  const { recs } = await read(TEST7);
  const r = recs.find((x) => x.origin.line === 114) as ConnRecord;
  assert.deepEqual([r.saddr, r.daddr, r.proto, r.sport, r.dport], ['::', 'ff02::16', 'ipv6-icmp', 143, 0]);
});

test('test7: IPv6 DNS answers are in the short form', async () => {
  const { recs } = await read(TEST7);
  const answers = recs.flatMap((r) => (r.kind === 'dns' ? r.answers : []));
  assert.ok(answers.includes('2001:15e8:110:3337::1'));
  assert.ok(!answers.some((a) => a.includes(':0000:')));
});
