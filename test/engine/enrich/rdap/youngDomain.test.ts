// YOUNG_DOMAIN on a real Zeek dns.log (Simda botnet, 005-zeek-scenario-malicious) with a local RDAP
// server that says volykyc.com was registered 10 days before the capture and pufymoq.com 400 days
// before; every other name is unknown (404). Ages are counted to each query's own time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YoungDomain } from '../../../../engine/detectors/youngDomain';
import { createDetectors } from '../../../../engine/detectors/registry';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import type { Evidence } from '../../../../engine/evidence/types';
import { RdapServer } from './rdapServer';
import { SIMDA_DNS, onlineConfig, runOnline } from '../cache/onlineRun';

const DAY_MS = 86_400_000;
/** The capture's timestamps are seconds after 1970-01-01 (13 s to 351 s). */
const TEN_DAYS_BEFORE = new Date(-10 * DAY_MS).toISOString();
const LONG_BEFORE = new Date(-400 * DAY_MS).toISOString();

const young = (evidence: Evidence[]) => evidence.filter((e) => e.evidenceType === 'YOUNG_DOMAIN');
const brief = (e: Evidence) => `${e.timestamp} ${e.attacker.direction} ${e.attacker.value} ${e.threatLevel}`;

async function rdap(): Promise<RdapServer> {
  const server = await new RdapServer().start();
  server.domains.set('volykyc.com', TEN_DAYS_BEFORE);
  server.domains.set('pufymoq.com', LONG_BEFORE);
  return server;
}

test('the 7 queries of volykyc.com: one info evidence per querying host, one low per answer IP', async () => {
  const server = await rdap();
  const cachePath = join(mkdtempSync(join(tmpdir(), 'young-')), 'cache.json');
  try {
    const config = onlineConfig((c) => (c.ipInfo.rdapBaseUrl = server.url));
    const run = await runOnline(SIMDA_DNS, config, [new YoungDomain()], {
      cache: new FileEnrichmentCache(cachePath),
    });
    assert.deepEqual(run.problems, [
      'VirusTotal: no API key (/nonexistent/vt_api_key does not exist and SLIPS_VT_API_KEY is not set); VirusTotal lookups are off',
    ]);
    const found = young(run.evidence);
    assert.deepEqual(found.map(brief), [
      '181.874817 SRC fd77:48a1:c0bb:0:b96c:506d:6c7f:e8be info',
      '182.874395 DST 185.53.178.7 low',
      '182.874395 SRC 192.168.1.116 info',
      '187.050726 SRC fd77:48a1:c0bb:0:b96c:506d:6c7f:e8be info',
      '188.059625 DST 54.72.9.51 low',
      '188.059625 SRC 192.168.1.116 info',
      '188.095313 SRC 192.168.1.116 info',
      '188.149552 SRC 192.168.1.116 info',
      '188.209793 SRC 192.168.1.116 info',
    ]);
    for (const e of found) {
      assert.equal(e.description, 'connection to a young domain: volykyc.com registered 10 days ago.');
      assert.equal(e.confidence, 1);
      assert.equal(e.module, 'flow_alerts');
    }
    // The answer's evidence and the host's are linked both ways.
    const [answer, host] = [found[1]!, found[2]!];
    assert.deepEqual(answer.relIds, [host.id]);
    assert.deepEqual(host.relIds, [answer.id]);
    assert.equal(host.uids[0], 'CXZErASbJYeLEtgKa');
    // Each registrable domain was asked once (369 names in the log, fewer domains).
    assert.equal(new Set(server.requests).size, server.requests.length);
    assert.ok(server.requests.includes('/domain/volykyc.com'));
    assert.ok(
      !server.requests.some((r) => r.endsWith('.arpa') || r.endsWith('.local') || r === '/domain/wpad'),
    );
  } finally {
    await server.stop();
  }
});

test('60 days before a query is not young; 59 days is (whole days, to the query time)', async () => {
  const server = await new RdapServer().start();
  try {
    // The first queries of each name: volykyc.com at 181.874817 s, pufymoq.com at 181.877914 s.
    server.domains.set('volykyc.com', new Date(181_874.817 - 60 * DAY_MS - 500).toISOString());
    server.domains.set('pufymoq.com', new Date(181_877.914 - 59 * DAY_MS - 1000).toISOString());
    const config = onlineConfig((c) => (c.ipInfo.rdapBaseUrl = server.url));
    const cache = new FileEnrichmentCache(join(mkdtempSync(join(tmpdir(), 'young-')), 'c.json'));
    const run = await runOnline(SIMDA_DNS, config, [new YoungDomain()], { cache });
    const found = young(run.evidence);
    assert.ok(found.length > 0);
    assert.deepEqual(
      [...new Set(found.map((e) => e.description))],
      ['connection to a young domain: pufymoq.com registered 59 days ago.'],
    );
  } finally {
    await server.stop();
  }
});

test('offline (the default): no lookups, no YOUNG_DOMAIN, no line', async () => {
  const server = await rdap();
  try {
    const config = onlineConfig((c) => {
      c.ipInfo.onlineLookups = false;
      c.ipInfo.rdapBaseUrl = server.url;
    });
    const run = await runOnline(SIMDA_DNS, config, [new YoungDomain()]);
    assert.equal(run.online, undefined);
    assert.deepEqual(young(run.evidence), []);
    assert.deepEqual(server.requests, []);
    assert.equal(DEFAULT_CONFIG.ipInfo.onlineLookups, false);
  } finally {
    await server.stop();
  }
});

test('the detector is registered with flow_alerts', () => {
  const d = createDetectors(DEFAULT_CONFIG).find((x) => x instanceof YoungDomain);
  assert.equal(d?.name, 'flow_alerts');
});
