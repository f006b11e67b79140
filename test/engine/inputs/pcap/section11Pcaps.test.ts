// Section 11 of slips-behaviour.md, items 7 and 12, through the real command line on the pcaps (no Zeek):
// test8 yields the ARP scan by 192.168.1.247 and more than 3 profiles; test7, with upstream's config test
// setting (analysis_direction: all), more than 290 profiles. Needs `npm run build` (bin/slips.js runs dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA } from '../../../helpers/data';

const ROOT = join(__dirname, '../../../..');

function run(file: string, extra: string[]): { alerts: string; profiles: number } {
  const out = join(mkdtempSync(join(tmpdir(), 'slips-pcap-')), 'o');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/slips.js'), '-f', file, '-o', out, '-q', ...extra], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  return { alerts: readFileSync(join(out, 'alerts.log'), 'utf8'), profiles: summary.profiles };
}

test('test8-malicious.pcap: ARP scan by 192.168.1.247, more than 3 profiles', () => {
  const r = run(join(DATA, 'pcap/slips/test8-malicious.pcap'), []);
  assert.match(r.alerts, /Src IP 192\.168\.1\.247 +\. Detected performing an arp scan/);
  assert.ok(r.profiles > 3, `${r.profiles} profiles`);
});

test('test7-malicious.pcap with analysis_direction all: more than 290 profiles', () => {
  const yaml = readFileSync(join(ROOT, 'config/slips.yaml'), 'utf8').replace(
    /analysis_direction\s*:\s*out/,
    'analysis_direction: all',
  );
  assert.match(yaml, /analysis_direction: all/);
  const config = join(mkdtempSync(join(tmpdir(), 'slips-conf-')), 'slips.yaml');
  writeFileSync(config, yaml);
  const r = run(join(DATA, 'zeek-baselines/stratosphere-test7/test7-malicious.pcap'), ['-c', config]);
  assert.ok(r.profiles > 290, `${r.profiles} profiles`);
});
