// The application-layer flow_alerts detections on the real logs of ../shared/data (see its README for
// the ground truth), run through the real Engine with the default configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import { createAppFlowAlerts } from '../../../../../engine/detectors/flowAlerts/app';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineFolder, countByType, DATA, descriptions, runFile, subsetFolder } from './harness';

const detectors = () => createAppFlowAlerts(DEFAULT_CONFIG);

test('test14: bad SMTP logins and the SMTP brute force to 80.75.42.226', async () => {
  const { evidence, rejected } = await runFile('zeek/slips/test14-malicious-zeek-dir', detectors());
  assert.equal(rejected, 0);
  assert.deepEqual(countByType(evidence), { BAD_SMTP_LOGIN: 4, SMTP_LOGIN_BRUTEFORCE: 1 });
  const texts = descriptions(evidence);
  assert.ok(texts.some((d) => d.includes('bad SMTP login to 80.75.42.226')));
  assert.ok(texts.some((d) => d.includes('SMTP login bruteforce to 80.75.42.226. 3 logins in 10 seconds')));
  for (const e of evidence) assert.equal(e.attacker.value, '10.1.11.101');
});

test('test15: a Google certificate for netflix.com, and an SSH client going from OpenSSH 8.1 to 9.1', async () => {
  const { evidence, rejected } = await runFile('zeek/slips/test15-malicious-zeek-dir', detectors());
  assert.equal(rejected, 0);
  assert.deepEqual(countByType(evidence), { INCOMPATIBLE_CN: 1, MULTIPLE_SSH_VERSIONS: 1 });
  assert.ok(
    descriptions(evidence, 'INCOMPATIBLE_CN')[0]!.includes(
      'Incompatible certificate CN to IP: 52.0.131.132 domain: netflix.com. The certificate is claiming to belong to Google',
    ),
  );
  const [versions] = evidence.filter((e) => e.evidenceType === 'MULTIPLE_SSH_VERSIONS');
  assert.equal(versions!.description, 'SSH client version changing from 8_1 to 9_1');
  assert.equal(versions!.attacker.value, '192.168.1.247');
  assert.equal(versions!.profile, 'profile_192.168.1.247');
});

test('test10 (folder): high-entropy TXT answers of an mDNS printer announcement', async () => {
  const { evidence } = await runFile('zeek/slips/test10-mixed-zeek-dir', detectors());
  const high = evidence.filter((e) => e.evidenceType === 'HIGH_ENTROPY_DNS_ANSWER');
  // 5 answers from 147.32.83.181, each reported for the server and for the client.
  assert.equal(high.length, 10);
  assert.ok(high.every((e) => e.description.includes('DNS TXT answer with high entropy')));
  assert.deepEqual(
    [...new Set(high.filter((e) => e.attacker.direction === 'SRC').map((e) => e.attacker.value))],
    ['147.32.83.181'],
  );
});

test('zeek-v8.0.0/ssh-basic: logins by Zeek auth_success and by transferred bytes', async () => {
  const base = `${DATA}/zeek-baselines/zeek-v8.0.0/ssh-basic`;
  const dir = baselineFolder([`${base}/ssh.log`, `${base}/conn.log`]);
  const { evidence, rejected } = await runFile(dir, detectors());
  assert.equal(rejected, 0);
  const ssh = evidence.filter((e) => e.evidenceType === 'SSH_SUCCESSFUL');
  // 10 records with auth_success T; 3 more (unset or F) whose conn moved more than 4290 bytes.
  assert.equal(ssh.length, 13);
  assert.equal(ssh.filter((e) => e.description.includes('Detection model Zeek.')).length, 10);
  assert.deepEqual(
    ssh.filter((e) => e.description.includes('Detection model Slips.')).map((e) => e.uids[0]),
    ['CHhAvVGS1DHFjwGM9', 'C7fIlMZDuRiqjpYbb', 'CLNN1k2QMum1aexUK7'],
  );
  const from192_168_2_1 = ssh.filter((e) =>
    /^SSH successful to IP 192\.168\.2\.158\. From IP 192\.168\.2\.1\./.test(e.description),
  );
  assert.equal(from192_168_2_1.length, 3);
  assert.ok(
    ssh.some(
      (e) =>
        e.description ===
        'SSH successful to IP 131.103.20.168. From IP 192.168.1.32. Sent bytes: 539578. Detection model Zeek. Confidence 0.8',
    ),
  );
});

test('stratosphere-test7: the two SSH sessions of the Slips 1.0.6 ground truth, with an ssh.log made for them', async () => {
  // The capture's logs are conn logs only; ssh.log lists the two SSH sessions of its conn log by uid,
  // without auth_success (as Zeek writes it when it cannot tell), so the byte count decides.
  const dir = subsetFolder(`${DATA}/zeek-baselines/stratosphere-test7`, ['conn.default-params.log.labeled']);
  renameSync(join(dir, 'conn.default-params.log.labeled'), join(dir, 'conn.log'));
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'version', 'auth_success'];
  const rows = [
    ['1520628795.483214', 'C1Yvbv201BUVwbbw5', '192.168.2.1', '51371', '192.168.2.16', '22', '2', '-'],
    ['1520628912.266919', 'CIdR6l3M9bnJfCJBw5', '192.168.2.1', '51529', '192.168.2.16', '22', '2', '-'],
  ];
  writeFileSync(
    join(dir, 'ssh.log'),
    [
      '#separator \\x09',
      '#path\tssh',
      `#fields\t${fields.join('\t')}`,
      ...rows.map((r) => r.join('\t')),
      '',
    ].join('\n'),
  );
  const { evidence, rejected } = await runFile(dir, detectors());
  assert.equal(rejected, 0);
  assert.deepEqual(descriptions(evidence, 'SSH_SUCCESSFUL'), [
    'SSH successful to IP 192.168.2.16. From IP 192.168.2.1. Sent bytes: 29203. Detection model Slips. Confidence 0.8',
    'SSH successful to IP 192.168.2.16. From IP 192.168.2.1. Sent bytes: 84863. Detection model Slips. Confidence 0.8',
  ]);
});

test('security-datasets 006: nine successful logins on SSH port 902 over IPv6, all by Zeek', async () => {
  const { evidence, rejected } = await runFile(
    'zeek/security-datasets-for-testing/006-zeek-scenario-ssh',
    detectors(),
  );
  assert.equal(rejected, 0);
  const ssh = evidence.filter((e) => e.evidenceType === 'SSH_SUCCESSFUL');
  assert.equal(ssh.length, 9);
  assert.ok(ssh.every((e) => e.description.includes('Detection model Zeek.') && e.dstPort === 902));
  // The failed login (3764 bytes) is below the threshold.
  assert.ok(!ssh.some((e) => e.uids.includes('CMK66u4MdJVidwAYF3')));
});

test('security-datasets 005 (Simda): DGA NXDOMAIN bursts', async () => {
  const { evidence, records } = await runFile(
    'zeek/security-datasets-for-testing/005-zeek-scenario-malicious',
    detectors(),
  );
  const dnsRecords = records.filter((r) => r.kind === 'dns');
  const nx = dnsRecords.filter((r) => r.kind === 'dns' && r.rcodeName === 'NXDOMAIN');
  assert.deepEqual([dnsRecords.length, nx.length], [992, 129]);
  const dga = evidence.filter((e) => e.evidenceType === 'DGA_NXDOMAINS');
  // 113 different failed names from the IPv6 address, 16 from the IPv4 one: one evidence per 10.
  assert.deepEqual(countByType(dga), { DGA_NXDOMAINS: 12 });
  assert.equal(dga.filter((e) => e.attacker.value === 'fd77:48a1:c0bb:0:b96c:506d:6c7f:e8be').length, 11);
  assert.equal(dga.filter((e) => e.attacker.value === '192.168.1.116').length, 1);
  assert.ok(
    dga.every(
      (e) => e.description.endsWith('failed to resolve 10 different domains') && e.threatLevel === 'high',
    ),
  );
});

test('labelled captures (test18, 008): no application-layer flow_alerts evidence', async () => {
  const test18 = await runFile('zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled', detectors());
  assert.equal(test18.rejected, 0);
  assert.deepEqual(countByType(test18.evidence), {});
  const mixed = await runFile('zeek/security-datasets-for-testing/008-zeek-mixed/data', detectors());
  assert.equal(mixed.rejected, 0);
  assert.deepEqual(countByType(mixed.evidence), {});
});
