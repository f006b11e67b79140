// JSON Zeek logs: dotted and nested keys, typed values, `_path`, ISO timestamps, escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnRecord, DnsRecord, LoginRecord, SshRecord } from '../../../../engine/flow';
import { readLog, tmpFile } from './zeekTestKit';

const lines = (...objs: unknown[]): string => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';

test('dotted keys as Zeek writes them, typed values', async () => {
  const path = tmpFile(
    'conn.log',
    lines({
      ts: 1.25,
      uid: 'C1',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 5,
      'id.resp_h': '10.0.0.2',
      'id.resp_p': 80,
      proto: 'tcp',
      duration: 0.5,
      orig_bytes: 7,
      orig_l2_addr: 'aa:bb:cc:dd:ee:ff',
    }),
  );
  const { recs, reader } = await readLog(path);
  assert.equal(reader.format, 'zeek-json');
  const r = recs[0] as ConnRecord;
  assert.deepEqual(
    [r.ts, r.sport, r.dport, r.dur, r.sbytes, r.dbytes, r.smac],
    [1.25, 5, 80, 0.5, 7, 0, 'aa:bb:cc:dd:ee:ff'],
  );
});

test('nested keys as other tools write them', async () => {
  const path = tmpFile(
    'conn.log',
    lines({
      ts: 2,
      uid: 'C2',
      id: { orig_h: '10.0.0.1', orig_p: 6, resp_h: '10.0.0.2', resp_p: 443 },
      proto: 'tcp',
    }),
  );
  const r = (await readLog(path)).recs[0] as ConnRecord;
  assert.deepEqual([r.saddr, r.sport, r.daddr, r.dport], ['10.0.0.1', 6, '10.0.0.2', 443]);
});

test('ISO 8601 timestamps (json_timestamps=JSON::TS_ISO8601) and numbers written as strings', async () => {
  const path = tmpFile(
    'conn.log',
    lines({
      ts: '2021-06-06T15:59:46.5Z',
      uid: 'C3',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': '7',
      'id.resp_h': '10.0.0.2',
      'id.resp_p': '22',
      proto: 'tcp',
    }),
  );
  const r = (await readLog(path)).recs[0] as ConnRecord;
  assert.equal(r.ts, Date.UTC(2021, 5, 6, 15, 59, 46) / 1000 + 0.5);
  assert.equal(r.dport, 22);
});

test('_path picks the kind per line', async () => {
  const path = tmpFile(
    'mixed.json',
    lines(
      {
        _path: 'dns',
        ts: 1,
        uid: 'D1',
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 1,
        'id.resp_h': '10.0.0.53',
        'id.resp_p': 53,
        query: 'a.example',
        answers: '1.2.3.4',
        TTLs: 30,
      },
      {
        _path: 'ssh',
        ts: 2,
        uid: 'S1',
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 2,
        'id.resp_h': '10.0.0.22',
        'id.resp_p': 22,
        auth_success: false,
      },
      {
        _path: 'login',
        ts: 3,
        uid: 'L1',
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 3,
        'id.resp_h': '10.0.0.23',
        'id.resp_p': 23,
        proto: 'tcp',
        success: 'T',
        confused: 0,
        user: 'root',
        client_user: 'me',
        password: 'x',
      },
      { _path: 'quic', ts: 4 },
    ),
  );
  const { recs, acc } = await readLog(path);
  assert.deepEqual(
    recs.map((r) => r.kind),
    ['dns', 'ssh', 'login'],
  );
  const [dns, ssh, login] = recs as [DnsRecord, SshRecord, LoginRecord];
  assert.deepEqual([dns.answers, dns.ttls], [['1.2.3.4'], [30]]);
  assert.equal(ssh.authSuccess, false);
  assert.deepEqual(
    [login.success, login.confused, login.user, login.clientUser, login.password],
    [true, false, 'root', 'me', 'x'],
  );
  assert.deepEqual([...acc.skipped.entries()], [['unsupported Zeek log type "quic"', 1]]);
});

test('null values read as absent', async () => {
  const path = tmpFile(
    'conn.log',
    lines({
      ts: 1,
      uid: 'C1',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 1,
      'id.resp_h': '10.0.0.2',
      'id.resp_p': 2,
      proto: 'tcp',
      service: null,
      duration: null,
    }),
  );
  const r = (await readLog(path)).recs[0] as ConnRecord;
  assert.deepEqual([r.appproto, r.dur], ['', 0]);
});
