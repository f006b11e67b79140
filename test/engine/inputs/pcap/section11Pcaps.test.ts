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
import { readPcap } from './connBaseline';

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

test('test19: SSH found by content on port 902, password guessing against 147.32.80.37:902', () => {
  const r = run(join(DATA, 'pcap/slips/test19-malicious-ssh-bruteforce.pcap'), []);
  assert.match(
    r.alerts,
    /Src IP 147\.32\.80\.40 +\. Detected SSH brute force detector from 147\.32\.80\.40 to 147\.32\.80\.37 on 902\/tcp/,
  );
});

test('test-cc-capture-2: HTTPS to testing.com every 2–4 s as TLS, each after its DNS lookup', async () => {
  const { records, acc } = await readPcap(join(DATA, 'pcap/slips/test-cc-capture-2.pcap'));
  assert.equal(acc.rejected, 0);
  const ssl = records.filter((x) => x.kind === 'ssl').sort((a, b) => a.ts - b.ts);
  assert.equal(ssl.length, 22);
  assert.ok(ssl.every((s) => s.serverName === 'testing.com' && s.daddr === '141.193.213.20' && s.ja3 !== ''));
  const gaps = ssl.slice(1).map((s, i) => s.ts - ssl[i]!.ts);
  assert.ok(
    gaps.every((g) => g >= 2 && g < 4),
    gaps.join(' '),
  );
  // curl looks testing.com up before each request; only its AAAA lookups (answered with no address)
  // are in the capture, so no record in it carries 141.193.213.20 as an answer.
  const lookups = records.filter((x) => x.kind === 'dns' && x.query === 'testing.com');
  assert.equal(lookups.length, 23);
  for (const s of ssl)
    assert.ok(
      lookups.some((d) => d.ts <= s.ts && s.ts - d.ts < 1),
      `${s.ts}`,
    );
  const dnsbl = records.filter((x) => x.kind === 'dns' && x.query.endsWith('.zen.spamhaus.org'));
  assert.ok(dnsbl.some((d) => d.kind === 'dns' && d.answers.includes('127.0.0.11')));
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
