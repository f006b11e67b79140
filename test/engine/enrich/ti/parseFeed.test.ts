import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FeedEntry, type FeedSource, parseFeed } from '../../../../engine/enrich/ti/parseFeed';
import type { TiProblem } from '../../../../engine/enrich/ti/types';

function parse(text: string, kind: FeedSource['kind'] = 'ioc') {
  const src: FeedSource = { file: 'feed.txt', name: 'feed.txt', kind, threatLevel: 'medium', tags: '' };
  const entries: FeedEntry[] = [];
  const problems: TiProblem[] = [];
  const r = parseFeed(text, src, (e) => entries.push(e), problems);
  const rows = entries.map((e) => [e.ioc.kind, e.ioc.value, e.description, e.threatLevel]);
  return { rows, problems, ...r };
}

// Table: feed text (shapes of the real feeds of 4.2.3) → indicators with kind, value, description, level.
const CASES: [string, string, (string | undefined)[][]][] = [
  [
    'own_malicious_iocs.csv: comment header, own threat level column',
    '# IP/domain/ip range/ASN, Threat level, Description, Tag\n# Threat level available options: info, low, medium, high, critical\n23.253.126.58,high,Simda CC\nbncv00.no-ip.info, critical, Variant.Zusy\nAS39770, high, ELITETEAM bulletproof hosting provider\n',
    [
      ['ip', '23.253.126.58', 'Simda CC', 'high'],
      ['domain', 'bncv00.no-ip.info', 'Variant.Zusy', 'critical'],
      ['asn', '39770', 'ELITETEAM bulletproof hosting provider', 'high'],
    ],
  ],
  [
    'quoted CSV header without # (Stratosphere AIP)',
    '"Number","IP address","Rating"\n"1","45.9.148.3","0.9"\n',
    [['ip', '45.9.148.3', '0.9', 'medium']],
  ],
  [
    'hosts file',
    '# adservers\n0.0.0.0 ads.example.com\n127.0.0.1 tracker.example.net\n',
    [
      ['domain', 'ads.example.com', '', 'medium'],
      ['domain', 'tracker.example.net', '', 'medium'],
    ],
  ],
  [
    'plain list of IPs and ranges (firehol, ET block list)',
    '# comment\n1.10.16.0/24\n5.188.10.179\n2a06:1280::/32\n',
    [
      ['range', '1.10.16.0/24', '', 'medium'],
      ['ip', '5.188.10.179', '', 'medium'],
      ['range', '2a06:1280::/32', '', 'medium'],
    ],
  ],
  [
    'Spamhaus DROP: `;` separated',
    '; Spamhaus DROP List\n1.10.16.0/20 ; SBL256894\n',
    [['range', '1.10.16.0/20', 'SBL256894', 'medium']],
  ],
  [
    'AlienVault reputation: ` # ` separated',
    '185.220.101.1 # Malicious Host A1,,0.0,0\n',
    [['ip', '185.220.101.1', 'Malicious Host A1,,0.0,0', 'medium']],
  ],
  [
    'Zeek intel file: #fields header, TAB separated, meta.desc column',
    '#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n45.9.148.3\tIntel::ADDR\tCPS\tCobalt Strike, beacon\nevil.example\tIntel::DOMAIN\tCPS\tphishing\n',
    [
      ['ip', '45.9.148.3', 'Cobalt Strike, beacon', 'medium'],
      ['domain', 'evil.example', 'phishing', 'medium'],
    ],
  ],
  [
    'ipsum: IP TAB count',
    '# IPsum Threat Intelligence Feed\n2.57.122.2\t9\n',
    [['ip', '2.57.122.2', '9', 'medium']],
  ],
  [
    'CERT.pl hole: JSON array of objects',
    '[{"Register": 1, "DomainAddress": "bad.example.pl", "InsertDate": "2020-03-10T10:00:00"}]',
    [['domain', 'bad.example.pl', '', 'medium']],
  ],
  [
    'rstcloud: JSON lines with nested address and tags',
    '{"ip":{"v4":"45.9.148.3"},"tags":{"str":["c2","cobalt"]},"description":"Cobalt Strike C2"}\n{"ip":{"v4":"5.188.10.179"},"tags":{"str":["scanner"]}}\n',
    [
      ['ip', '45.9.148.3', 'Cobalt Strike C2', 'medium'],
      ['ip', '5.188.10.179', 'scanner', 'medium'],
    ],
  ],
  [
    'URLs and wildcard domains',
    'https://evil.example/payload.exe\n*.tracker.example\n',
    [
      ['url', 'https://evil.example/payload.exe', '', 'medium'],
      ['domain', 'tracker.example', '', 'medium'],
    ],
  ],
];

for (const [name, text, expected] of CASES)
  test(`feed shape: ${name}`, () => {
    const r = parse(text);
    assert.deepEqual(r.rows, expected);
    assert.deepEqual(r.problems, []);
  });

test('JA3 feeds: own file with quoted columns, and abuse.ch ja3_fingerprints.csv', () => {
  const own = parse(
    '# "JA3 hash", "Threat level", "Description"\n"e7d705a3286e19ea42f587b344ee6865","medium","Standard tor client"\n"6734f37431670b3ab4292b8f60f29984", "high", "Trickbot Malware"',
    'ja3',
  );
  assert.deepEqual(own.rows, [
    ['ja3', 'e7d705a3286e19ea42f587b344ee6865', 'Standard tor client', 'medium'],
    ['ja3', '6734f37431670b3ab4292b8f60f29984', 'Trickbot Malware', 'high'],
  ]);
  const sslbl = parse(
    '# ja3_md5,Firstseen,Lastseen,Listingreason\nb386946a5a44d1ddcc843bc75336dfce,2017-07-14 18:08:59,2019-07-27 20:42:54,Dridex\n',
    'ja3',
  );
  assert.deepEqual(sslbl.rows, [['ja3', 'b386946a5a44d1ddcc843bc75336dfce', 'Dridex', 'medium']]);
  const ssl = parse(
    '# Listingdate,SHA1,Listingreason\n2024-01-05 10:00:00,0123456789abcdef0123456789abcdef01234567,Cobalt Strike C&C\n',
    'ssl',
  );
  assert.deepEqual(ssl.rows, [
    ['sslSha1', '0123456789abcdef0123456789abcdef01234567', 'Cobalt Strike C&C', 'medium'],
  ]);
});

test('malformed lines are reported with file and line and the valid lines around them are kept', () => {
  const r = parse('1.2.3.4\nthis is not an indicator\n5.6.7.8\n999.1.1.1\n');
  assert.deepEqual(
    r.rows.map((x) => x[1]),
    ['1.2.3.4', '5.6.7.8'],
  );
  assert.deepEqual(
    r.problems.map((p) => [p.file, p.line]),
    [
      ['feed.txt', 2],
      ['feed.txt', 4],
    ],
  );
  assert.match(
    r.problems[0]!.reason,
    /no IP, IP range, domain, URL or ASN in this line: this is not an indicator/,
  );
  assert.equal(r.rejected, 2);
});

test('an HTML error page instead of a feed is one problem and gives no indicators', () => {
  const r = parse('<!DOCTYPE html><html><body>429 Too Many Requests</body></html>');
  assert.equal(r.entries, 0);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.reason, /HTML or XML page, not a feed/);
});

test('a flood of bad lines keeps 20 messages and counts the rest', () => {
  const r = parse(Array.from({ length: 500 }, (_, i) => `garbage line ${i}`).join('\n'));
  assert.equal(r.rejected, 500);
  assert.equal(r.problems.length, 21);
  assert.match(r.problems[20]!.reason, /480 more lines/);
});

test('broken JSON lines are reported by line', () => {
  const r = parse('{"ip":"1.2.3.4"}\n{"ip": oops}\n');
  assert.deepEqual(r.rows, [['ip', '1.2.3.4', '', 'medium']]);
  assert.deepEqual(
    r.problems.map((p) => p.line),
    [2],
  );
});
