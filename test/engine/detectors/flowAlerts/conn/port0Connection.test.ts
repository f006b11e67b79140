import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { Port0Connection } from '../../../../../engine/detectors/flowAlerts/conn';
import { runRecords } from './harness';

const T = 1_600_000_000;

const cases: [name: string, p: Partial<Parameters<typeof conn>[0]>, attacker?: 'SRC' | 'DST'][] = [
  ['source port 0: the source is the attacker', { sport: 0, dport: 80 }, 'SRC'],
  [
    'destination port 0: the destination is named attacker, as upstream',
    { sport: 4444, dport: 0, proto: 'udp' },
    'DST',
  ],
  ['ICMP', { sport: 0, dport: 0, proto: 'icmp' }],
  ['IGMP', { sport: 0, dport: 0, proto: 'igmp' }],
  ['GRE (no ports at all)', { sport: 0, dport: 0, proto: 'gre' }],
  ['multicast destination', { sport: 0, dport: 0, proto: 'udp', daddr: '224.0.0.1' }],
  ['no port 0', { sport: 1234, dport: 80 }],
];

for (const [name, p, attacker] of cases)
  test(`PORT_0_CONNECTION: ${name}`, async () => {
    const rec = conn({ ts: T, saddr: '10.0.0.1', daddr: '8.8.8.8', ...p });
    const ev = await runRecords([rec], [new Port0Connection()]);
    if (!attacker) return assert.equal(ev.length, 0);
    assert.equal(ev.length, 1);
    const e = ev[0]!;
    assert.equal(
      e.description,
      `Connection on port 0 from 10.0.0.1:${rec.sport} to ${rec.daddr}:${rec.dport}.`,
    );
    assert.equal(e.attacker.direction, attacker);
    assert.equal(e.attacker.value, attacker === 'SRC' ? '10.0.0.1' : rec.daddr);
    assert.equal(e.threatLevel, 'high');
    assert.equal(e.confidence, 0.8);
  });
