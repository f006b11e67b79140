import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseWhitelist, type WhitelistEntry } from '../../../engine/whitelist/parseWhitelist';

type Want = Pick<WhitelistEntry, 'type' | 'value' | 'direction' | 'ignore'> & { domains?: string[] };

function one(line: string): Want | string {
  const { entries, problems } = parseWhitelist(line, 'w.conf');
  if (problems.length) return problems.map((p) => p.reason).join(' | ');
  assert.equal(entries.length, 1, line);
  const { type, value, direction, ignore, domains } = entries[0]!;
  return type === 'organization'
    ? { type, value, direction, ignore, domains }
    : { type, value, direction, ignore };
}

test('entries: upstream lines, quotes and spaces tolerated, values normalised', () => {
  const cases: Array<[string, Want]> = [
    ['ip,1.2.3.4,both,alerts', { type: 'ip', value: '1.2.3.4', direction: 'both', ignore: 'alerts' }],
    ['"ip","1.2.3.4","src","flows"', { type: 'ip', value: '1.2.3.4', direction: 'src', ignore: 'flows' }],
    [' ip , 10.0.0.0/8 , dst , both ', { type: 'ip', value: '10.0.0.0/8', direction: 'dst', ignore: 'both' }],
    [
      'IP,FE80::ED12:2222:2222:2222,Both,Alerts',
      { type: 'ip', value: 'fe80::ed12:2222:2222:2222', direction: 'both', ignore: 'alerts' },
    ],
    [
      'domain,Google.COM.,src,flows',
      { type: 'domain', value: 'google.com', direction: 'src', ignore: 'flows' },
    ],
    [
      'domain,*.example.org,both,both',
      { type: 'domain', value: 'example.org', direction: 'both', ignore: 'both' },
    ],
    [
      'mac,B1-B1-B1-C1-C2-C3,both,alerts',
      { type: 'mac', value: 'b1:b1:b1:c1:c2:c3', direction: 'both', ignore: 'alerts' },
    ],
    [
      'organization,google,both,alerts,google.com | GStatic.com  youtube.com',
      {
        type: 'organization',
        value: 'google',
        direction: 'both',
        ignore: 'alerts',
        domains: ['google.com', 'gstatic.com', 'youtube.com'],
      },
    ],
    [
      '"organization","Apple","dst","both","apple.com icloud.com"',
      {
        type: 'organization',
        value: 'apple',
        direction: 'dst',
        ignore: 'both',
        domains: ['apple.com', 'icloud.com'],
      },
    ],
    [
      'org,twitter,src,alerts,twitter.com',
      {
        type: 'organization',
        value: 'twitter',
        direction: 'src',
        ignore: 'alerts',
        domains: ['twitter.com'],
      },
    ],
  ];
  for (const [line, want] of cases) assert.deepEqual(one(line), want, line);
});

test('bad lines: one problem each, with the reason; the line is skipped', () => {
  const cases: Array<[string, RegExp]> = [
    ['ip,1.2.3.4,both', /expected 4 columns .* found 3; line skipped$/],
    ['ipp,1.2.3.4,both,alerts', /unknown IoCType 'ipp' \(expected ip, domain, organization or mac\)/],
    ['ip,1.2.3.4,from,alerts', /unknown Direction 'from' \(expected src, dst or both\)/],
    ['ip,1.2.3.4,both,evidence', /unknown IgnoreType 'evidence' \(expected alerts, flows or both\)/],
    ['ip,1.2.3.400,both,alerts', /'1\.2\.3\.400' is not an IP address or CIDR range/],
    ['ip,1.2.3.0/33,both,alerts', /is not an IP address or CIDR range/],
    ['domain,exa mple..com,both,alerts', /is not a domain name/],
    ['mac,b1:b1:b1:c1:c2,both,alerts', /is not a MAC address/],
    ['organization,go ogle!,both,alerts,google.com', /is not an organisation name/],
  ];
  for (const [line, want] of cases) {
    const { entries, problems } = parseWhitelist(`; header\n${line}\n`, 'w.conf');
    assert.equal(entries.length, 0, line);
    assert.equal(problems.length, 1, line);
    assert.equal(problems[0]!.line, 2);
    assert.equal(problems[0]!.file, 'w.conf');
    assert.match(problems[0]!.reason, want, line);
  }
});

test('an organisation without domains is kept but warned about: it cannot match without data files', () => {
  const { entries, problems } = parseWhitelist('organization,facebook,both,alerts\n', 'w.conf');
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0]!.domains, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.reason, /organisation facebook lists no domains, so it matches nothing/);
  const bad = parseWhitelist('organization,google,both,alerts,google.com not_a..domain\n', 'w.conf');
  assert.deepEqual(bad.entries[0]!.domains, ['google.com']);
  assert.match(
    bad.problems[0]!.reason,
    /'not_a\.\.domain' is not a domain name; ignored for organisation google/,
  );
});

test('comments, blank lines and the header are skipped; the last line for a value wins', () => {
  const text = [
    '\uFEFF; a comment',
    '"IoCType","IoCValue","Direction","IgnoreType"',
    '# ip,9.9.9.9,both,both',
    '',
    '   ; indented comment',
    'ip,1.2.3.4,both,alerts',
    'domain,example.com,src,flows',
    'ip,1.2.3.4,dst,flows',
    'mac,a1:a2:a3:a4:a5:a6,both,both\r',
  ].join('\n');
  const { entries, problems } = parseWhitelist(text, 'w.conf');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((e) => [e.type, e.value, e.direction, e.ignore, e.line]),
    [
      ['domain', 'example.com', 'src', 'flows', 7],
      ['ip', '1.2.3.4', 'dst', 'flows', 8],
      ['mac', 'a1:a2:a3:a4:a5:a6', 'both', 'both', 9],
    ],
  );
});

test("upstream's shipped whitelist.conf lines parse (organisations warned: no domains listed)", () => {
  // The active lines of upstream's config/whitelist.conf, in its own spelling.
  const text = [
    'domain,useragentstring.com,both,alerts',
    'ip,92.205.111.3,both,alerts',
    'domain,whois.us-west-2.pirproda.registry-upper.dnts.net,both,alerts',
    'organization,facebook,both,alerts',
    'organization,google,both,alerts',
  ].join('\n');
  const { entries, problems } = parseWhitelist(text, 'w.conf');
  assert.equal(entries.length, 5);
  assert.deepEqual(
    problems.map((p) => p.line),
    [4, 5],
  );
});

test('the shipped config/whitelist.conf: no problems, nothing active, every example parses once uncommented', () => {
  const text = readFileSync(`${__dirname}/../../../config/whitelist.conf`, 'utf8');
  const shipped = parseWhitelist(text, 'config/whitelist.conf');
  assert.deepEqual(shipped, { entries: [], problems: [] });
  const examples = text
    .split('\n')
    .filter((l) => /^;(ip|domain|mac|organization),/.test(l))
    .map((l) => l.slice(1));
  assert.ok(examples.length >= 10, `${examples.length} examples`);
  const all = parseWhitelist(examples.join('\n'), 'examples');
  assert.deepEqual(all.problems, []);
  assert.equal(all.entries.length, examples.length);
});
