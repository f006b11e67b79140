// IDEA0 alerts.json (slips-behaviour.md 5.3), checked against the field list of 5.3 and against the real
// Slips 1.0.6 alerts.json shipped with the test data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVIDENCE_TYPES } from '../../../engine/evidence/evidenceTypes';
import { AlertsJsonSink } from '../../../engine/output/alertsJson';
import { IDEA_CATEGORIES, IDEA_CLASS, ideaAlert, ideaClass, ideaEvent } from '../../../engine/output/idea0';
import { alert, evidence, FIXED_NOW, fixedClock } from './fixtures';

const SLIPS_106 = `${__dirname}/../../../../shared/data/zeek-baselines/stratosphere-test7/slips-1.0.6-alerts.json`;
const NOW = '2024-05-06T07:08:09.123000+00:00';

/** Lines of the real Slips 1.0.6 alerts.json whose description starts with `prefix`. */
function slips106(prefix: string): Record<string, unknown> {
  for (const line of readFileSync(SLIPS_106, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as { Attach?: Array<{ Content?: string }> };
    if (m.Attach?.[0]?.Content?.startsWith(prefix)) return m as Record<string, unknown>;
  }
  throw new Error(`no line starting with ${prefix}`);
}

test('every evidence type maps to one of the IDEA categories of 5.3', () => {
  for (const t of EVIDENCE_TYPES) {
    assert.ok(Object.hasOwn(IDEA_CLASS, t), t);
    assert.ok((IDEA_CATEGORIES as readonly string[]).includes(ideaClass(t).category), t);
  }
  assert.deepEqual(ideaClass('SOMETHING_NEW'), { category: 'Anomaly.Traffic' });
  assert.deepEqual([...IDEA_CATEGORIES].sort(), [
    'Anomaly.Behaviour',
    'Anomaly.Connection',
    'Anomaly.Traffic',
    'Attempt.Login',
    'Information',
    'Intrusion.Botnet',
    'Malware',
    'Recon',
    'Recon.Scanning',
  ]);
  // As upstream's set_evidence calls classified them (Slips 1.0.6 output for the first four).
  const cases: Array<[string, string]> = [
    ['HORIZONTAL_PORT_SCAN', 'Recon.Scanning'],
    ['CONNECTION_WITHOUT_DNS', 'Anomaly.Connection'],
    ['CONNECTION_TO_PRIVATE_IP', 'Recon'],
    ['DIFFERENT_LOCALNET', 'Anomaly.Traffic'],
    ['SSH_SUCCESSFUL', 'Information'],
    ['PASSWORD_GUESSING', 'Attempt.Login'],
    ['COMMAND_AND_CONTROL_CHANNEL', 'Intrusion.Botnet'],
    ['DATA_UPLOAD', 'Malware'],
    ['SELF_SIGNED_CERTIFICATE', 'Anomaly.Behaviour'],
  ];
  for (const [t, c] of cases) assert.equal(ideaClass(t).category, c, t);
});

test('a scan without a victim: the layout of Slips 1.0.6 (Type, Port, Proto on the Source; ConnCount)', () => {
  const real = slips106('horizontal port scan to port  23/TCP');
  const m = ideaEvent(
    evidence({
      evidenceType: 'HORIZONTAL_PORT_SCAN',
      attacker: { direction: 'SRC', iocType: 'IP', value: '192.168.2.16' },
      victim: undefined,
      profile: 'profile_192.168.2.16',
      confidence: 1,
      dstPort: 23,
      srcPort: undefined,
      proto: 'tcp',
      description: 'horizontal port scan to port  23/TCP.',
      uids: ['CAFyS03RyRsNpmeRP4'],
      facts: { dstIps: 5, packetsSent: 25 },
    }),
    FIXED_NOW,
  );
  assert.deepEqual(Object.keys(m), Object.keys(real));
  assert.deepEqual(Object.keys(m), [
    'Format',
    'ID',
    'DetectTime',
    'EventTime',
    'Category',
    'Confidence',
    'Source',
    'Attach',
    'ConnCount',
    'uids',
  ]);
  assert.equal(m.Format, 'IDEA0');
  assert.equal(m.ID, '11111111-2222-4333-8444-555555555555');
  assert.equal(m.DetectTime, NOW);
  assert.equal(m.EventTime, NOW);
  assert.deepEqual(m.Category, real.Category);
  assert.equal(m.Confidence, real.Confidence);
  assert.deepEqual(m.Source, real.Source);
  assert.deepEqual(m.Attach, [
    { Content: 'horizontal port scan to port  23/TCP.', ContentType: 'text/plain' },
  ]);
  assert.equal(m.ConnCount, real.ConnCount);
  assert.deepEqual(m.uids, ['CAFyS03RyRsNpmeRP4']);
});

test('an attacker on the destination side is the Target, with its tag (Slips 1.0.6 connection without DNS)', () => {
  const real = slips106('a connection without DNS resolution to IP: 45.192.77.193');
  const m = ideaEvent(
    evidence({
      evidenceType: 'CONNECTION_WITHOUT_DNS',
      attacker: { direction: 'DST', iocType: 'IP', value: '45.192.77.193' },
      victim: undefined,
      profile: 'profile_192.168.2.16',
      dstPort: undefined,
      proto: '',
      confidence: 0.8,
    }),
    FIXED_NOW,
  );
  assert.deepEqual(Object.keys(m), Object.keys(real));
  assert.deepEqual(m.Category, real.Category);
  assert.deepEqual(m.Source, real.Source);
  assert.deepEqual(m.Target, real.Target);
  assert.equal('ConnCount' in m, false);
});

test('victim as Target with its SNI as Hostname; port and protocol on the Target; IPv6; ICMP has no Port', () => {
  const m = ideaEvent(
    evidence({
      evidenceType: 'UNKNOWN_PORT',
      victim: { direction: 'DST', iocType: 'IP', value: '2001:db8::1', sni: 'www.example.com' },
      dstPort: 8443,
    }),
    FIXED_NOW,
  );
  assert.deepEqual(m.Source, [{ IP4: ['10.0.0.5'] }]);
  assert.deepEqual(m.Target, [
    { IP6: ['2001:db8::1'], Hostname: ['www.example.com'], Port: [8443], Proto: ['tcp'] },
  ]);
  const icmp = ideaEvent(
    evidence({ evidenceType: 'ICMP_ADDRESS_SCAN', victim: undefined, proto: 'icmp', dstPort: 8 }),
    FIXED_NOW,
  );
  assert.deepEqual(icmp.Source, [{ IP4: ['10.0.0.5'], Type: ['Recon'], Proto: ['icmp'] }]);
  const domain = ideaEvent(
    evidence({
      evidenceType: 'THREAT_INTELLIGENCE_BLACKLISTED_DOMAIN',
      attacker: { direction: 'DST', iocType: 'DOMAIN', value: 'evil.example' },
      victim: { direction: 'SRC', iocType: 'IP', value: '10.0.0.5' },
      dstPort: 53,
      proto: 'udp',
    }),
    FIXED_NOW,
  );
  assert.deepEqual(domain.Source, [{ IP4: ['10.0.0.5'] }]);
  assert.deepEqual(domain.Target, [
    { Hostname: ['evil.example'], Type: ['BlacklistedDomain'], Port: [53], Proto: ['udp'] },
  ]);
});

test('C&C: both ends are sources, the client tagged Botnet, the server CC with its port', () => {
  const m = ideaEvent(
    evidence({
      evidenceType: 'COMMAND_AND_CONTROL_CHANNEL',
      victim: { direction: 'DST', iocType: 'IP', value: '41.108.179.197' },
      dstPort: 1177,
    }),
    FIXED_NOW,
  );
  assert.deepEqual(m.Category, ['Intrusion.Botnet']);
  assert.deepEqual(m.Source, [
    { IP4: ['10.0.0.5'], Type: ['Botnet'] },
    { IP4: ['41.108.179.197'], Type: ['CC'], Port: [1177], Proto: ['tcp'] },
  ]);
  assert.equal('Target' in m, false);
});

test('malicious downloaded file: the hash and size as a Malware attachment; counts from facts', () => {
  const m = ideaEvent(
    evidence({
      evidenceType: 'MALICIOUS_DOWNLOADED_FILE',
      attacker: { direction: 'SRC', iocType: 'MD5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
      victim: { direction: 'DST', iocType: 'IP', value: '1.2.3.4' },
      facts: { size: 1024 },
    }),
    FIXED_NOW,
  );
  assert.deepEqual(m.Source, [{ IP4: ['10.0.0.5'] }]);
  assert.deepEqual(m.Attach, [
    { Type: ['Malware'], Hash: ['md5:d41d8cd98f00b204e9800998ecf8427e'], Size: 1024 },
  ]);
  assert.equal(
    ideaEvent(evidence({ evidenceType: 'DGA_NXDOMAINS', facts: { connCount: 120 } }), FIXED_NOW).ConnCount,
    120,
  );
  // Packets sent only count for scans.
  assert.equal(
    'ConnCount' in
      ideaEvent(evidence({ evidenceType: 'LONG_CONNECTION', facts: { packetsSent: 9 } }), FIXED_NOW),
    false,
  );
});

test('an alert: the last evidence re-labelled, as Slips 1.0.6 wrote it', () => {
  const real = slips106('2018-03-09T22:58:08.781905+02:00: Src IP 192.168.2.16');
  const m = ideaAlert(
    alert({
      lastEvidence: evidence({
        evidenceType: 'HORIZONTAL_PORT_SCAN',
        victim: undefined,
        srcPort: undefined,
        dstPort: 2323,
        facts: { packetsSent: 94 },
      }),
    }),
    FIXED_NOW,
  );
  assert.deepEqual(Object.keys(m), Object.keys(real));
  assert.equal(m.Format, 'Json');
  assert.equal(m.Category, 'Alert');
  assert.equal(m.ID, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  assert.deepEqual(m.Source, [{ IP4: ['10.0.0.5'], Type: ['Recon'], Port: [2323], Proto: ['tcp'] }]);
  assert.deepEqual(m.uids, []);
  assert.match(
    (m.Attach as Array<{ Content: string }>)[0]!.Content,
    /^2020-12-18T14:00:05\.123456\+00:00: Src IP 10\.0\.0\.5 +\. Generated an alert given enough evidence on timewindow 1\. \(real time 2024-05-06T07:08:09\.123000\+00:00\)$/,
  );
});

test('AlertsJsonSink in idea0: one IDEA0 line per evidence, one Json line per alert, byte-stable', async () => {
  const write = async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'idea0-')), 'alerts.json');
    const sink = new AlertsJsonSink(path, fixedClock, undefined, 'idea0');
    sink.evidence(evidence({ id: 'e1' }));
    sink.evidence(evidence({ id: 'e2', evidenceType: 'LONG_CONNECTION' }));
    sink.alert(alert({ correlIds: ['e1', 'e2'] }));
    await sink.close();
    return readFileSync(path, 'utf8');
  };
  const text = await write();
  assert.equal(text, await write());
  const lines = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.Format, l.ID, l.Category]),
    [
      ['IDEA0', 'e1', ['Anomaly.Traffic']],
      ['IDEA0', 'e2', ['Anomaly.Connection']],
      ['Json', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', 'Alert'],
    ],
  );
  assert.ok(lines.every((l) => l.DetectTime === NOW && l.EventTime === NOW));
});
