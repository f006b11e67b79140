// A redis-server killed and restarted empty on the same port in the middle of a run: the Redis store
// reconnects, writes again what the server lost and what was not acknowledged, and at the end Redis holds
// exactly the run's evidence, alerts, profiles and windows, none lost and none doubled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Accounting } from '../../../../engine/inputs/accounting';
import { openReader } from '../../../../engine/inputs/openReader';
import { Engine } from '../../../../engine/engine';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createDetectors } from '../../../../engine/detectors/registry';
import { generateConnLog } from '../../../../engine/bench/generateConnLog';
import { openRedisForAnalysis } from '../../../../engine/store/redis/openRedis';
import { RedisStore } from '../../../../engine/store/redis/redisStore';
import type { Store } from '../../../../engine/store/store';
import type { Summary } from '../../../../engine/summary';
import { DATA } from '../../../helpers/data';
import { startRedis, type RedisServer } from '../../../helpers/redisServer';

let server: RedisServer;
let input: string;
before(async () => {
  server = await startRedis();
  // About 15 reader batches of real conn.log traffic, so the server can go away between batches.
  input = await generateConnLog(
    DATA,
    join(mkdtempSync(join(tmpdir(), 'slips-redis-gen-')), 'conn.log'),
    60_000,
  );
});
after(async () => {
  await server.stop();
});

async function analyse(
  store: Store | undefined,
  onBatch?: (n: number) => void,
): Promise<Engine & { summary?: Summary }> {
  const accounting = new Accounting();
  let batches = 0;
  const engine: Engine & { summary?: Summary } = new Engine(DEFAULT_CONFIG, {
    store,
    detectors: createDetectors(DEFAULT_CONFIG),
    onProgress: () => onBatch?.(++batches),
  });
  engine.summary = await engine.run(await openReader(input, { accounting }), accounting, input);
  return engine;
}

function evidenceIds(store: Store): string[] {
  const ids: string[] = [];
  for (const p of store.profiles())
    for (const tw of p.windows.values()) for (const e of tw.evidence) ids.push(e.id);
  return ids.sort();
}

async function redisEvidenceIds(redis: Redis): Promise<string[]> {
  const ids: string[] = [];
  for await (const keys of redis.scanStream({ match: 'profile_*_evidence', count: 1000 }))
    for (const k of keys as string[]) ids.push(...(await redis.hkeys(k)));
  return ids.sort();
}

for (const [name, killAt, restartAt] of [
  ['killed and restarted at once', 4, 4],
  ['down for several batches', 3, 9],
] as const) {
  test(`redis-server ${name} mid-run: nothing lost, nothing doubled`, async () => {
    const reference = await analyse(undefined);
    assert.ok(reference.summary!.evidence > 0 && reference.summary!.alerts > 0, 'the input raises alerts');

    const db = restartAt === killAt ? 0 : 1;
    const problems: string[] = [];
    const store = new RedisStore(await openRedisForAnalysis(server.url(db), true), {
      width: DEFAULT_CONFIG.timeWindowWidth,
      onProblem: (m) => problems.push(m),
    });
    let down: Promise<void> = Promise.resolve();
    let up: Promise<void> = Promise.resolve();
    const run = await analyse(store, (n) => {
      if (n === killAt) down = server.kill();
      if (n === restartAt) up = down.then(() => server.restart());
    });
    await up;
    store.finishAnalysis(run.summary!);
    await store.close();

    assert.ok(store.writeStats.reconnections >= 1, 'the store reconnected');
    assert.ok(
      problems.some((p) => p.includes('came back empty')),
      problems.join('\n'),
    );
    const s = run.summary!;
    assert.deepEqual(
      { evidence: s.evidence, alerts: s.alerts, profiles: s.profiles, timewindows: s.timewindows },
      {
        evidence: reference.summary!.evidence,
        alerts: reference.summary!.alerts,
        profiles: reference.summary!.profiles,
        timewindows: reference.summary!.timewindows,
      },
    );
    const redis = new Redis(server.url(db));
    try {
      const inRedis = await redisEvidenceIds(redis);
      assert.equal(new Set(inRedis).size, inRedis.length);
      assert.deepEqual(inRedis, evidenceIds(reference.store));
      assert.equal(await redis.hlen('sn:alerts'), s.alerts);
      assert.equal(await redis.zcard('profiles'), s.profiles);
      assert.equal(await redis.hlen('sn:timewindows'), s.timewindows);
      assert.equal(await redis.hget('sn:analysis', 'state'), 'complete');
    } finally {
      redis.disconnect();
    }
  });
}
