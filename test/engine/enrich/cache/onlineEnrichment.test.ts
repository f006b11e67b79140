// Determinism and the cache across runs, end to end through the Engine on a real dns.log: a run records
// the answers it used into enrichment.json; a replay of that file without any service gives the same
// evidence and alerts; and a second run answered from the persistent cache gives them too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YoungDomain } from '../../../../engine/detectors/youngDomain';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';
import type { Evidence } from '../../../../engine/evidence/types';
import { RdapServer } from '../rdap/rdapServer';
import { SIMDA_DNS, onlineConfig, runOnline } from './onlineRun';

const DAY_MS = 86_400_000;
const sig = (evidence: Evidence[]) => evidence.map((e) => `${e.id} ${e.evidenceType} ${e.description}`);

test('record, then replay without network or cache: the same evidence and alerts', async () => {
  const server = await new RdapServer().start();
  server.domains.set('volykyc.com', new Date(-10 * DAY_MS).toISOString());
  server.domains.set('pufymoq.com', new Date(-3 * DAY_MS).toISOString());
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const config = onlineConfig((c) => (c.ipInfo.rdapBaseUrl = server.url));
  const first = await runOnline(SIMDA_DNS, config, [new YoungDomain()], {
    cache: new FileEnrichmentCache(join(dir, 'cache.json')),
    reverseResolver: async (ip) => (ip === '192.168.1.116' ? ['desktop-116.lan'] : []),
  });
  const recordPath = first.online!.writeRecord(dir);
  await server.stop();
  assert.equal(recordPath, join(dir, 'enrichment.json'));
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as {
    version: number;
    lookups: Record<string, Record<string, unknown>>;
  };
  assert.equal(record.version, 1);
  assert.equal(record.lookups.rdap_registration!['volykyc.com'], '1969-12-22T00:00:00.000Z');
  assert.equal(record.lookups.rdap_registration!['vowyzuk.com'], null);
  assert.equal(record.lookups.reverse_dns!['192.168.1.116'], 'desktop-116.lan');
  assert.ok(first.evidence.some((e) => e.description.includes('pufymoq.com registered 3 days ago')));

  const replayConfig = onlineConfig((c) => {
    c.ipInfo.onlineLookups = false;
    c.ipInfo.replayEnrichment = recordPath;
    c.ipInfo.rdapBaseUrl = server.url;
  });
  const replay = await runOnline(SIMDA_DNS, replayConfig, [new YoungDomain()], {
    reverseResolver: () => assert.fail('a replay resolves nothing'),
  });
  assert.deepEqual(replay.problems, []);
  assert.deepEqual(sig(replay.evidence), sig(first.evidence));
  assert.deepEqual(
    replay.alerts.map((a) => a.id),
    first.alerts.map((a) => a.id),
  );
  assert.equal(replay.engine.store.getProfile('192.168.1.116')?.info.get('reverse_dns'), 'desktop-116.lan');
});

test('the next run is answered by the persistent cache (service gone): same evidence, nothing fetched', async () => {
  const server = await new RdapServer().start();
  server.domains.set('volykyc.com', new Date(-10 * DAY_MS).toISOString());
  const cachePath = join(mkdtempSync(join(tmpdir(), 'cache-')), 'cache.json');
  const config = onlineConfig((c) => (c.ipInfo.rdapBaseUrl = server.url));
  const first = await runOnline(SIMDA_DNS, config, [new YoungDomain()], {
    cache: new FileEnrichmentCache(cachePath),
  });
  const asked = server.requests.length;
  await server.stop();
  assert.ok(asked > 100);
  const second = await runOnline(SIMDA_DNS, config, [new YoungDomain()], {
    cache: new FileEnrichmentCache(cachePath),
  });
  assert.deepEqual(second.problems, first.problems);
  assert.equal(second.online!.rdap!.fetched, 0);
  assert.deepEqual(sig(second.evidence), sig(first.evidence));
  assert.equal(second.evidence.filter((e) => e.evidenceType === 'YOUNG_DOMAIN').length, 9);
});

test('a replay file that cannot be read: one line, and the run goes on without enrichment', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const bad = join(dir, 'enrichment.json');
  writeFileSync(bad, '{"version": 2}');
  const config = onlineConfig((c) => {
    c.ipInfo.onlineLookups = false;
    c.ipInfo.replayEnrichment = bad;
  });
  const run = await runOnline(SIMDA_DNS, config, [new YoungDomain()]);
  assert.deepEqual(run.problems, [
    `${bad}: not an enrichment.json of this version; this run has no online enrichment`,
  ]);
  assert.equal(run.evidence.length, 0);
});
