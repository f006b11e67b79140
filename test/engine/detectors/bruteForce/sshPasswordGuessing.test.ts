import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type SlipsConfig } from '../../../../engine/config/config';
import { createBruteForceDetectors } from '../../../../engine/detectors/bruteForce';
import { bannerBonus, clientBanner } from '../../../../engine/detectors/bruteForce/sshBanner';
import type { FlowRecord } from '../../../../engine/flow';
import { notice } from '../networkDiscovery/records';
import { countByType, DATA, runFile, runRecords } from '../networkDiscovery/harness';
import { failures, software, ssh } from './records';

const T0 = 1_774_219_636;
const bf = (config: SlipsConfig = DEFAULT_CONFIG) => createBruteForceDetectors(config);

test('campaign: evidence at 9 attempts, then when int(log2(attempts − 8)) grows: 10, 12, 16, 24, 40', async () => {
  const { evidence } = await runRecords(bf(), failures(45, T0));
  assert.deepEqual(
    evidence.map((e) => e.facts.attempts),
    [9, 10, 12, 16, 24, 40],
  );
  assert.equal(
    evidence[0]!.description,
    'SSH brute force detector from 147.32.80.40 to 147.32.80.37 on ssh 22/tcp. Attempts observed: 9. Confidence: 0.5. by Slips',
  );
  const e = evidence[0]!;
  assert.equal(e.evidenceType, 'PASSWORD_GUESSING');
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.5);
  assert.equal(e.attacker.value, '147.32.80.40');
  assert.equal(e.victim?.value, '147.32.80.37');
  assert.equal(e.dstPort, 22);
  assert.equal(e.proto, 'tcp');
  assert.equal(e.timestamp, T0 + 8, 'the last attempt');
  assert.equal(e.uids.length, 9);
  assert.equal(e.module, 'brute_force_detector');
  // confidence grows with the attempts and is 1.0 from 30 on
  assert.deepEqual(
    evidence.map((x) => x.confidence),
    [0.5, 0.52, 0.56, 0.63, 0.79, 1],
  );
  assert.ok(evidence[5]!.description.endsWith('Attempts observed: 40. Confidence: 1.0. by Slips'));
});

test('attempts per session: failed counts auth_attempts, unknown without attempts counts 1, success counts 0', async () => {
  const cases: [string, FlowRecord[], number[]][] = [
    [
      '3 failed sessions of 3 attempts',
      [0, 1, 2].map((i) => ssh({ ts: T0 + i, authSuccess: false, authAttempts: 3 })),
      [9],
    ],
    ['9 unjudged sessions', Array.from({ length: 9 }, (_, i) => ssh({ ts: T0 + i })), [9]],
    [
      'unjudged with 5 attempts, twice',
      [ssh({ ts: T0, authAttempts: 5 }), ssh({ ts: T0 + 1, authAttempts: 5 })],
      [10],
    ],
    [
      'successes only',
      Array.from({ length: 20 }, (_, i) => ssh({ ts: T0 + i, authSuccess: true, authAttempts: 3 })),
      [],
    ],
    [
      '8 failures and a success',
      [...failures(8, T0), ssh({ ts: T0 + 9, authSuccess: true, authAttempts: 1 })],
      [],
    ],
    [
      'odd attempt counts',
      [
        ssh({ ts: T0, authAttempts: -4 }),
        ssh({ ts: T0 + 1, authAttempts: Number.NaN }),
        ssh({ ts: T0 + 2, authAttempts: 1e300 }),
      ],
      [1_000_002],
    ],
  ];
  for (const [name, recs, attempts] of cases) {
    const { evidence } = await runRecords(bf(), recs);
    assert.deepEqual(
      evidence.map((e) => e.facts.attempts),
      attempts,
      name,
    );
  }
});

test('campaigns are per source, destination, port and window; the threshold comes from the config', async () => {
  const recs = [
    ...failures(5, T0),
    ...failures(5, T0 + 10, { dport: 2222 }),
    ...failures(5, T0 + 20, { daddr: '147.32.80.38' }),
    ...failures(5, T0 + 30, { saddr: '147.32.80.41' }),
    ...failures(5, T0 + 4000),
  ];
  assert.equal((await runRecords(bf(), recs)).evidence.length, 0);
  const config = { ...DEFAULT_CONFIG, bruteForce: { sshAttemptThreshold: 5 } };
  const five = await runRecords(bf(config), recs, config);
  assert.deepEqual(
    five.evidence.map((e) => `${e.attacker.value}>${e.victim?.value}:${e.dstPort} tw${e.timewindow.number}`),
    [
      '147.32.80.40>147.32.80.37:22 tw1',
      '147.32.80.40>147.32.80.37:2222 tw1',
      '147.32.80.40>147.32.80.38:22 tw1',
      '147.32.80.41>147.32.80.37:22 tw1',
      '147.32.80.40>147.32.80.37:22 tw2',
    ],
  );
  assert.ok(five.evidence[1]!.description.includes('to 147.32.80.37 on 2222/tcp. Attempts observed: 5.'));
  const bad = { ...DEFAULT_CONFIG, bruteForce: { sshAttemptThreshold: Number.NaN } };
  assert.equal((await runRecords(bf(bad), failures(9, T0), bad)).evidence.length, 1, 'falls back to 9');
});

test('client banner: from software.log (+0.03) before ssh.log, automation tools +0.07, common clients +0.02', async () => {
  const cases: [string, FlowRecord[], string, number][] = [
    [
      'ssh.log OpenSSH banner',
      failures(9, T0, { client: 'SSH-2.0-OpenSSH_8.9p1' }),
      ' Client banner: SSH-2.0-OpenSSH_8.9p1 from ssh.log.',
      0.52,
    ],
    [
      'ssh.log libssh banner',
      failures(9, T0, { client: 'SSH-2.0-libssh_0.9.6' }),
      ' Client banner: SSH-2.0-libssh_0.9.6 from ssh.log.',
      0.57,
    ],
    [
      'software.log OpenSSH',
      [software({ ts: T0 - 1 }), ...failures(9, T0, { client: 'SSH-2.0-x' })],
      ' Client banner: OpenSSH OpenSSH_8.9p1 from software.log.',
      0.55,
    ],
    [
      'software.log hydra',
      [software({ ts: T0 - 1, softwareName: 'hydra', unparsedVersion: 'hydra' }), ...failures(9, T0)],
      ' Client banner: hydra from software.log.',
      0.6,
    ],
    [
      'unknown banner',
      failures(9, T0, { client: 'SSH-2.0-Go' }),
      ' Client banner: SSH-2.0-Go from ssh.log.',
      0.5,
    ],
    [
      'server software is not a client banner',
      [software({ ts: T0 - 1, software: 'SSH::SERVER' }), ...failures(9, T0)],
      '',
      0.5,
    ],
  ];
  for (const [name, recs, text, confidence] of cases) {
    const { evidence } = await runRecords(bf(), recs);
    const e = evidence[0]!;
    assert.equal(e.confidence, confidence, name);
    if (text)
      assert.ok(
        e.description.includes(`Attempts observed: 9.${text} Confidence: ${confidence}. by Slips`),
        `${name}: ${e.description}`,
      );
    else assert.ok(!e.description.includes('Client banner'), name);
  }
  assert.equal(bannerBonus('SSH-2.0-paramiko_2.1 (OpenSSH compatible)', 'software.log'), 0.1);
  assert.equal(bannerBonus('', 'software.log'), 0);
  assert.equal(clientBanner('OpenSSH', 'OpenSSH'), 'OpenSSH');
  assert.equal(clientBanner('', 'PuTTY_Release_0.76'), 'PuTTY_Release_0.76');
});

test('Zeek SSH::Password_Guessing: one evidence per source and window at confidence 1, and it confirms campaigns', async () => {
  const msg = '147.32.80.40 appears to be guessing SSH passwords (seen in 30 connections).';
  const n = (ts: number) =>
    notice({
      ts,
      note: 'SSH::Password_Guessing',
      msg,
      saddr: '147.32.80.40',
      daddr: '147.32.80.40',
      proto: '',
    });
  const { evidence } = await runRecords(bf(), [n(T0 - 2), n(T0 - 1), ...failures(9, T0)]);
  assert.equal(evidence.length, 2);
  assert.equal(
    evidence[0]!.description,
    `SSH brute force detector. ${msg}. Confirmed by Zeek notice.log. Confidence: 1.0. by Zeek`,
  );
  assert.equal(evidence[0]!.confidence, 1);
  assert.equal(evidence[0]!.threatLevel, 'medium');
  assert.equal(
    evidence[1]!.description,
    'SSH brute force detector from 147.32.80.40 to 147.32.80.37 on ssh 22/tcp. Attempts observed: 9. Confirmed by Zeek notice.log. Confidence: 1.0. by Slips',
  );
  assert.equal(evidence[1]!.confidence, 1);
  const nextWindow = await runRecords(bf(), [n(T0), n(T0 + 3700)]);
  assert.equal(nextWindow.evidence.length, 2);
});

test('real ssh.log files: what fires', async () => {
  // 004: 396 sessions without auth_success or attempts; two hosts reconnect often enough to one server.
  const s004 = await runFile('zeek/security-datasets-for-testing/004-zeek-scenario-ssh', bf());
  assert.equal(s004.rejected, 0);
  assert.deepEqual(
    s004.evidence.map((e) => `${e.attacker.value}>${e.victim?.value}:${e.dstPort} ${e.facts.attempts}`),
    [
      '10.0.82.228>172.16.1.8:22 9',
      '10.0.82.228>172.16.1.8:22 10',
      '10.0.82.228>172.16.1.8:22 12',
      '10.0.115.101>172.16.1.27:22 9',
      '10.0.115.101>172.16.1.27:22 10',
      '10.0.115.101>172.16.1.27:22 12',
      '10.0.115.101>172.16.1.27:22 16',
    ],
  );
  assert.ok(
    s004.evidence[3]!.description.includes(
      'Client banner: SSH-2.0-libssh_0.9.6 from ssh.log. Confidence: 0.57.',
    ),
  );
  // 006: 9 successful logins and one failed session of 2 attempts (IPv6, port 902): nothing.
  const s006 = await runFile('zeek/security-datasets-for-testing/006-zeek-scenario-ssh', bf());
  assert.equal(s006.parsed, 28);
  assert.deepEqual(countByType(s006.evidence), {});
});

test('zeek-v8.0.0/ssh-basic: canonified timestamps are rejected; with real ones, 9 unjudged sessions make one campaign', async () => {
  const path = `${DATA}/zeek-baselines/zeek-v8.0.0/ssh-basic/ssh.log`;
  const raw = await runFile(path, bf());
  assert.equal(raw.parsed, 0);
  assert.equal(raw.rejected, 22);
  // The btest baseline writes XXXXXXXXXX.XXXXXX for every ts: give the lines times 10 s apart, in order.
  let i = 0;
  const text = readFileSync(path, 'utf8').replace(
    /^XXXXXXXXXX\.XXXXXX\t/gm,
    () => `${1_420_000_000 + 10 * ++i}.000000\t`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ssh-basic-'));
  writeFileSync(join(dir, 'ssh.log'), text);
  const timed = await runFile(join(dir, 'ssh.log'), bf());
  assert.equal(timed.parsed, 22);
  assert.deepEqual(
    timed.evidence.map((e) => e.description),
    [
      'SSH brute force detector from 192.168.2.1 to 192.168.2.158 on ssh 22/tcp. Attempts observed: 9. ' +
        'Client banner: SSH-1.5-OpenSSH_6.2 from ssh.log. Confidence: 0.52. by Slips',
    ],
  );
});
