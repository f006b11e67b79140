import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DohUse } from '../../../../../engine/detectors/flowAlerts/app';
import { ConnectionWithoutDns } from '../../../../../engine/detectors/flowAlerts/conn';
import { Accounting } from '../../../../../engine/inputs/accounting';
import { ZeekLogReader } from '../../../../../engine/inputs/zeek/zeekLogReader';
import type { FlowRecord } from '../../../../../engine/flow';
import { conn, dns } from '../../../../helpers/records';
import { runRecords } from './harness';
import { ssl } from './records';

const T0 = 1_632_302_615;
const DOH = '1.1.1.1';

test('DOH: its own evidence type (Q17), info 0.9, once per server and window', async () => {
  const { evidence } = await runRecords(
    [new DohUse()],
    [
      ssl({ ts: T0, daddr: DOH, serverName: 'cloudflare-dns.com', isDoh: true, uid: 'Cdoh' }),
      ssl({ ts: T0 + 5, daddr: DOH, serverName: 'cloudflare-dns.com', isDoh: true }),
      ssl({ ts: T0 + 6, daddr: '8.8.8.8', isDoh: false }),
      ssl({ ts: T0 + 7, daddr: '9.9.9.9' }),
    ],
  );
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(e.evidenceType, 'DOH');
  assert.equal(e.description, 'Using DNS over HTTPS (DoH) with server 1.1.1.1 (cloudflare-dns.com).');
  assert.deepEqual([e.threatLevel, e.confidence], ['info', 0.9]);
  assert.deepEqual([e.attacker.value, e.victim!.value], ['10.0.0.1', DOH]);
  assert.deepEqual(e.uids, ['Cdoh']);
});

test('a connection to a DoH server is not a connection without DNS, even when its ssl record comes later', async () => {
  const records: FlowRecord[] = [
    dns({ ts: T0, saddr: '10.0.0.1', query: 'example.org', answers: ['93.184.216.34'] }),
    conn({ ts: T0 + 1, saddr: '10.0.0.1', daddr: DOH, dport: 443, state: 'SF' }),
    conn({ ts: T0 + 1, saddr: '10.0.0.1', daddr: '66.63.168.35', dport: 443, state: 'SF' }),
    ssl({ ts: T0 + 2, saddr: '10.0.0.1', daddr: DOH, isDoh: true }),
    conn({ ts: T0 + 100, saddr: '10.0.0.1', daddr: '93.184.216.34', dport: 443, state: 'SF' }),
  ];
  const { evidence } = await runRecords([new ConnectionWithoutDns()], records);
  assert.deepEqual(
    evidence.map((e) => e.victim!.value),
    ['66.63.168.35'],
  );
});

test("the Zeek reader takes is_DoH from Slips' ssl.log column", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'doh-'));
  const path = join(dir, 'ssl.log');
  writeFileSync(
    path,
    [
      '#separator \\x09',
      '#path\tssl',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tserver_name\tis_DoH',
      `${T0}\tCa\t10.0.0.1\t50000\t1.1.1.1\t443\tcloudflare-dns.com\tT`,
      `${T0 + 1}\tCb\t10.0.0.1\t50001\t8.8.8.8\t443\tdns.google\tF`,
      `${T0 + 2}\tCc\t10.0.0.1\t50002\t9.9.9.9\t443\tquad9.net\t-`,
      '',
    ].join('\n'),
  );
  const got: (boolean | undefined)[] = [];
  for await (const batch of new ZeekLogReader(
    { kind: 'file', path },
    { accounting: new Accounting() },
  ).batches())
    for (const r of batch) if (r.kind === 'ssl') got.push(r.isDoh);
  assert.deepEqual(got, [true, false, undefined]);
});
