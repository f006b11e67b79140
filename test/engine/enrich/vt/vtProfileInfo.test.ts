// VirusTotal scores and reverse DNS land in the profiles' host facts (upstream's IPsInfo), through the
// Engine on a real dns.log with destination profiles (analysis_direction all). Only public profile IPs
// go to VirusTotal; the scores are enrichment only, no evidence comes from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';
import { SIMDA_DNS, onlineConfig, runOnline } from '../cache/onlineRun';
import { ManualClock } from '../cache/manualClock';
import { VtServer } from './vtServer';

const KEY = 'f'.repeat(64);

test('8.8.8.8 gets its VirusTotal counts and reverse DNS name; private hosts are not sent', async () => {
  const vt = await new VtServer(KEY).start();
  try {
    vt.reports.set('ip_addresses/8.8.8.8', { malicious: 0, suspicious: 1, harmless: 62, undetected: 29 });
    const config = onlineConfig((c) => {
      c.analysisDirection = 'all';
      c.virustotal.baseUrl = vt.url;
      c.ipInfo.rdapBaseUrl = 'http://127.0.0.1:9';
    });
    const run = await runOnline(SIMDA_DNS, config, [], {
      env: { SLIPS_VT_API_KEY: KEY },
      clock: new ManualClock(),
      cache: new FileEnrichmentCache(join(mkdtempSync(join(tmpdir(), 'vt-')), 'c.json')),
      reverseResolver: async (ip) => (ip === '8.8.8.8' ? ['dns.google.'] : []),
    });
    const info = run.engine.store.getProfile('8.8.8.8')!.info;
    assert.equal(info.get('virustotal_malicious'), '0');
    assert.equal(info.get('virustotal_suspicious'), '1');
    assert.equal(info.get('virustotal_harmless'), '62');
    assert.equal(info.get('virustotal_undetected'), '29');
    assert.equal(info.get('reverse_dns'), 'dns.google');
    assert.equal(run.engine.store.getProfile('192.168.1.116')!.info.has('virustotal_malicious'), false);
    assert.deepEqual(
      vt.requests.map((r) => r.path),
      ['/api/v3/ip_addresses/8.8.8.8'],
    );
    assert.deepEqual(run.evidence, []);
  } finally {
    await vt.stop();
  }
});
