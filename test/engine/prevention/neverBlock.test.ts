// Addresses that are never blocked: own addresses, default gateways (parsed from the kernel's routing
// tables), whitelisted IPs and ranges, and addresses that are not one host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NeverBlock,
  defaultGateways,
  ipv4Gateways,
  ipv6Gateways,
} from '../../../engine/prevention/neverBlock';
import { Whitelist } from '../../../engine/whitelist/whitelist';
import { parseWhitelist } from '../../../engine/whitelist/parseWhitelist';

const ROUTE = [
  'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
  'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
  'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
  'wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0',
].join('\n');

const ROUTE6 = [
  'fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0',
  '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000003 00000000 00000003     eth0',
  '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe80000000000000021122fffe334455 00000400 00000003 00000000 00000003     eth1',
  '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo',
].join('\n');

test('IPv4 default gateways from /proc/net/route (little-endian hex)', () => {
  assert.deepEqual(ipv4Gateways(ROUTE), ['192.0.2.1', '192.168.1.1']);
});

test('IPv6 default gateways from /proc/net/ipv6_route, in canonical form', () => {
  assert.deepEqual(ipv6Gateways(ROUTE6), ['fd00::1', 'fe80::211:22ff:fe33:4455']);
});

test('defaultGateways reads both tables and survives a missing one', () => {
  const files: Record<string, string> = { '/proc/net/route': ROUTE };
  const read = (p: string) => {
    if (!(p in files)) throw new Error('ENOENT');
    return files[p]!;
  };
  assert.deepEqual([...defaultGateways(read)], ['192.0.2.1', '192.168.1.1']);
});

test('reasons: own address, gateway, whitelisted IP and range, not one host, not an IP', () => {
  const wl = parseWhitelist(
    [
      '"IoCType","IoCValue","Direction","IgnoreType"',
      'ip,203.0.113.7,src,alerts',
      'ip,198.51.100.0/24,both,flows',
    ].join('\n'),
    'whitelist.conf',
  );
  const never = new NeverBlock(
    new Set(['10.0.0.5']),
    new Set(['10.0.0.1']),
    new Whitelist(wl.entries, wl.problems),
  );
  assert.equal(never.reason('10.0.0.5'), 'an address of this host');
  assert.equal(never.reason('10.0.0.1'), 'the default gateway');
  assert.equal(never.reason('203.0.113.7'), 'whitelisted');
  assert.equal(never.reason('198.51.100.200'), 'whitelisted');
  assert.equal(never.reason('127.0.0.1'), 'not a single host address');
  assert.equal(never.reason('224.0.0.251'), 'not a single host address');
  assert.equal(never.reason('255.255.255.255'), 'not a single host address');
  assert.equal(never.reason('ff02::1'), 'not a single host address');
  assert.equal(never.reason('::1'), 'not a single host address');
  assert.equal(never.reason('evil.example'), 'not an IP address');
  assert.equal(never.reason('10.0.0.9'), undefined);
  assert.equal(never.reason('2001:db8::9'), undefined);
});
