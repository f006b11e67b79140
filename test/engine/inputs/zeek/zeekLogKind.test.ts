import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zeekLogKind, zeekLogType } from '../../../../engine/inputs/zeek/zeekLogKind';

const cases: [string, string | undefined][] = [
  ['conn.log', 'conn'],
  ['/data/zeek/conn.log', 'conn'],
  ['C:\\logs\\dns.log', 'dns'],
  ['conn.13:00:00-14:00:00.log', 'conn'],
  ['conn.13:00:00-14:00:00.log.gz', 'conn'],
  ['dns.2020-01-01-00-00-00.log', 'dns'],
  ['conn.log.labeled', 'conn'],
  ['conn.log.labeled.gz', 'conn'],
  ['conn.log.gz', 'conn'],
  ['conn.json.log', 'conn'],
  ['CONN.LOG', 'conn'],
  ['http.log', 'http'],
  ['ssl.log', 'ssl'],
  ['ssh.log', 'ssh'],
  ['dhcp.log', 'dhcp'],
  ['ftp.log', 'ftp'],
  ['smtp.log', 'smtp'],
  ['tunnel.log', 'tunnel'],
  ['notice.log', 'notice'],
  ['files.log', 'files'],
  ['arp.log', 'arp'],
  ['software.log', 'software'],
  ['weird.log', 'weird'],
  ['login.log', 'login'],
  ['x509.log', 'x509'],
  ['capture_loss.log', undefined],
  ['loaded_scripts.log', undefined],
  ['packet_filter.log', undefined],
  ['reporter.log', undefined],
  ['stats.log', undefined],
  ['pe.log', undefined],
  ['quic.log.labeled', undefined],
  ['sip.log', undefined],
  ['telemetry.log', undefined],
  ['labeled-conn.log', undefined],
  ['conn', undefined],
  ['conn.txt', undefined],
  ['conn.log.bak', undefined],
  ['.log', undefined],
  ['labels.config', undefined],
];

for (const [name, want] of cases) {
  test(`zeekLogKind(${JSON.stringify(name)}) = ${want}`, () => {
    assert.equal(zeekLogKind(name), want);
  });
}

test('zeekLogType names unsupported logs too', () => {
  assert.equal(zeekLogType('loaded_scripts.log'), 'loaded_scripts');
  assert.equal(zeekLogType('quic.log.labeled'), 'quic');
  assert.equal(zeekLogType('eve.json'), undefined);
});
