import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MultipleSshVersions, SshSuccessful } from '../../../../../engine/detectors/flowAlerts/app';
import type { FlowRecord, SoftwareRecord } from '../../../../../engine/flow';
import { conn } from '../../../../helpers/records';
import { runRecords } from './harness';
import { software, ssh } from './records';

const T0 = 1_520_628_556;

const sshConn = (ts: number, bytes: [number, number], uid = 'Clogin') =>
  conn({
    ts,
    uid,
    saddr: '192.168.2.1',
    daddr: '192.168.2.16',
    dport: 22,
    appproto: 'ssh',
    state: 'SF',
    sbytes: bytes[0],
    dbytes: bytes[1],
  });
const login = (ts: number, authSuccess: boolean | undefined, uid = 'Clogin') => ssh({ ts, uid, authSuccess });
const other = (ts: number) => conn({ ts, saddr: '192.168.2.99', daddr: '8.8.8.8' });

test('SSH successful: by Zeek (auth_success) or by Slips (bytes > 4290), with the conn before or after', async () => {
  const cases: [string, FlowRecord[], string | undefined][] = [
    ['Zeek says yes, conn first', [sshConn(T0, [100, 100]), login(T0 + 0.1, true)], 'Zeek'],
    ['Zeek says yes, conn after', [login(T0, true), sshConn(T0 + 5, [100, 100])], 'Zeek'],
    ['unset, big conn', [sshConn(T0, [40000, 44863]), login(T0 + 0.1, undefined)], 'Slips'],
    [
      'failed by Zeek but big (upstream still counts the size)',
      [sshConn(T0, [5613, 2487]), login(T0, false)],
      'Slips',
    ],
    ['unset, 4290 bytes exactly', [sshConn(T0, [2145, 2145]), login(T0, undefined)], undefined],
    ['unset, 4291 bytes', [sshConn(T0, [2145, 2146]), login(T0, undefined)], 'Slips'],
    ['unset, small', [sshConn(T0, [576, 813]), login(T0, undefined)], undefined],
    ['no conn: upstream needs it even for Zeek', [login(T0, true)], undefined],
    ['conn after the 15 s wait', [login(T0, true), other(T0 + 16), sshConn(T0 + 17, [100, 100])], undefined],
    ['conn of another uid', [sshConn(T0, [90000, 90000], 'Cother'), login(T0, undefined)], undefined],
  ];
  for (const [name, recs, by] of cases) {
    const { evidence } = await runRecords([new SshSuccessful()], recs);
    assert.equal(evidence.length, by ? 1 : 0, name);
    if (by) assert.match(evidence[0]!.description, new RegExp(`Detection model ${by}\\.`), name);
  }
  const { evidence } = await runRecords(
    [new SshSuccessful()],
    [login(T0, undefined), sshConn(T0 + 1, [40000, 44863])],
  );
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'SSH successful to IP 192.168.2.16. From IP 192.168.2.1. Sent bytes: 84863. Detection model Slips. Confidence 0.8',
  );
  assert.equal(e.evidenceType, 'SSH_SUCCESSFUL');
  assert.deepEqual([e.threatLevel, e.confidence], ['info', 0.8]);
  assert.deepEqual(
    [e.attacker.direction, e.attacker.value, e.victim?.value],
    ['SRC', '192.168.2.1', '192.168.2.16'],
  );
  assert.equal(e.timestamp, T0);
  assert.deepEqual(e.uids, ['Clogin']);
  assert.equal(e.profile, 'profile_192.168.2.1');
  assert.equal(e.facts.bytes, 84863);
});

test('SSH successful: the order of ssh.log and conn.log lines does not change the evidence', async () => {
  const a = await runRecords([new SshSuccessful()], [sshConn(T0, [40000, 44863]), login(T0, undefined)]);
  const b = await runRecords([new SshSuccessful()], [login(T0, undefined), sshConn(T0, [40000, 44863])]);
  assert.deepEqual(
    a.evidence.map((e) => [e.id, e.description]),
    b.evidence.map((e) => [e.id, e.description]),
  );
});

test('multiple SSH versions: a host whose client (or server) major_minor differs from the first seen', async () => {
  const sw = (ts: number, major: string, minor: string, p: Partial<SoftwareRecord> = {}) =>
    software({ ts, versionMajor: major, versionMinor: minor, uid: `Csw${ts}`, ...p });
  const cases: [string, FlowRecord[], string[]][] = [
    [
      '8.1 then 9.1',
      [sw(T0, '8', '1'), sw(T0 + 4, '9', '1')],
      ['SSH client version changing from 8_1 to 9_1'],
    ],
    ['same version', [sw(T0, '8', '1'), sw(T0 + 4, '8', '1')], []],
    [
      'minor change',
      [sw(T0, '8', '1'), sw(T0 + 4, '8', '2')],
      ['SSH client version changing from 8_1 to 8_2'],
    ],
    [
      'compared with the first, every time',
      [sw(T0, '8', '1'), sw(T0 + 1, '9', '1'), sw(T0 + 2, '9', '1')],
      ['SSH client version changing from 8_1 to 9_1', 'SSH client version changing from 8_1 to 9_1'],
    ],
    [
      'server',
      [sw(T0, '7', '4', { software: 'SSH::SERVER' }), sw(T0 + 1, '8', '0', { software: 'SSH::SERVER' })],
      ['SSH server version changing from 7_4 to 8_0'],
    ],
    [
      'client and server are separate',
      [sw(T0, '7', '4'), sw(T0 + 1, '8', '0', { software: 'SSH::SERVER' })],
      [],
    ],
    ['other hosts are separate', [sw(T0, '7', '4'), sw(T0 + 1, '8', '0', { saddr: '192.168.1.248' })], []],
    [
      'not SSH',
      [sw(T0, '2', '6', { software: 'HTTP::SERVER' }), sw(T0 + 1, '3', '0', { software: 'HTTP::SERVER' })],
      [],
    ],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new MultipleSshVersions()], recs);
    assert.deepEqual(
      evidence.map((e) => e.description),
      expected,
      name,
    );
  }
  const { evidence } = await runRecords(
    [new MultipleSshVersions()],
    [sw(T0, '8', '1'), sw(T0 + 4, '9', '1')],
  );
  const e = evidence[0]!;
  assert.equal(e.evidenceType, 'MULTIPLE_SSH_VERSIONS');
  assert.deepEqual([e.threatLevel, e.confidence], ['medium', 0.9]);
  assert.deepEqual(e.uids, [`Csw${T0}`, `Csw${T0 + 4}`]);
  assert.equal(e.attacker.value, '192.168.1.247');
});
