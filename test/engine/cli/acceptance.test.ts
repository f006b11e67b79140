// Section 11 of slips-behaviour.md: what upstream's integration tests look for in alerts.log, run here
// through the real command line with the default configuration on the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const DATA = join(ROOT, '../shared/data');

const checks: [string, string, number][] = [
  [
    'binetflow/slips/test4-malicious.binetflow',
    'Horizontal port scan to port http-alt 81/tcp. From 192.168.2.12',
    2,
  ],
  [
    'binetflow/slips/test3-mixed.binetflow',
    'Horizontal port scan to port rdp 3389/tcp. From 46.166.151.160',
    20,
  ],
  ['binetflow/slips/test2-malicious.binetflow', 'Long Connection.', 1],
  ['binetflow/slips/test5-mixed.binetflow', 'Long Connection', 4],
  ['suricata/slips/test6-malicious.suricata.json', 'vertical port scan', 10],
  ['suricata/slips/test6-malicious.suricata.json', 'Connection to unknown destination port', 10],
  ['suricata/slips/test6-malicious.suricata.json', 'Connecting to private IP', 10],
  [
    'zeek/slips/test9-mixed-zeek-dir/conn.log',
    'non-HTTP established connection to port 80. destination IP: 194.132.197.198',
    4,
  ],
  ['zeek/slips/test10-mixed-zeek-dir/conn.log', 'non-SSL established connection', 5],
  [
    'zeek/slips/port-scans/horizontal/conn.log',
    'Horizontal port scan to port http 80/tcp. From 10.0.2.112',
    0,
  ],
  ['zeek/slips/port-scans/vertical/conn.log', 'vertical port scan to IP 45.33.32.156 from 192.168.1.9.', 0],
];

for (const [file, text, moreProfiles] of checks) {
  test(`${file}: alerts.log has "${text}" and more than ${moreProfiles} profiles`, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slips-acc-')), 'o');
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/slips.js'), '-f', join(DATA, file), '-o', out, '-q'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(join(out, 'alerts.log'), 'utf8').includes(text));
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.ok(s.profiles > moreProfiles, `${s.profiles} profiles`);
  });
}
