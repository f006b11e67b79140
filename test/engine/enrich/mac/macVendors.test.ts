import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MacVendorLookup, ouiOf } from '../../../../engine/enrich/mac/macVendors';

test('MAC vendors come from the shipped IEEE registry, first line of the entry', () => {
  const macs = new MacVendorLookup();
  assert.equal(macs.vendorOf('f0:18:98:12:34:56'), 'Apple, Inc.');
  assert.equal(macs.vendorOf('00-0D-3A-00-00-01'), 'Microsoft Corp.');
  assert.equal(macs.vendorOf('3c:5a:b4:aa:bb:cc'), 'Google, Inc.');
  assert.equal(macs.problem, undefined);
});

test('local, group and malformed addresses have no vendor', () => {
  const table: Array<[string, string | undefined]> = [
    ['02:00:00:00:00:01', undefined], // locally administered (randomised)
    ['01:00:5e:00:00:fb', undefined], // IPv4 multicast
    ['ff:ff:ff:ff:ff:ff', undefined],
    ['f0:18:98', undefined],
    ['not a mac', undefined],
    ['', undefined],
    ['F0:18:98:12:34:56', 'F01898'],
  ];
  for (const [mac, oui] of table) assert.equal(ouiOf(mac), oui, mac);
});

test('a missing or garbled table is one problem, and lookups answer nothing', () => {
  const missing = new MacVendorLookup('/nonexistent/oui.json');
  assert.equal(missing.vendorOf('f0:18:98:12:34:56'), undefined);
  assert.equal(missing.vendorOf('00:0d:3a:00:00:01'), undefined);
  assert.match(missing.problem ?? '', /MAC vendors unavailable \(\/nonexistent\/oui\.json\)/);
});
