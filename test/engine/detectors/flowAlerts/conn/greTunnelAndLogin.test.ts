import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GreTunnel, Login } from '../../../../../engine/detectors/flowAlerts/conn';
import { login, runRecords, tunnel } from './harness';

const T = 1_600_000_000;

test('GRE_TUNNEL / GRE_SCAN from tunnel.log', async () => {
  const ev = await runRecords(
    [
      tunnel({ ts: T, action: 'Tunnel::DISCOVER' }),
      tunnel({ ts: T + 1, action: 'Tunnel::EXPIRE' }),
      tunnel({ ts: T + 2, tunnelType: 'Tunnel::IP', action: 'Tunnel::EXPIRE' }),
    ],
    [new GreTunnel()],
  );
  assert.deepEqual(
    ev.map((e) => `${e.evidenceType} ${e.threatLevel} ${e.confidence} ${e.description}`),
    [
      'GRE_SCAN low 1 GRE scan from 10.0.2.15 to 115.112.11.30 tunnel action: Tunnel::DISCOVER',
      'GRE_TUNNEL low 1 GRE tunnel from 10.0.2.15 to 115.112.11.30 tunnel action: Tunnel::EXPIRE',
    ],
  );
  assert.deepEqual(ev[0]!.attacker, { direction: 'SRC', iocType: 'IP', value: '10.0.2.15' });
  assert.deepEqual(ev[0]!.victim, { direction: 'DST', iocType: 'IP', value: '115.112.11.30' });
});

const logins: [Partial<Parameters<typeof login>[0]>, string][] = [
  [{ success: true, user: 'root' }, 'successful telnet login.  for user root destination IP: 147.32.80.37.'],
  [{ confused: true }, 'confused telnet login.  destination IP: 147.32.80.37.'],
  [{ proto: 'rlogin' }, 'failed rlogin login.  destination IP: 147.32.80.37.'],
  [{ proto: '' }, 'failed login login.  destination IP: 147.32.80.37.'],
];

for (const [p, description] of logins)
  test(`LOGIN: ${description}`, async () => {
    const rec = login({ ts: T, ...p });
    const ev = await runRecords([rec], [new Login()]);
    assert.equal(ev.length, 1);
    const e = ev[0]!;
    assert.equal(e.description, description);
    assert.deepEqual([e.threatLevel, e.confidence], ['info', 1]);
    assert.deepEqual(e.attacker, { direction: 'DST', iocType: 'IP', value: '147.32.80.37' });
    assert.deepEqual(e.victim, { direction: 'SRC', iocType: 'IP', value: '147.32.80.40' });
    assert.equal(e.profile, 'profile_147.32.80.40');
    assert.deepEqual(e.uids, [rec.uid]);
  });
