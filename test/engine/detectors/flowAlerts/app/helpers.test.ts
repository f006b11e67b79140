import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cnMatches,
  extractCn,
  publicSuffix,
  registrableDomain,
} from '../../../../../engine/detectors/flowAlerts/app/domains';
import { isDomainInOrg, isIpInOrg, orgOfDomain } from '../../../../../engine/detectors/flowAlerts/app/orgs';
import { shannonEntropy } from '../../../../../engine/detectors/flowAlerts/app/highEntropyDnsAnswer';
import { BoundedMap, round2 } from '../../../../../engine/detectors/flowAlerts/app/common';
import { NetworkKnowledge } from '../../../../../engine/detectors/networkKnowledge';
import { dns } from '../../../../helpers/records';

test('public suffix and registrable domain', () => {
  const cases: [string, string, string][] = [
    ['www.google.com', 'com', 'google.com'],
    ['google.com', 'com', 'google.com'],
    ['news.bbc.co.uk', 'co.uk', 'bbc.co.uk'],
    ['www.google.com.tw', 'com.tw', 'google.com.tw'],
    ['WWW.Example.ORG.', 'org', 'example.org'],
    ['*.google.com', 'com', 'google.com'],
    ['localhost', 'localhost', 'localhost'],
    ['co.uk', 'co.uk', 'co.uk'],
    ['', '', ''],
  ];
  for (const [name, suffix, reg] of cases) {
    assert.equal(publicSuffix(name), suffix, name);
    assert.equal(registrableDomain(name), reg, name);
  }
});

test('CN of a subject: the first CN= up to the next comma', () => {
  const cases: [string, string | undefined][] = [
    ['CN=www.google.com', 'www.google.com'],
    ['CN=*.google.com,O=Google LLC,L=Mountain View,ST=California,C=US', '*.google.com'],
    ['OU=Domain Control Validated,CN=mail.example.org', 'mail.example.org'],
    ['O=No Common Name,C=US', undefined],
    ['CN=,O=x', undefined],
    ['', undefined],
  ];
  for (const [subject, cn] of cases) assert.equal(extractCn(subject), cn, subject);
});

test('CN as a pattern matched at the start of the SNI (upstream re.match semantics)', () => {
  const cases: [string, string, boolean][] = [
    ['www.google.com', 'www.google.com', true],
    ['*.google.com', 'mail.google.com', true],
    ['*.google.com', 'a.b.google.com', true],
    ['*.google.com', 'google.com', false],
    ['www.google.com', 'netflix.com', false],
    // re.match only anchors at the start: a longer SNI still matches.
    ['www.google.com', 'www.google.com.evil.net', true],
    ['WWW.Google.COM', 'www.google.com', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXcYYb', false],
    ['*', '', true],
    ['x', '', false],
    // Regex specials are literal.
    ['a+b.com', 'a+b.com', true],
    ['a+b.com', 'aab.com', false],
  ];
  for (const [cn, sni, expected] of cases) assert.equal(cnMatches(cn, sni), expected, `${cn} vs ${sni}`);
});

test('organisations: domains by list (same suffix, substring) and by name, IPs by DNS', () => {
  const cases: [string, string | undefined][] = [
    ['www.google.com', 'google'],
    ['googlevideo.com', 'google'],
    ['mail.google.com.tw', 'google'],
    ['youtu.be', 'google'],
    ['login.live.com', 'microsoft'],
    ['github.com', 'microsoft'],
    ['static.xx.fbcdn.net', 'facebook'],
    ['pbs.twimg.com', 'twitter'],
    ['www.icloud.com', 'apple'],
    ['ssl.gstatic.com', 'google'],
    ['stats.g.doubleclick.net', 'google'],
    ['mem.gfx.ms', 'microsoft'],
    // Domains added for the missing ASN check match as names or subdomains only, not as substrings.
    ['acme.com', undefined],
    ['netflix.com', undefined],
    ['example.org', undefined],
    ['', undefined],
  ];
  for (const [domain, org] of cases) assert.equal(orgOfDomain(domain), org, domain);
  assert.equal(isDomainInOrg('netflix.com', 'twitter'), false);
  const k = new NetworkKnowledge();
  k.learn(dns({ ts: 1, query: 'www.google.com', answers: ['142.250.1.1'] }));
  k.learn(dns({ ts: 1, query: 'netflix.com', answers: ['52.0.131.132'] }));
  assert.equal(isIpInOrg('142.250.1.1', 'google', k), true);
  assert.equal(isIpInOrg('52.0.131.132', 'google', k), false);
  assert.equal(isIpInOrg('8.8.4.4', 'google', k), false);
});

test('Shannon entropy in bits per character', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['0123456789abcdef', 4],
  ];
  for (const [s, h] of cases) assert.ok(Math.abs(shannonEntropy(s) - h) < 1e-12, s);
  // Code points, not UTF-16 units: one emoji is one character.
  assert.equal(shannonEntropy('😀😀'), 0);
});

test('helpers: Python-like rounding and a map that forgets its oldest entries', () => {
  assert.equal(round2(5.3512), '5.35');
  assert.equal(round2(6), '6.0');
  assert.equal(round2(5.999), '6.0');
  const m = new BoundedMap<string, number>(2);
  m.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
  assert.deepEqual([...m.keys()], ['b', 'c']);
});
