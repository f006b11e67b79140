import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isIgnoredIp,
  isLinkLocal,
  isMulticast,
  isPrivate,
  isReserved,
  isUnspecifiedOrBroadcast,
} from '../../../../../engine/detectors/flowAlerts/conn/addresses';

// Expected values are Python's ipaddress properties (upstream's utils.is_private_ip / is_ignored_ip).
const cases: [ip: string, priv: boolean, ignored: boolean][] = [
  ['10.1.2.3', true, true],
  ['172.16.0.1', true, true],
  ['172.31.255.255', true, true],
  ['172.32.0.1', false, false],
  ['192.168.1.1', true, true],
  ['192.169.1.1', false, false],
  ['127.0.0.1', true, true],
  ['169.254.3.4', true, true],
  ['0.0.0.0', true, true],
  ['0.0.0.1', true, true],
  ['192.0.0.5', true, true],
  ['192.0.0.9', false, false],
  ['192.0.0.170', true, true],
  ['192.0.0.171', true, true],
  ['192.0.0.172', false, false],
  ['192.0.2.7', true, true],
  ['198.18.0.1', true, true],
  ['198.19.255.1', true, true],
  ['198.20.0.1', false, false],
  ['198.51.100.9', true, true],
  ['203.0.113.200', true, true],
  ['240.1.2.3', true, true],
  ['255.255.255.255', true, true],
  ['224.0.0.251', false, true],
  ['239.255.255.250', false, true],
  ['100.64.0.1', false, false],
  ['8.8.8.8', false, false],
  ['66.63.168.35', false, false],
  ['fe80::1', true, true],
  ['fd00::1', true, true],
  ['::1', true, true],
  ['::', true, true],
  ['2001:db8::1', true, true],
  ['ff02::fb', false, true],
  ['2a00:1450:4014:801::200a', false, false],
  ['2620:0:862:ed1a::1', false, false],
  ['not-an-ip', false, true],
];

for (const [ip, priv, ignored] of cases)
  test(`${ip}: private ${priv}, ignored ${ignored}`, () => {
    assert.equal(isPrivate(ip), priv);
    assert.equal(isIgnoredIp(ip), ignored);
  });

test('multicast, link-local, reserved, unspecified/broadcast', () => {
  assert.equal(isMulticast('224.0.0.1'), true);
  assert.equal(isMulticast('ff02::1'), true);
  assert.equal(isMulticast('192.168.1.1'), false);
  assert.equal(isLinkLocal('169.254.1.1'), true);
  assert.equal(isLinkLocal('fe80::1'), true);
  assert.equal(isLinkLocal('10.0.0.1'), false);
  assert.equal(isReserved('241.0.0.1'), true);
  assert.equal(isReserved('255.255.255.255'), true);
  assert.equal(isReserved('8.8.8.8'), false);
  assert.equal(isReserved('2001:4860::8888'), false);
  assert.equal(isUnspecifiedOrBroadcast('0.0.0.0'), true);
  assert.equal(isUnspecifiedOrBroadcast('0.0.0.1'), true);
  assert.equal(isUnspecifiedOrBroadcast('255.255.255.255'), true);
  assert.equal(isUnspecifiedOrBroadcast('192.168.1.255'), false);
  assert.equal(isUnspecifiedOrBroadcast('::'), false);
});
