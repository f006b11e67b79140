// With the analysis in Redis, the enrichment cache lives in database 1 of the same server (upstream's
// cache DB, quirk Q19): apart from the analysis in DB 0, shared by every run against that server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisEnrichmentCache, cacheUrlOf } from '../../../../engine/enrich/cache/redisCache';
import { startRedis } from '../../../helpers/redisServer';

test('the cache URL is the analysis server with database 1', () => {
  assert.equal(cacheUrlOf('redis://127.0.0.1:6390/0'), 'redis://127.0.0.1:6390/1');
  assert.equal(cacheUrlOf('redis://127.0.0.1:6390'), 'redis://127.0.0.1:6390/1');
});

test('answers go to DB 1 and are read back by the next run; DB 0 stays untouched', async () => {
  const server = await startRedis();
  try {
    const first = new RedisEnrichmentCache(server.url(0));
    first.set('reverse_dns', '10.0.0.1', { v: 'printer.lan', t: 1000 });
    first.set('virustotal_ip', '185.53.178.7', {
      v: { malicious: 7, suspicious: 0, harmless: 1, undetected: 2 },
      t: 1001,
    });
    await first.close();

    const second = new RedisEnrichmentCache(server.url(0));
    assert.deepEqual(await second.get('reverse_dns', '10.0.0.1'), { v: 'printer.lan', t: 1000 });
    assert.equal(await second.get('reverse_dns', '10.0.0.2'), undefined);
    await second.close();

    const db0 = new Redis(server.url(0));
    const db1 = new Redis(server.url(1));
    assert.equal(await db0.dbsize(), 0);
    assert.deepEqual((await db1.keys('*')).sort(), [
      'slips_notebooks_enrichment:reverse_dns',
      'slips_notebooks_enrichment:virustotal_ip',
    ]);
    // A value that is not an entry reads as a miss, not a crash.
    await db1.hset('slips_notebooks_enrichment:reverse_dns', '10.0.0.9', 'not json');
    const third = new RedisEnrichmentCache(server.url(0));
    assert.equal(await third.get('reverse_dns', '10.0.0.9'), undefined);
    await third.close();
    db0.disconnect();
    db1.disconnect();
  } finally {
    await server.stop();
  }
});

test('a Redis that went away: reads miss, failed writes are one line at close', async () => {
  const server = await startRedis();
  const problems: string[] = [];
  const cache = new RedisEnrichmentCache(server.url(0), (l) => problems.push(l));
  await cache.get('reverse_dns', 'x');
  await server.stop();
  assert.equal(await cache.get('reverse_dns', '10.0.0.1'), undefined);
  cache.set('reverse_dns', '10.0.0.1', { v: 'a', t: 1 });
  cache.set('reverse_dns', '10.0.0.2', { v: 'b', t: 1 });
  await cache.close();
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^redis:\/\/127\.0\.0\.1:\d+\/1: some enrichment answers were not cached: /);
});
