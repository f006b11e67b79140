import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DhcpScan } from '../../../../engine/detectors/networkDiscovery/dhcpScan';
import { dhcp } from './records';
import { runRecords } from './harness';

const T0 = 1_655_297_623;

function requests(addrs: string[], start = T0) {
  return addrs.map((a, i) => dhcp({ ts: start + i, requestedAddr: a }));
}

test('DHCP scan: evidence at every 4 distinct requested addresses, medium 0.8', async () => {
  const cases: [number, number][] = [
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [12, 3],
  ];
  for (const [n, expected] of cases) {
    const addrs = Array.from({ length: n }, (_, i) => `192.168.1.${105 + i}`);
    const { evidence } = await runRecords([new DhcpScan()], requests(addrs));
    assert.equal(evidence.length, expected, `${n} addresses`);
  }
  const { evidence } = await runRecords(
    [new DhcpScan()],
    requests(['192.168.1.105', '192.168.1.106', '192.168.1.107', '192.168.1.108']),
  );
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'Performing a DHCP scan by requesting 4 different IP addresses. Confidence: 0.8. by Slips',
  );
  assert.equal(e.evidenceType, 'DHCP_SCAN');
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.8);
  assert.equal(e.profile, 'profile_192.168.1.30');
  assert.equal(e.uids.length, 4, 'the first request of each address');
});

test('DHCP scan: asking again for the same address, or with no address, is not a scan', async () => {
  const same = requests([
    '192.168.1.105',
    '192.168.1.105',
    '192.168.1.106',
    '192.168.1.106',
    '192.168.1.107',
    '192.168.1.107',
  ]);
  const none = Array.from({ length: 10 }, (_, i) => dhcp({ ts: T0 + 20 + i, requestedAddr: '' }));
  const { evidence } = await runRecords([new DhcpScan()], [...same, ...none]);
  assert.equal(evidence.length, 0);
});

test('DHCP scan: counted per window', async () => {
  const a = requests(['192.168.1.1', '192.168.1.2', '192.168.1.3']);
  const b = requests(['192.168.1.4', '192.168.1.5', '192.168.1.6'], T0 + 4000);
  const { evidence } = await runRecords([new DhcpScan()], [...a, ...b]);
  assert.equal(evidence.length, 0);
});
