// Named fields of concrete lines of real logs (TSV and JSON) hold the values written in the files,
// mapped as slips-behaviour.md 2.2 says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ArpRecord,
  ConnRecord,
  DhcpRecord,
  DnsRecord,
  FilesRecord,
  FlowRecord,
  FtpRecord,
  HttpRecord,
  NoticeRecord,
  SmtpRecord,
  SoftwareRecord,
  SshRecord,
  SslRecord,
  TunnelRecord,
  WeirdRecord,
  X509Record,
} from '../../../../engine/flow';
import { syntheticUid } from '../../../../engine/inputs/uid';
import { DATA, readLog, withRealTimestamps } from './zeekTestKit';

async function at<R extends FlowRecord>(file: string, line: number): Promise<R> {
  const { recs } = await readLog(file.startsWith('/') ? file : `${DATA}/${file}`);
  const r = recs.find((x) => x.origin.line === line);
  assert.ok(r, `no record from line ${line} of ${file}`);
  return r as R;
}

/** Only the fields named in `want`, so a case lists what it is about. */
function pick(rec: FlowRecord, want: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(want).map((k) => [k, (rec as unknown as Record<string, unknown>)[k]]),
  );
}

test('TSV conn (test10, after the stray-tab header): every field', async () => {
  const path = `${DATA}/zeek/slips/test10-mixed-zeek-dir/conn.log`;
  const r = await at<ConnRecord>(path, 9);
  assert.deepEqual(r, {
    kind: 'conn',
    ts: 1601998366.785668,
    uid: 'CNgrt04tHika5Pgpfi',
    saddr: '2001:718:2:1663:dc58:6d9:ef13:51a5',
    sport: 54170,
    daddr: '2001:718:2:1611:0:1:0:90',
    dport: 53,
    proto: 'udp',
    label: undefined,
    detailedLabel: undefined,
    origin: { file: path, line: 9 },
    source: 'zeek',
    dur: 0.007707,
    appproto: 'dns',
    sbytes: 37,
    dbytes: 77,
    spkts: 1,
    dpkts: 1,
    state: 'SF',
    history: 'Dd',
    smac: '',
    dmac: '',
    dir: '->',
  });
});

test('JSON conn (test9): the non-HTTP flow to port 80 of the Slips test', async () => {
  const r = await at<ConnRecord>('zeek/slips/test9-mixed-zeek-dir/conn.log', 456);
  assert.deepEqual(
    pick(r, {
      uid: 0,
      ts: 0,
      saddr: 0,
      sport: 0,
      daddr: 0,
      dport: 0,
      proto: 0,
      appproto: 0,
      dur: 0,
      sbytes: 0,
      dbytes: 0,
      spkts: 0,
      dpkts: 0,
      state: 0,
      history: 0,
    }),
    {
      uid: 'CAwUdr34dVnyOwbUuj',
      ts: 252.726954,
      saddr: '10.0.2.15',
      sport: 49388,
      daddr: '194.132.197.198',
      dport: 80,
      proto: 'tcp',
      appproto: '',
      dur: 17.745244999999984,
      sbytes: 5,
      dbytes: 3,
      spkts: 4,
      dpkts: 3,
      state: 'SF',
      history: 'ShAFaf',
    },
  );
});

test('labelled TSV conn (test18): label and detailedlabel', async () => {
  const r = await at<ConnRecord>(
    'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled/conn.log.labeled',
    9,
  );
  assert.equal(r.label, 'Malicious');
  assert.equal(r.detailedLabel, 'From_malicious-To_malicious-Malware_data_exfiltration-RemcosRAT');
  assert.equal(r.state, 'REJ');
  assert.equal(r.appproto, '');
});

test('labelled TSV conn with (empty) detailedlabel (001): no detailed label', async () => {
  const r = await at<ConnRecord>(
    'zeek/security-datasets-for-testing/001-zeek-scenario-malicious/labeled-conn.log',
    9,
  );
  assert.equal(r.label, 'Background');
  assert.equal(r.detailedLabel, undefined);
});

test('JSON ssl (test15): the Trickbot JA3 and certificate fields', async () => {
  const r = await at<SslRecord>('zeek/slips/test15-malicious-zeek-dir/ssl.log', 4);
  assert.deepEqual(
    pick(r, {
      ja3: 0,
      ja3s: 0,
      daddr: 0,
      serverName: 0,
      subject: 0,
      issuer: 0,
      certChainFps: 0,
      clientCertChainFps: 0,
      established: 0,
      resumed: 0,
      validationStatus: 0,
      version: 0,
    }),
    {
      ja3: '6734f37431670b3ab4292b8f60f29984',
      ja3s: '',
      daddr: '22.33.22.33',
      serverName: 'netflix.com',
      subject: 'CN=whatever',
      issuer: 'CN=netflix IT SSL SHA2,OU=netflix IT,O=netflix Corporation,L=Redmond,ST=Washington,C=US',
      certChainFps: ['FGfeOO1SupRd8nH3a', 'FDqAH11L7j7Ha50flg'],
      clientCertChainFps: [],
      established: true,
      resumed: false,
      validationStatus: 'certificate is not yet valid',
      version: 'TLSv10',
    },
  );
});

test('JSON ssl (test9): the Tor JA3S', async () => {
  const r = await at<SslRecord>('zeek/slips/test9-mixed-zeek-dir/ssl.log', 21);
  assert.equal(r.ja3s, 'e7d705a3286e19ea42f587b344ee6865');
  assert.equal(r.daddr, '123.33.22.11');
});

test('JSON ssl with every field (RITA): ja3, ja3s and escaped commas in the subject', async () => {
  const r = await at<SslRecord>('zeek/json/rita-json_with_all_fields/ssl.log', 1);
  assert.equal(r.ja3, '10ee8d30a5d01c042afd7b2b205facc4');
  assert.equal(r.ja3s, 'b898351eb5e266aefd3723d466935494');
  assert.deepEqual(r.certChainFps, ['Fboy4loJvroOw6ol', 'F2dOiA4unEM6nUIaL4', 'F2wxVc3kxAHfhJoZD4']);
  assert.ok(
    r.subject.startsWith(
      'CN=*.liveperson.net,OU=Enterprise SSL Pro Wildcard,OU=Hosted by LivePerson\\\\, Inc.',
    ),
  );
});

test('TSV ssl of Zeek 8 (baseline): cert_chain_fps is read', async () => {
  const r = await at<SslRecord>(
    withRealTimestamps(`${DATA}/zeek-baselines/zeek-v8.0.0/ssl-basic/ssl.log`),
    10,
  );
  assert.equal(r.certChainFps.length > 0, true);
  assert.match(r.certChainFps[0]!, /^[0-9a-f]{64}$/);
});

test('TSV dns (test10): answers and TTLs as lists', async () => {
  const r = await at<DnsRecord>('zeek/slips/test10-mixed-zeek-dir/dns.log', 9);
  assert.deepEqual(
    pick(r, { query: 0, qclassName: 0, qtypeName: 0, rcodeName: 0, answers: 0, ttls: 0, proto: 0 }),
    {
      query: 'clients6.google.com',
      qclassName: 'C_INTERNET',
      qtypeName: 'AAAA',
      rcodeName: 'NOERROR',
      answers: ['clients.l.google.com', '2a00:1450:4014:80c::200e'],
      ttls: [15, 105],
      proto: 'udp',
    },
  );
});

test('JSON dns (RITA): a TXT answer and its TTL', async () => {
  const r = await at<DnsRecord>('zeek/json/rita-json_with_all_fields/dns.log', 1);
  assert.equal(r.qtypeName, 'TXT');
  assert.deepEqual(r.answers, ['TXT 18 302f017537c68f5169']);
  assert.deepEqual(r.ttls, [60]);
});

test('JSON dns without answers (test9): empty lists', async () => {
  const r = await at<DnsRecord>('zeek/slips/test9-mixed-zeek-dir/dns.log', 1);
  assert.equal(r.rcodeName, 'NXDOMAIN');
  assert.deepEqual(r.answers, []);
  assert.deepEqual(r.ttls, []);
});

test('TSV ssh (006): auth_success T and F', async () => {
  const { recs } = await readLog(`${DATA}/zeek/security-datasets-for-testing/006-zeek-scenario-ssh/ssh.log`);
  const ssh = recs as SshRecord[];
  assert.deepEqual(
    ssh.map((r) => r.authSuccess),
    [true, false, true, true, true, true, true, true, true, true],
  );
  assert.deepEqual(
    pick(ssh[0]!, { dport: 0, version: 0, authAttempts: 0, client: 0, server: 0, kexAlg: 0, hostKey: 0 }),
    {
      dport: 902,
      version: 2,
      authAttempts: 1,
      client: 'SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.8',
      server: 'SSH-2.0-OpenSSH_7.9p1 Raspbian-10+deb10u2',
      kexAlg: 'curve25519-sha256@libssh.org',
      hostKey: 'bc:b9:31:b0:ad:3c:de:a3:44:0a:f9:24:57:45:9e:42',
    },
  );
});

test('TSV ssh of Zeek 8 (baseline): unset auth_success is undefined', async () => {
  const { recs } = await readLog(withRealTimestamps(`${DATA}/zeek-baselines/zeek-v8.0.0/ssh-basic/ssh.log`));
  const ssh = recs as SshRecord[];
  assert.equal(ssh[0]!.authSuccess, undefined);
  assert.equal(ssh[1]!.authSuccess, true);
  assert.equal(ssh[0]!.hostKey, 'a7:26:62:3f:75:1f:33:8a:f3:32:90:8b:73:fd:2c:83');
  assert.equal(ssh[3]!.cipherAlg, '');
});

test('JSON ssh without auth_success (004): undefined', async () => {
  const r = await at<SshRecord>('zeek/security-datasets-for-testing/004-zeek-scenario-ssh/ssh.log', 1);
  assert.equal(r.authSuccess, undefined);
  assert.equal(r.client, 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5');
  assert.equal(r.server, '');
});

test('JSON dhcp (test13): client, server, MAC and requested address', async () => {
  const r = await at<DhcpRecord>('zeek/slips/test13-malicious-dhcpscan-zeek-dir/dhcp.log', 1);
  assert.deepEqual(
    pick(r, {
      uid: 0,
      uids: 0,
      saddr: 0,
      daddr: 0,
      clientAddr: 0,
      serverAddr: 0,
      smac: 0,
      requestedAddr: 0,
      hostName: 0,
    }),
    {
      uid: 'CNs2Ee4K9VuwjJ0Vil',
      uids: ['CNs2Ee4K9VuwjJ0Vil'],
      saddr: '192.168.1.30',
      daddr: '192.168.1.1',
      clientAddr: '192.168.1.30',
      serverAddr: '192.168.1.1',
      smac: '24:4b:fe:1c:48:a4',
      requestedAddr: '192.168.1.105',
      hostName: '',
    },
  );
  const { recs } = await readLog(`${DATA}/zeek/slips/test13-malicious-dhcpscan-zeek-dir/dhcp.log`);
  assert.deepEqual(
    (recs as DhcpRecord[]).map((x) => x.requestedAddr),
    Array.from({ length: 10 }, (_, i) => `192.168.1.${105 + i}`),
  );
});

test('labelled TSV dhcp (test18)', async () => {
  const r = await at<DhcpRecord>(
    'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled/dhcp.log.labeled',
    9,
  );
  assert.deepEqual(pick(r, { saddr: 0, daddr: 0, smac: 0, hostName: 0, uids: 0, label: 0 }), {
    saddr: '192.168.1.107',
    daddr: '192.168.1.1',
    smac: '08:00:27:5e:9a:a6',
    hostName: 'NWin3',
    uids: ['CMvTd02Pju86FLjSn1'],
    label: 'Benign',
  });
});

test('TSV notice without a connection (test10): the scanner stands in for both ends', async () => {
  const path = `${DATA}/zeek/slips/test10-mixed-zeek-dir/notice.log`;
  const r = await at<NoticeRecord>(path, 9);
  assert.deepEqual(
    pick(r, {
      note: 0,
      msg: 0,
      sub: 0,
      scanningIp: 0,
      dst: 0,
      scannedPort: 0,
      saddr: 0,
      daddr: 0,
      dport: 0,
      proto: 0,
      uid: 0,
    }),
    {
      note: 'Scan::Address_Scan',
      msg: '147.32.83.156 scanned at least 25 unique hosts on port 23/tcp in 1m14s',
      sub: 'remote',
      scanningIp: '147.32.83.156',
      dst: '',
      scannedPort: 23,
      saddr: '147.32.83.156',
      daddr: '147.32.83.156',
      dport: 23,
      proto: 'tcp',
      uid: syntheticUid(path, 9),
    },
  );
});

test('labelled TSV notice with a connection (008): its own addresses win', async () => {
  const r = await at<NoticeRecord>(
    'zeek/security-datasets-for-testing/008-zeek-mixed/data/notice.log.labeled',
    9,
  );
  assert.deepEqual(
    pick(r, {
      uid: 0,
      saddr: 0,
      sport: 0,
      daddr: 0,
      dport: 0,
      note: 0,
      scanningIp: 0,
      dst: 0,
      scannedPort: 0,
      label: 0,
    }),
    {
      uid: 'Cdfwi33KjHcaWNo1Dk',
      saddr: '167.94.145.57',
      sport: 43208,
      daddr: '147.32.81.167',
      dport: 8008,
      note: 'ProtocolDetector::Protocol_Found',
      scanningIp: '167.94.145.57',
      dst: '147.32.81.167',
      scannedPort: 8008,
      label: 'Malicious',
    },
  );
});

test('JSON notice (test9): ICMP address scan by src', async () => {
  const r = await at<NoticeRecord>('zeek/slips/test9-mixed-zeek-dir/notice.log', 1);
  assert.equal(r.note, 'ICMP::ICMPAddressScan');
  assert.equal(r.saddr, '192.168.1.15');
  assert.equal(r.daddr, '192.168.1.15');
  assert.equal(r.scannedPort, 0);
});

test('TSV files (test10): fuid as uid, first tx/rx hosts, hashes', async () => {
  const r = await at<FilesRecord>('zeek/slips/test10-mixed-zeek-dir/files.log', 9);
  assert.deepEqual(
    pick(r, {
      uid: 0,
      fuid: 0,
      saddr: 0,
      daddr: 0,
      connUids: 0,
      source: 0,
      analyzers: 0,
      mimeType: 0,
      md5: 0,
      sha1: 0,
      sha256: 0,
      size: 0,
    }),
    {
      uid: 'FRBu481kCfyF0aScA1',
      fuid: 'FRBu481kCfyF0aScA1',
      saddr: '3.232.121.231',
      daddr: '147.32.83.156',
      connUids: ['CYetmM3b29tLNkUk42'],
      source: 'SSL',
      analyzers: ['MD5', 'X509', 'SHA1', 'SHA256'],
      mimeType: 'application/x-x509-user-cert',
      md5: 'aeeb74a57c1f9df4cfc4536d26a38b8c',
      sha1: '0a6b201a7bff643cc5dd6631e5940e858ee07d25',
      sha256: 'fc85d5ae673d6d3befce84844d750aff3c8d3c9f041330017ed3c47b9c26c86e',
      size: 0,
    },
  );
});

test('JSON files (test9): total_bytes as size', async () => {
  const r = await at<FilesRecord>('zeek/slips/test9-mixed-zeek-dir/files.log', 1);
  assert.deepEqual(pick(r, { uid: 0, saddr: 0, daddr: 0, connUids: 0, size: 0, md5: 0, sha256: 0 }), {
    uid: 'FqhaAy4xsmJ3AR63A3',
    saddr: '147.32.80.7',
    daddr: '10.0.2.15',
    connUids: ['CAeDWs37BipkfP21u9'],
    size: 593,
    md5: 'df7c845e4eadd7bac6cbfe2087bbd482',
    sha256: '',
  });
});

test('TSV files of Zeek 8 (baseline): one connection instead of host sets', async () => {
  const r = await at<FilesRecord>(
    withRealTimestamps(`${DATA}/zeek-baselines/zeek-v8.0.0/smtp/files.log`),
    10,
  );
  assert.deepEqual(
    pick(r, { uid: 0, connUids: 0, saddr: 0, sport: 0, daddr: 0, dport: 0, source: 0, analyzers: 0 }),
    {
      uid: 'FmFp351N5nhsMmAfQg',
      connUids: ['CHhAvVGS1DHFjwGM9'],
      saddr: '10.10.1.4',
      sport: 1470,
      daddr: '74.53.140.153',
      dport: 25,
      source: 'SMTP',
      analyzers: [],
    },
  );
});

test("JSON arp (test16): Slips' arp.log", async () => {
  const path = `${DATA}/zeek/slips/test16-malicious-zeek-dir/arp.log`;
  const r = await at<ArpRecord>(path, 2);
  assert.deepEqual(
    pick(r, {
      uid: 0,
      proto: 0,
      operation: 0,
      saddr: 0,
      daddr: 0,
      srcHw: 0,
      dstHw: 0,
      smac: 0,
      dmac: 0,
      sport: 0,
      dport: 0,
    }),
    {
      uid: syntheticUid(path, 2),
      proto: 'arp',
      operation: 'reply',
      saddr: '192.168.1.15',
      daddr: '69.220.152.0',
      srcHw: '50:50:50:50:50:50',
      dstHw: 'ff:ff:ff:ff:ff:ff',
      smac: '50:5b:c2:db:c3:17',
      dmac: 'ff:ff:ff:ff:ff:ff',
      sport: 0,
      dport: 0,
    },
  );
});

test('JSON software (test15): SSH client versions and an HTTP server with its port', async () => {
  const { recs } = await readLog(`${DATA}/zeek/slips/test15-malicious-zeek-dir/software.log`);
  const sw = recs as SoftwareRecord[];
  assert.deepEqual(
    sw.map((r) => [
      r.saddr,
      r.sport,
      r.software,
      r.softwareName,
      r.versionMajor,
      r.versionMinor,
      r.unparsedVersion,
      r.httpBrowser,
    ]),
    [
      ['192.168.1.247', 0, 'SSH::CLIENT', 'OpenSSH', '8', '1', 'OpenSSH_8.1', false],
      ['192.168.1.247', 0, 'SSH::CLIENT', 'OpenSSH', '9', '1', 'OpenSSH_9.1', false],
      [
        '192.168.1.1',
        1900,
        'HTTP::SERVER',
        'Linux',
        '2',
        '6',
        'Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP devices/1.6.19',
        false,
      ],
    ],
  );
  assert.equal(new Set(sw.map((r) => r.uid)).size, 3);
});

test('TSV x509 (test10): id, subject, issuer, validity and SAN DNS names', async () => {
  const r = await at<X509Record>('zeek/slips/test10-mixed-zeek-dir/x509.log', 9);
  assert.deepEqual(
    pick(r, { certId: 0, subject: 0, issuer: 0, notValidBefore: 0, notValidAfter: 0, sanDns: 0, saddr: 0 }),
    {
      certId: 'FRBu481kCfyF0aScA1',
      subject: 'CN=virtual.rsecai.com',
      issuer: "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US",
      notValidBefore: 1599538205,
      notValidAfter: 1607317805,
      sanDns: ['virtual.secai.com'],
      saddr: '',
    },
  );
});

test('TSV x509 of Zeek 8 (baseline): fingerprint as the certificate id', async () => {
  const r = await at<X509Record>(
    withRealTimestamps(`${DATA}/zeek-baselines/zeek-v8.0.0/ssl-basic/x509.log`),
    10,
  );
  assert.equal(r.certId, 'a580247a25324adf4add5af648de4ac5798030dfd622f26a5f2280d7528ae244');
  assert.deepEqual(r.sanDns, ['*.gstatic.com', 'gstatic.com', '*.metric.gstatic.com']);
  assert.equal(r.notValidAfter, 1365639277);
});

test('JSON x509 (test9): dotted keys', async () => {
  const r = await at<X509Record>('zeek/slips/test9-mixed-zeek-dir/x509.log', 1);
  assert.equal(r.certId, 'FKMTO94tQEsBTFbPgc');
  assert.equal(r.subject, 'CN=www.bing.com');
  assert.equal(r.notValidBefore, 1500565628);
  assert.equal(r.sanDns[0], 'www.bing.com');
});

test('JSON smtp (test14): the failed login reply', async () => {
  const r = await at<SmtpRecord>('zeek/slips/test14-malicious-zeek-dir/smtp.log', 3);
  assert.equal(r.lastReply, '554 5.7.1 bad smtp-auth user');
  assert.equal(r.mailfrom, 'aon.913289727@aon.at');
  assert.equal(r.daddr, '80.75.42.226');
});

test('JSON tunnel (test14): GRE', async () => {
  const r = await at<TunnelRecord>('zeek/slips/test14-malicious-zeek-dir/tunnel.log', 1);
  assert.deepEqual(pick(r, { tunnelType: 0, action: 0, saddr: 0, daddr: 0 }), {
    tunnelType: 'Tunnel::GRE',
    action: 'Tunnel::DISCOVER',
    saddr: '10.0.2.15',
    daddr: '115.112.11.30',
  });
});

test('TSV ftp (baseline): data_channel.resp_p as the used port', async () => {
  const path = withRealTimestamps(`${DATA}/zeek-baselines/zeek-v8.0.0/ftp-ipv4/ftp.log`);
  const pasv = await at<FtpRecord>(path, 10);
  assert.deepEqual(pick(pasv, { user: 0, command: 0, replyCode: 0, replyMsg: 0, usedPort: 0 }), {
    user: 'anonymous',
    command: 'PASV',
    replyCode: 227,
    replyMsg: 'Entering Passive Mode (199,233,217,249,221,90)',
    usedPort: 56666,
  });
  assert.equal((await at<FtpRecord>(path, 12)).usedPort, 0);
});

test('JSON http (RITA): method, host, body lengths, mime types', async () => {
  const r = await at<HttpRecord>('zeek/json/rita-json_with_all_fields/http.log', 1);
  assert.deepEqual(
    pick(r, {
      method: 0,
      host: 0,
      version: 0,
      userAgent: 0,
      requestBodyLen: 0,
      responseBodyLen: 0,
      statusCode: 0,
      statusMsg: 0,
      respMimeTypes: 0,
      respFuids: 0,
    }),
    {
      method: 'GET',
      host: 'gm.mmstat.com',
      version: '1.1',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
      requestBodyLen: 0,
      responseBodyLen: 43,
      statusCode: 200,
      statusMsg: 'OK',
      respMimeTypes: ['image/gif'],
      respFuids: ['FcQXaP1ZtYELKO6py1'],
    },
  );
});

test('TSV weird (test10)', async () => {
  const r = await at<WeirdRecord>('zeek/slips/test10-mixed-zeek-dir/weird.log', 9);
  assert.equal(r.name, 'DNS_TXT_char_str_past_rdlen');
  assert.equal(r.addl, '');
  assert.equal(r.uid, 'CZjH5OaH2d8ox6JVl');
});
