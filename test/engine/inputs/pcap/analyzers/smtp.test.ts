// SMTP from Zeek's smtp btest trace and from hand-built sessions: envelope and headers as Zeek logs
// them, the failed login the brute-force detector reads from last_reply, STARTTLS, bare-LF lines, and
// a client that never sends a line end (bounded memory, a weird, no crash); the MIME entities of a
// message as files (decoded, hashed), and a hostile message of deeply nested parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FlowRecord } from '../../../../../engine/flow';
import { createHash } from 'node:crypto';
import type { PacketSmtpRecord } from '../../../../../engine/inputs/pcap/analyzers/smtp';
import type { PacketFilesRecord } from '../../../../../engine/inputs/pcap/analyzers/transferredFile';
import { DATA } from '../../../../helpers/data';
import { readPcap } from '../connBaseline';
import { pcapFile } from '../pcapBuilder';
import { readBytes } from '../readCapture';
import { session } from '../tcpConversation';

const smtp = (r: FlowRecord[]) => r.filter((x): x is PacketSmtpRecord => x.kind === 'smtp');
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'));

test('smtp.pcap: two messages, envelope and headers as Zeek logged them', async () => {
  const { records } = await readPcap(join(DATA, 'zeek-baselines/zeek-v8.0.0/smtp/smtp.pcap'));
  const rows = smtp(records);
  assert.equal(rows.length, 2);
  const [a, b] = rows;
  assert.deepEqual(
    [a!.helo, a!.mailfrom, a!.rcptto, a!.to, a!.subject, a!.lastReply, a!.userAgent, a!.tls],
    [
      'GP',
      'gurpartap@patriots.in',
      ['raj_deol2002in@yahoo.co.in'],
      ['<raj_deol2002in@yahoo.co.in>'],
      'SMTP',
      '250 OK id=1Mugho-0003Dg-Un',
      'Microsoft Office Outlook 12.0',
      false,
    ],
  );
  assert.equal(a!.from, '"Gurpartap Singh" <gurpartap@patriots.in>');
  assert.deepEqual(a!.path, ['74.53.140.153', '10.10.1.4']);
  assert.deepEqual(b!.rcptto.slice().sort(), [
    'davis_mark1@outlook.com',
    'ericlim220@yahoo.com',
    'felica4uu@hotmail.com',
  ]);
  assert.deepEqual(b!.cc.slice().sort(), ['davis_mark1@outlook.com', 'felica4uu@hotmail.com']);
  assert.equal(b!.inReplyTo, '<9ACEE03C-AB98-4046-AEC1-BF4910C61E96@example.com>');
  assert.equal(b!.subject, 'Re: Bro SMTP CC Header');
});

test("a failed AUTH: one record whose last reply carries the server's verdict (what the detector reads)", async () => {
  const pkts = session(2525, [
    [false, crlf('220 mx.example.org ESMTP Postfix\n')],
    [true, crlf('EHLO attacker\n')],
    [false, crlf('250-mx.example.org\n250-AUTH LOGIN PLAIN\n250 8BITMIME\n')],
    [true, crlf('AUTH PLAIN AGFsaWNlAHdyb25n\n')],
    [false, crlf('535 5.7.8 Error: authentication failed: bad smtp-auth user\n')],
  ]);
  const { records } = await readBytes(pcapFile(1, pkts));
  const rows = smtp(records);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.helo, 'attacker');
  assert.match(rows[0]!.lastReply, /bad smtp-auth user/);
  const conn = records.find((r) => r.kind === 'conn');
  assert.equal(conn?.kind === 'conn' && conn.appproto, 'smtp');
});

test('STARTTLS: tls is set and what follows (ciphertext) is not read', async () => {
  const pkts = session(25, [
    [false, crlf('220 mail.example.org ESMTP\n')],
    [true, crlf('EHLO client.example.org\n')],
    [false, crlf('250-mail.example.org\n250 STARTTLS\n')],
    [true, crlf('STARTTLS\n')],
    [false, crlf('220 2.0.0 Ready to start TLS\n')],
    [true, Buffer.from('16030100a5010000a10303', 'hex')],
  ]);
  const { records } = await readBytes(pcapFile(1, pkts));
  const rows = smtp(records);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.tls, true);
  assert.equal(rows[0]!.lastReply, '220 2.0.0 Ready to start TLS');
});

test('SMTP without CRLF: bare LF lines are read; 2 MB without any line end is a weird, bounded', async () => {
  const huge = Buffer.alloc(2 * 1024 * 1024, 0x42);
  const segs: [boolean, Buffer][] = [
    [false, Buffer.from('220 mx ESMTP\n')],
    [true, Buffer.from('HELO lf-only\n')],
    [false, Buffer.from('250 mx\n')],
    [true, Buffer.from('MAIL FROM:<a@b.example>\n')],
    [false, Buffer.from('250 ok\n')],
  ];
  for (let o = 0; o < huge.length; o += 1400) segs.push([true, huge.subarray(o, o + 1400)]);
  const { records, acc } = await readBytes(pcapFile(1, session(25, segs)));
  assert.equal(acc.rejected, 0);
  const rows = smtp(records);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.helo, 'lf-only');
  assert.equal(rows[0]!.mailfrom, 'a@b.example');
  const names = records.filter((r) => r.kind === 'weird').map((r) => (r.kind === 'weird' ? r.name : ''));
  assert.ok(names.includes('smtp_line_too_long'), names.join());
});

test('MIME entities of a mail become files: base64 decoded and hashed, names, depth in document order', async () => {
  const attachment = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x33)]);
  const b64 = attachment.toString('base64').replace(/.{76}/g, '$&\n');
  const message = [
    'From: a@b.example',
    'Subject: report',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    'preamble',
    '--outer',
    'Content-Type: text/plain',
    '',
    'Hello,',
    '..a line that started with a dot',
    '--outer',
    'Content-Type: application/pdf; name="r.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment;',
    '\tfilename="report.pdf"',
    '',
    b64,
    '--outer--',
    'epilogue',
    '.',
  ].join('\n');
  const segs: [boolean, Buffer][] = [
    [false, crlf('220 mx ESMTP\n')],
    [true, crlf('HELO c\n')],
    [false, crlf('250 mx\n')],
    [true, crlf('MAIL FROM:<a@b.example>\n')],
    [false, crlf('250 ok\n')],
    [true, crlf('RCPT TO:<c@d.example>\n')],
    [false, crlf('250 ok\n')],
    [true, crlf('DATA\n')],
    [false, crlf('354 go on\n')],
  ];
  const data = crlf(message + '\n');
  for (let o = 0; o < data.length; o += 1400) segs.push([true, data.subarray(o, o + 1400)]);
  segs.push([false, crlf('250 queued\n')]);
  const { records } = await readBytes(pcapFile(1, session(25, segs)));
  const files = records.filter((r): r is PacketFilesRecord => r.kind === 'files');
  const text = Buffer.from('Hello,\r\n.a line that started with a dot');
  assert.deepEqual(
    files.map((f) => [f.depth, f.source, f.mimeType, f.filename, f.seenBytes, f.md5]),
    [
      [2, 'SMTP', 'text/plain', '', text.length, md5(text)],
      [3, 'SMTP', 'application/pdf', 'report.pdf', attachment.length, md5(attachment)],
    ],
  );
  assert.deepEqual(
    smtp(records)[0]!.fuids,
    files.map((f) => f.fuid),
  );
});

test('a hostile mail: 1,000 nested multiparts and base64 that never ends cost bounded work, no crash', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) lines.push(`Content-Type: multipart/mixed; boundary="b${i}"`, '', `--b${i}`);
  lines.push('Content-Transfer-Encoding: base64', '', 'QUJD'.repeat(5000) + '=', '.');
  const data = crlf(lines.join('\n') + '\n');
  const segs: [boolean, Buffer][] = [
    [false, crlf('220 mx ESMTP\n')],
    [true, crlf('HELO c\n')],
    [false, crlf('250 mx\n')],
    [true, crlf('DATA\n')],
    [false, crlf('354 go on\n')],
  ];
  for (let o = 0; o < data.length; o += 1400) segs.push([true, data.subarray(o, o + 1400)]);
  const { records, acc } = await readBytes(pcapFile(1, session(25, segs)));
  assert.equal(acc.rejected, 0);
  const files = records.filter((r): r is PacketFilesRecord => r.kind === 'files');
  // Past the nesting bound a container is one opaque entity: its text (all the deeper parts) one file.
  assert.equal(files.length, 1);
  assert.ok(files[0]!.seenBytes > 0);
});
