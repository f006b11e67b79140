// software.log from banners and user agents: Zeek's version splitting (table), SSH banners from a real
// capture (client and server, the protocol prefix removed), HTTP User-Agent and Server headers, and the
// rule that a host's software is reported again only when its version changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FlowRecord } from '../../../../../engine/flow';
import {
  parseBrowser,
  parseVersion,
  type PacketSoftwareRecord,
} from '../../../../../engine/inputs/pcap/analyzers/software';
import { DATA } from '../../../../helpers/data';
import { readPcap } from '../connBaseline';
import { pcapFile } from '../pcapBuilder';
import { readBytes } from '../readCapture';
import { session } from '../tcpConversation';

const software = (r: FlowRecord[]) => r.filter((x): x is PacketSoftwareRecord => x.kind === 'software');

test('table: version strings split as Zeek does', () => {
  const cases: [string, string, string, string, string, string][] = [
    // unparsed, name, major, minor, minor2, addl
    ['OpenSSH_5.9p1 Debian-5ubuntu1.1', 'OpenSSH', '5', '9', '', 'p1'],
    ['OpenSSH_6.6.1p1 Ubuntu-2ubuntu2', 'OpenSSH', '6', '6', '1', 'p1'],
    ['paramiko_1.15.2', 'paramiko', '1', '15', '2', ''],
    ['Apache/2.4.3 (Fedora)', 'Apache', '2', '4', '3', 'Fedora'],
    ['Wget/1.14 (darwin12.2.0)', 'Wget', '1', '14', '', 'darwin12.2.0'],
    ['nginx', 'nginx', '', '', '', ''],
    ['curl/7.68.0', 'curl', '7', '68', '0', ''],
  ];
  for (const [text, name, major, minor, minor2, addl] of cases) {
    const v = parseVersion(text);
    assert.deepEqual([v.name, v.major, v.minor, v.minor2, v.addl], [name, major, minor, minor2, addl], text);
  }
  const ff = parseBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0');
  assert.deepEqual([ff.name, ff.major, ff.minor], ['Firefox', '115', '0']);
  const chrome = parseBrowser(
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36',
  );
  assert.deepEqual([chrome.name, chrome.major, chrome.minor, chrome.minor2], ['Chrome', '120', '0', '6099']);
  const msie = parseBrowser('Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1)');
  assert.deepEqual([msie.name, msie.major, msie.minor], ['MSIE', '8', '0']);
});

test('ssh.pcap: each SSH client and server banner once per host and version', async () => {
  const { records } = await readPcap(join(DATA, 'zeek-baselines/zeek-v8.0.0/ssh-basic/ssh.pcap'));
  const rows = software(records);
  const clients = rows.filter((r) => r.software === 'SSH::CLIENT');
  const servers = rows.filter((r) => r.software === 'SSH::SERVER');
  assert.ok(clients.length > 0 && servers.length > 0);
  assert.ok(rows.every((r) => !r.unparsedVersion.startsWith('SSH-')));
  // A host's software comes again only with another version than the one reported last.
  const last = new Map<string, string>();
  for (const r of rows) {
    const k = `${r.saddr}|${r.software}|${r.softwareName}`;
    assert.notEqual(last.get(k), r.unparsedVersion, `${k} reported again without a version change`);
    last.set(k, r.unparsedVersion);
  }
  // The SSH connections' own records name the same banners.
  const ssh = records.filter((r) => r.kind === 'ssh');
  for (const s of ssh) {
    if (s.kind !== 'ssh' || s.client === '') continue;
    const v = s.client.replace(/^SSH[0-9.-]+/, '');
    assert.ok(
      clients.some((c) => c.saddr === s.saddr && c.unparsedVersion === v),
      s.client,
    );
  }
});

test('HTTP: the browser from User-Agent, the server from Server, again only when the version changes', async () => {
  const ex = (ua: string, server: string): [boolean, Buffer][] => [
    [true, Buffer.from(`GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: ${ua}\r\n\r\n`)],
    [false, Buffer.from(`HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Length: 0\r\n\r\n`)],
  ];
  const pkts = session(8080, [
    ...ex('curl/7.68.0', 'nginx/1.18.0 (Ubuntu)'),
    ...ex('curl/7.68.0', 'nginx/1.18.0 (Ubuntu)'),
    ...ex('curl/8.1.2', 'nginx/1.18.0 (Ubuntu)'),
  ]);
  const { records } = await readBytes(pcapFile(1, pkts));
  const rows = software(records).map((r) => [
    r.software,
    r.saddr,
    r.sport,
    r.softwareName,
    r.versionMajor,
    r.versionMinor,
  ]);
  assert.deepEqual(rows, [
    ['HTTP::BROWSER', '10.0.0.1', 0, 'curl', '7', '68'],
    ['HTTP::SERVER', '10.0.0.2', 8080, 'nginx', '1', '18'],
    ['HTTP::BROWSER', '10.0.0.1', 0, 'curl', '8', '1'],
  ]);
  assert.ok(software(records)[0]!.httpBrowser);
});
