import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IncompatibleUserAgent,
  incompatibility,
} from '../../../../engine/detectors/http/incompatibleUserAgent';
import { userAgentBrowser } from '../../../../engine/detectors/http/userAgentBrowser';
import { conn } from '../../../helpers/records';
import { runRecords } from '../flowAlerts/app/harness';
import { http } from '../flowAlerts/app/records';

const UA = {
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0',
  curl: 'curl/8.4.0',
};

test('browsers are named by their most specific token', () => {
  const table: Array<[string, string]> = [
    [UA.windowsChrome, 'Chrome'],
    [UA.macSafari, 'Safari'],
    [UA.iphone, 'Safari'],
    [UA.android, 'Chrome'],
    [UA.linuxFirefox, 'Firefox'],
    ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0', 'Edge'],
    ['Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)', 'Internet Explorer'],
    ['Mozilla/5.0 (Linux; U; Android 4.0.3) AppleWebKit/534.30 Version/4.0 Mobile Safari/534.30', ''],
    [UA.curl, ''],
  ];
  for (const [ua, browser] of table) assert.equal(userAgentBrowser(ua), browser, ua);
});

test('agent against vendor: the three families, Safari off Apple, and no substring accidents', () => {
  const table: Array<[string, string, boolean]> = [
    [UA.windowsChrome, 'Apple, Inc.', true],
    [UA.android, 'Microsoft Corp.', true],
    [UA.iphone, 'Google, Inc.', true],
    [UA.macSafari, 'Samsung Electronics Co.,Ltd', true], // Safari on a machine not made by Apple
    [UA.macSafari, 'Apple, Inc.', false], // upstream: "nt" in "macintosh" makes every Mac incompatible
    [UA.windowsChrome, 'Intel Corporate', false], // upstream: "nt" in "intel" puts Intel in Microsoft's family
    [UA.windowsChrome, 'Microsoft Corp.', false],
    [UA.android, 'Google, Inc.', false],
    [UA.windowsChrome, 'Dell Inc.', false], // a vendor of no family cannot be judged
    [UA.linuxFirefox, 'Apple, Inc.', false], // Linux belongs to no family
    [UA.curl, 'Apple, Inc.', false],
  ];
  for (const [ua, vendor, flagged] of table)
    assert.equal(incompatibility(ua, vendor) !== undefined, flagged, `${vendor} / ${ua}`);
});

const APPLE_MAC = 'f0:18:98:12:34:56';

test('a host with an Apple network card sending Windows agents: one evidence per agent and window', async () => {
  const host = '192.168.1.5';
  const run = await runRecords(
    [new IncompatibleUserAgent()],
    [
      conn({ ts: 1000, saddr: host, daddr: '93.184.216.34', smac: APPLE_MAC }),
      http({ ts: 1001, saddr: host, userAgent: UA.macSafari }),
      http({ ts: 1002, saddr: host, userAgent: UA.windowsChrome, host: 'update.example', uri: '/a' }),
      http({ ts: 1003, saddr: host, userAgent: UA.windowsChrome }),
      http({ ts: 1004, saddr: host, userAgent: UA.macSafari }),
      http({ ts: 1005, saddr: host, userAgent: UA.windowsChrome }),
    ],
  );
  assert.equal(run.engine.store.getProfile(host)?.info.get('MAC_vendor'), 'Apple, Inc.');
  assert.equal(run.evidence.length, 1);
  const e = run.evidence[0]!;
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['INCOMPATIBLE_USER_AGENT', 'high', 1]);
  assert.equal(e.attacker.value, host);
  assert.equal(
    e.description,
    `using incompatible user-agent (${UA.windowsChrome}) that belongs to OS: windows 10 type: windows ` +
      'browser: chrome. while connecting to update.example/a. IP has MAC vendor: Apple, inc.',
  );
});

test('hosts without a known vendor, and remote hosts behind the router, are not judged', async () => {
  const run = await runRecords(
    [new IncompatibleUserAgent()],
    [
      conn({ ts: 1000, saddr: '192.168.1.6', smac: '02:11:22:33:44:55' }), // randomised MAC
      http({ ts: 1001, saddr: '192.168.1.6', userAgent: UA.windowsChrome }),
      conn({ ts: 1002, saddr: '203.0.113.9', daddr: '192.168.1.6', smac: APPLE_MAC }), // the router's MAC
      http({ ts: 1003, saddr: '203.0.113.9', daddr: '192.168.1.6', userAgent: UA.windowsChrome }),
      http({ ts: 1004, saddr: '192.168.1.7', userAgent: UA.windowsChrome }), // no MAC at all
    ],
  );
  assert.deepEqual(run.evidence, []);
});
