import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userAgentOs } from '../../../../engine/detectors/http/userAgentOs';

test('the OS a user agent names, read offline', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SLCC2)', 'Windows', 'Windows 7'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
      'Windows',
      'Windows 10',
    ],
    ['Mozilla/4.0 (compatible; MSIE 8.0; Win32; Trident/4.0)', 'Windows', 'Windows'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15',
      'Macintosh',
      'OS X',
    ],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 14_0 like Mac OS X) AppleWebKit/605.1.15', 'iOS', 'iOS'],
    [
      'Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 Chrome/90.0 Mobile Safari/537.36',
      'Android',
      'Android',
    ],
    ['Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0', 'Linux', 'Linux'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36', 'Chrome OS', 'Chrome OS'],
    ['server-bag[macOS,11.5.1,20G80,MacBookAir10,1]', 'macOS11.5.1', 'macOS'],
    ['Wget/1.21.2', undefined, undefined],
    ['Microsoft-CryptoAPI/6.1', undefined, undefined],
    ['curl/7.68.0', undefined, undefined],
    ['', undefined, undefined],
  ];
  for (const [ua, type, name] of cases) {
    const os = userAgentOs(ua);
    assert.deepEqual([os?.osType, os?.osName], [type, name], ua);
  }
});
