// The configuration of online enrichment: upstream's virustotal keys in both dialects, this engine's
// ip_info switches, and the upstream module names that turn parts of it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../engine/config/config';
import { OnlineEnrichment } from '../../../../engine/enrich/cache/onlineEnrichment';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';
import { onlineConfig } from './onlineRun';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'enrich-config-')), name);
  writeFileSync(path, text);
  return path;
}

test('YAML: virustotal and ip_info keys', () => {
  const c = loadConfig(
    file(
      'slips.yaml',
      [
        'virustotal:',
        '  api_key_file: /etc/slips/vt_key',
        '  virustotal_update_period: 3600',
        '  base_url: http://127.0.0.1:8080',
        'ip_info:',
        '  online_lookups: true',
        '  rdap_base_url: http://127.0.0.1:8081',
        '  lookup_update_period: 7200',
        '  lookup_wait: 5',
        '  replay_enrichment: out/enrichment.json',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(c.virustotal, {
    apiKeyFile: '/etc/slips/vt_key',
    updatePeriod: 3600,
    baseUrl: 'http://127.0.0.1:8080',
  });
  assert.equal(c.ipInfo.onlineLookups, true);
  assert.equal(c.ipInfo.rdapBaseUrl, 'http://127.0.0.1:8081');
  assert.equal(c.ipInfo.lookupUpdatePeriod, 7200);
  assert.equal(c.ipInfo.lookupWait, 5);
  assert.equal(c.ipInfo.replayEnrichment, 'out/enrichment.json');
  assert.deepEqual(c.ignoredKeys, []);
});

test('0.7.1 INI: [virustotal] api_key_file and virustotal_update_period', () => {
  const c = loadConfig(
    file(
      'slips.conf',
      '[virustotal]\napi_key_file = modules/virustotal/api_key_secret\nvirustotal_update_period = 259200\n',
    ),
  );
  assert.equal(c.virustotal.apiKeyFile, 'modules/virustotal/api_key_secret');
  assert.equal(c.virustotal.updatePeriod, 259200);
});

test('modules.disable: virustotal turns off VirusTotal only, ip_info reverse DNS and domain ages', () => {
  const cache = new FileEnrichmentCache(join(mkdtempSync(join(tmpdir(), 'enrich-config-')), 'c.json'));
  const problems: string[] = [];
  const noVt = OnlineEnrichment.create({
    config: onlineConfig((c) => (c.disabledModules = ['virustotal'])),
    cache,
    env: { SLIPS_VT_API_KEY: 'k' },
    onProblem: (l) => problems.push(l),
  })!;
  assert.equal(noVt.vt, undefined);
  assert.ok(noVt.rdap && noVt.rdns);
  const noIpInfo = OnlineEnrichment.create({
    config: onlineConfig((c) => (c.disabledModules = ['ip_info'])),
    cache,
    env: { SLIPS_VT_API_KEY: 'k' },
    onProblem: (l) => problems.push(l),
  })!;
  assert.ok(noIpInfo.vt);
  assert.equal(noIpInfo.rdap, undefined);
  assert.equal(noIpInfo.rdns, undefined);
  assert.deepEqual(problems, []);
});
