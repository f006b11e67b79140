// FTP control channels from real captures (Zeek's ftp btest traces) and hand-built hostile sessions:
// commands paired with their final replies, the data channel of PASV/EPSV replies and PORT/EPRT
// commands (the port Slips' unknown-port check excuses), passwords hidden for non-guests, and lines of
// a megabyte that cost bounded memory and a weird, not the session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FlowRecord } from '../../../../../engine/flow';
import type { PacketFtpRecord } from '../../../../../engine/inputs/pcap/analyzers/ftp';
import { DATA } from '../../../../helpers/data';
import { readPcap } from '../connBaseline';
import { pcapFile } from '../pcapBuilder';
import { readBytes } from '../readCapture';
import { session } from '../tcpConversation';

const BASE = join(DATA, 'zeek-baselines');
const ftp = (r: FlowRecord[]) => r.filter((x): x is PacketFtpRecord => x.kind === 'ftp');
const line = (s: string) => Buffer.from(s + '\r\n');
/** One direction's bytes as segments of at most 1400 bytes. */
const segments = (fromClient: boolean, b: Buffer): [boolean, Buffer][] => {
  const out: [boolean, Buffer][] = [];
  for (let o = 0; o < b.length; o += 1400) out.push([fromClient, b.subarray(o, o + 1400)]);
  return out;
};

test('ftp-ipv4: the logged commands, their replies and data channels', async () => {
  const { records } = await readPcap(join(BASE, 'zeek-v8.0.0/ftp-ipv4/ftp-ipv4.pcap'));
  const rows = ftp(records).map((r) => [r.command, r.arg, r.replyCode, r.passive, r.dataResp, r.usedPort]);
  assert.deepEqual(rows, [
    ['PASV', '', 227, true, '199.233.217.249', 56666],
    ['PASV', '', 227, true, '199.233.217.249', 56667],
    ['RETR', 'ftp://199.233.217.249/./robots.txt', 226, undefined, '', 0],
    ['PORT', '141,142,220,235,131,46', 200, false, '141.142.220.235', 33582],
    ['PORT', '141,142,220,235,147,203', 200, false, '141.142.220.235', 37835],
    ['RETR', 'ftp://199.233.217.249/./robots.txt', 226, undefined, '', 0],
    // Zeek 9 also logs the session's last command when nothing logged it.
    ['QUIT', '', 221, undefined, '', 0],
  ]);
  assert.ok(ftp(records).every((r) => r.user === 'anonymous' && r.password === 'test'));
  const conn = records.find((r) => r.kind === 'conn' && r.dport === 21);
  assert.equal(conn?.kind === 'conn' && conn.appproto, 'ftp');
});

test('ftp-bruteforce: 30 failed logins, each session one QUIT row with the user and a hidden password', async () => {
  const { records } = await readPcap(join(BASE, 'zeek-head-9.1.0-dev/ftp-bruteforce/ftp-bruteforce.pcap'));
  const rows = ftp(records);
  assert.equal(rows.length, 30);
  for (const r of rows) {
    assert.equal(r.command, 'QUIT');
    assert.equal(r.user, 'bro');
    assert.equal(r.password, '<hidden>');
    assert.equal(r.replyMsg, 'Goodbye.');
  }
});

test('table: data-channel commands and replies on a non-standard port, found by content', async () => {
  const cases: [string, string, { passive: boolean | undefined; host: string; port: number }][] = [
    [
      'EPSV',
      '229 Entering Extended Passive Mode (|||6446|)',
      { passive: true, host: '10.0.0.2', port: 6446 },
    ],
    [
      'EPRT |1|10.0.0.1|6275|',
      '200 EPRT command successful.',
      { passive: false, host: '10.0.0.1', port: 6275 },
    ],
    ['PORT 10,0,0,1,4,1', '200 PORT command successful.', { passive: false, host: '10.0.0.1', port: 1025 }],
    ['PORT 10,0,0,1,4,1', '500 Illegal PORT command.', { passive: undefined, host: '10.0.0.1', port: 0 }],
    ['PASV', '227 Entering Passive Mode (10,0,0,2,300,1)', { passive: undefined, host: '', port: 0 }],
  ];
  for (const [cmd, reply, want] of cases) {
    const pkts = session(2121, [
      [false, line('220 Service ready for new user FTP')],
      [true, line('USER alice')],
      [false, line('331 Password required')],
      [true, line('PASS s3cret')],
      [false, line('230 Logged in')],
      [true, line(cmd)],
      [false, line(reply)],
    ]);
    const { records } = await readBytes(pcapFile(1, pkts));
    const r = ftp(records).find((x) => x.command === cmd.split(' ')[0]);
    assert.ok(r, cmd);
    assert.equal(r.passive, want.passive, cmd);
    assert.equal(r.usedPort, want.port, cmd);
    if (want.port > 0) assert.equal(r.dataResp, want.host, cmd);
    assert.equal(r.user, 'alice');
    assert.equal(r.password, '<hidden>');
  }
});

test('a 1 MB command line and a 1 MB reply line: weirds, bounded, the session goes on', async () => {
  const huge = Buffer.alloc(1024 * 1024, 0x41);
  const pkts = session(21, [
    [false, line('220 FTP server ready')],
    ...segments(true, Buffer.concat([Buffer.from('USER '), huge, Buffer.from('\r\n')])),
    ...segments(false, Buffer.concat([Buffer.from('331 '), huge, Buffer.from('\r\n')])),
    [true, line('PASV')],
    [false, line('227 Entering Passive Mode (10,0,0,2,19,137)')],
  ]);
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  assert.equal(acc.rejected, 0);
  const names = records.filter((r) => r.kind === 'weird').map((r) => (r.kind === 'weird' ? r.name : ''));
  assert.ok(names.includes('FTP_line_too_long'), names.join());
  const pasv = ftp(records).find((r) => r.command === 'PASV');
  assert.equal(pasv?.usedPort, 19 * 256 + 137);
  // The overlong USER was not taken: no megabyte user name in a record.
  assert.ok(ftp(records).every((r) => r.user.length < 5000));
});

test('ftp-ipv4: the announced data connections are ftp-data; ftp-auth-tls: TLS is read after AUTH TLS', async () => {
  const plain = await readPcap(join(BASE, 'zeek-v8.0.0/ftp-ipv4/ftp-ipv4.pcap'));
  const services = plain.records
    .filter((r) => r.kind === 'conn')
    .map((r) => (r.kind === 'conn' ? `${r.dport} ${r.appproto}` : ''))
    .sort();
  assert.deepEqual(services, [
    '21 ftp',
    '33582 ftp-data',
    '37835 ftp-data',
    '56666 ftp-data',
    '56667 ftp-data',
  ]);

  const tls = await readPcap(join(BASE, 'zeek-v8.0.0/ftp-auth-tls/ftp-auth-tls.pcap'));
  const conn = tls.records.find((r) => r.kind === 'conn');
  assert.equal(conn?.kind === 'conn' && conn.appproto, 'ftp,ssl');
  const ssl = tls.records.find((r) => r.kind === 'ssl');
  assert.equal(ssl?.kind === 'ssl' && ssl.version, 'TLSv13');
  assert.deepEqual(
    ftp(tls.records).map((r) => [r.command, r.arg, r.replyCode]),
    [['AUTH', 'TLS', 234]],
  );
});
