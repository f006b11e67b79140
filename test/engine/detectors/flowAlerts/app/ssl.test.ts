import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CnUrlMismatch,
  IncompatibleCn,
  PastebinDownload,
  SelfSignedCertificate,
} from '../../../../../engine/detectors/flowAlerts/app';
import type { FlowRecord } from '../../../../../engine/flow';
import { conn, dns } from '../../../../helpers/records';
import { runRecords } from './harness';
import { ssl } from './records';

const T0 = 1_632_302_615;

test('self-signed certificate: two linked evidence, client and server, low 0.5', async () => {
  const cases: [string, string, string, number][] = [
    ['self signed leaf', 'self signed certificate', 'self.example', 2],
    ['self signed in the chain', 'self signed certificate in certificate chain', '', 2],
    ['valid', 'ok', 'x.example', 0],
    ['not yet valid', 'certificate is not yet valid', 'x.example', 0],
    ['no validation', '', '', 0],
  ];
  for (const [name, validationStatus, serverName, expected] of cases) {
    const { evidence } = await runRecords(
      [new SelfSignedCertificate()],
      [ssl({ ts: T0, validationStatus, serverName })],
    );
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords(
    [new SelfSignedCertificate()],
    [ssl({ ts: T0, validationStatus: 'self signed certificate', serverName: 'self.example', uid: 'Cself' })],
  );
  const [bySrc, byDst] = evidence;
  assert.equal(
    bySrc!.description,
    'Self-signed certificate. Destination IP: 52.0.131.132. SNI: self.example.',
  );
  assert.deepEqual([bySrc!.attacker.direction, bySrc!.attacker.value], ['SRC', '10.0.0.1']);
  assert.deepEqual([byDst!.attacker.direction, byDst!.attacker.value], ['DST', '52.0.131.132']);
  for (const e of evidence) {
    assert.equal(e.evidenceType, 'SELF_SIGNED_CERTIFICATE');
    assert.equal(e.threatLevel, 'low');
    assert.equal(e.confidence, 0.5);
    assert.deepEqual(e.uids, ['Cself']);
    assert.equal(e.profile, 'profile_10.0.0.1');
    assert.equal(e.timestamp, T0);
    assert.equal(e.dstPort, 443);
  }
  assert.deepEqual(bySrc!.relIds, [byDst!.id]);
  assert.deepEqual(byDst!.relIds, [bySrc!.id]);
});

test('incompatible CN: a certificate naming a known org for an IP and SNI of someone else', async () => {
  const google = (sni: string, subject = 'CN=www.google.com', daddr = '52.0.131.132') =>
    ssl({ ts: T0 + 1, serverName: sni, subject, daddr });
  const cases: [string, FlowRecord[], string | undefined][] = [
    ['google cert for netflix', [google('netflix.com')], 'Google'],
    ['google cert, google SNI', [google('www.google.com')], undefined],
    ['google cert, googlevideo SNI', [google('r3---sn.googlevideo.com')], undefined],
    [
      'google cert, IP resolved from a google name',
      [
        dns({ ts: T0, saddr: '10.0.0.1', query: 'www.google.com', answers: ['52.0.131.132'] }),
        google('netflix.com'),
      ],
      undefined,
    ],
    ['google cert, no SNI', [google('')], 'Google'],
    [
      'microsoft in the organisation',
      [google('x.example', 'CN=x.example,O=Microsoft Corporation')],
      'Microsoft',
    ],
    ['no known org', [google('netflix.com', 'CN=*.netflix.com,O=Netflix Inc')], undefined],
    ['no subject', [google('netflix.com', '')], undefined],
    // Upstream keeps the last org named and is silent once one of the named orgs fits.
    ['two orgs, the second fits', [google('www.apple.com', 'CN=x,OU=google,O=apple')], undefined],
    ['two orgs, none fits', [google('netflix.com', 'CN=x,OU=google,O=apple')], 'Apple'],
  ];
  for (const [name, recs, org] of cases) {
    const { evidence } = await runRecords([new IncompatibleCn()], recs);
    assert.equal(evidence.length, org ? 1 : 0, name);
    if (org) assert.match(evidence[0]!.description, new RegExp(`claiming to belong to ${org}\\.$`), name);
  }
  const { evidence } = await runRecords([new IncompatibleCn()], [google('netflix.com')]);
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'Incompatible certificate CN to IP: 52.0.131.132 domain: netflix.com. The certificate is claiming to belong to Google.',
  );
  assert.equal(e.evidenceType, 'INCOMPATIBLE_CN');
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.9);
  assert.deepEqual([e.attacker.direction, e.attacker.value], ['SRC', '10.0.0.1']);
  assert.deepEqual([e.victim?.direction, e.victim?.value], ['DST', '52.0.131.132']);
});

test('CN/URL mismatch: only when CN and SNI belong to known, different organisations', async () => {
  const rec = (subject: string, serverName: string) => ssl({ ts: T0, subject, serverName, uid: 'Cmis' });
  const cases: [string, string, string, number][] = [
    ['google cert for a microsoft name', 'CN=*.google.com,O=Google LLC', 'www.microsoft.com', 2],
    ['wildcard match', 'CN=*.google.com', 'mail.google.com', 0],
    ['same registrable domain', 'CN=google.com', 'www.google.com', 0],
    ['same org, other domains', 'CN=*.google.com', 'www.youtube.nl', 0],
    ['SNI of an unknown org (upstream needs whois)', 'CN=*.google.com', 'netflix.com', 0],
    ['no CN', 'O=Google LLC', 'www.microsoft.com', 0],
    ['no SNI', 'CN=*.google.com', '', 0],
  ];
  for (const [name, subject, sni, expected] of cases) {
    const { evidence } = await runRecords([new CnUrlMismatch()], [rec(subject, sni)]);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords(
    [new CnUrlMismatch()],
    [rec('CN=*.google.com,O=Google LLC', 'www.microsoft.com')],
  );
  const [bySrc, byDomain] = evidence;
  const description =
    "a CN mismatch. The common name (CN) '*.google.com' in the SSL certificate for the domain 'www.microsoft.com' does not match the server's domain.";
  assert.equal(bySrc!.description, description);
  assert.deepEqual(
    [bySrc!.attacker.direction, bySrc!.attacker.value, bySrc!.threatLevel],
    ['SRC', '10.0.0.1', 'low'],
  );
  assert.deepEqual(
    [
      byDomain!.attacker.direction,
      byDomain!.attacker.iocType,
      byDomain!.attacker.value,
      byDomain!.threatLevel,
    ],
    ['DST', 'DOMAIN', 'www.microsoft.com', 'medium'],
  );
  assert.equal(bySrc!.confidence, 0.8);
  assert.deepEqual(bySrc!.relIds, [byDomain!.id]);
});

test('pastebin download: SNI pastebin and ≥ 700 bytes back on the same uid, whichever log comes first', async () => {
  const tls = (ts: number) => ssl({ ts, uid: 'Cpaste', serverName: 'pastebin.com', daddr: '104.20.67.143' });
  const c = (ts: number, dbytes: number, uid = 'Cpaste') =>
    conn({
      ts,
      uid,
      saddr: '10.0.0.1',
      daddr: '104.20.67.143',
      dport: 443,
      state: 'SF',
      dbytes,
      appproto: 'ssl',
    });
  const later = (ts: number) => conn({ ts, saddr: '10.0.0.9', daddr: '1.1.1.1' });
  const cases: [string, FlowRecord[], number][] = [
    ['conn first', [c(T0, 5000), tls(T0 + 0.2)], 1],
    ['conn after, within 40 s', [tls(T0), later(T0 + 10), c(T0 + 30, 5000)], 1],
    ['conn after the 40 s wait', [tls(T0), later(T0 + 41), c(T0 + 42, 5000)], 0],
    ['exactly the threshold', [c(T0, 700), tls(T0 + 0.2)], 1],
    ['below the threshold', [c(T0, 699), tls(T0 + 0.2)], 0],
    ['no conn at all', [tls(T0)], 0],
    ['another uid', [c(T0, 5000, 'Cother'), tls(T0 + 0.2)], 0],
    ['not pastebin', [c(T0, 5000), ssl({ ts: T0 + 0.2, uid: 'Cpaste', serverName: 'example.com' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new PastebinDownload()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new PastebinDownload()], [tls(T0), c(T0 + 1, 1048576)]);
  const e = evidence[0]!;
  assert.equal(e.description, 'A downloaded file from pastebin.com. size: 1.048576 MBs');
  assert.equal(e.evidenceType, 'PASTEBIN_DOWNLOAD');
  assert.deepEqual([e.threatLevel, e.confidence], ['info', 1]);
  assert.equal(e.timestamp, T0);
  assert.deepEqual(e.uids, ['Cpaste']);
  assert.equal(e.facts.downloadedBytes, 1048576);
});
