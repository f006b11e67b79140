// The enrichment cache file: kept across runs, merged when two runs write, and a corrupted file
// costs one line and an empty start, never the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'enrich-cache-')), 'sub', 'enrichment-cache.json');

test('answers written by one run are read by the next', async () => {
  const path = fresh();
  const first = new FileEnrichmentCache(path);
  assert.equal(await first.get('reverse_dns', '10.0.0.1'), undefined);
  first.set('reverse_dns', '10.0.0.1', { v: 'printer.lan', t: 1000 });
  first.set('rdap_registration', 'nowhere.example', { v: null, t: 1001 });
  await first.close();
  const second = new FileEnrichmentCache(path);
  assert.deepEqual(await second.get('reverse_dns', '10.0.0.1'), { v: 'printer.lan', t: 1000 });
  assert.deepEqual(await second.get('rdap_registration', 'nowhere.example'), { v: null, t: 1001 });
});

test('two runs writing: both keep their answers, the newer of the same key wins', async () => {
  const path = fresh();
  const a = new FileEnrichmentCache(path);
  const b = new FileEnrichmentCache(path);
  a.set('reverse_dns', '10.0.0.1', { v: 'old.lan', t: 1000 });
  a.set('reverse_dns', '10.0.0.2', { v: 'two.lan', t: 1000 });
  b.set('reverse_dns', '10.0.0.1', { v: 'new.lan', t: 2000 });
  await b.close();
  await a.close();
  const c = new FileEnrichmentCache(path);
  assert.equal((await c.get('reverse_dns', '10.0.0.1'))?.v, 'new.lan');
  assert.equal((await c.get('reverse_dns', '10.0.0.2'))?.v, 'two.lan');
});

test('a corrupted file: one line, an empty cache, and the next write replaces it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enrich-cache-'));
  const path = join(dir, 'enrichment-cache.json');
  writeFileSync(path, '{"version": 1, "namespaces": {"reverse_dns": {"10.0.0.1": {"v": "x", "t": 1');
  const problems: string[] = [];
  const cache = new FileEnrichmentCache(path, (l) => problems.push(l));
  assert.equal(problems.length, 1);
  assert.match(
    problems[0]!,
    /enrichment-cache\.json: the enrichment cache is corrupted \(.*\); starting with an empty cache$/,
  );
  assert.equal(await cache.get('reverse_dns', '10.0.0.1'), undefined);
  cache.set('reverse_dns', '10.0.0.3', { v: 'three.lan', t: 5 });
  await cache.close();
  assert.equal(problems.length, 1);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
    version: 1,
    namespaces: { reverse_dns: { '10.0.0.3': { v: 'three.lan', t: 5 } } },
  });
});

test('an entry without a time is corruption too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enrich-cache-'));
  const path = join(dir, 'c.json');
  writeFileSync(
    path,
    JSON.stringify({ version: 1, namespaces: { reverse_dns: { '10.0.0.1': { v: 'x' } } } }),
  );
  const problems: string[] = [];
  new FileEnrichmentCache(path, (l) => problems.push(l));
  assert.match(problems[0]!, /entry reverse_dns\/10\.0\.0\.1 has no value and time/);
});
