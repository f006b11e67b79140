// The Redis store through the real command line and a real redis-server: alerts.json is byte-identical
// with the memory store and with Redis, Redis holds the run's profiles, windows, evidence and alerts under
// Slips' key names, an unreachable Redis stops the run with one sentence, and a database holding
// someone else's keys is refused rather than written into.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DATA } from '../../../helpers/data';
import { startRedis, type RedisServer } from '../../../helpers/redisServer';

const ROOT = join(__dirname, '../../../..');

const INPUTS = [
  join(ROOT, 'samples/test4-malicious.binetflow'),
  join(ROOT, 'samples/test9-mixed-zeek-dir'),
  join(DATA, 'zeek/slips/port-scans/vertical/conn.log'),
  join(DATA, 'suricata/slips/test6-malicious.suricata.json'),
  join(DATA, 'binetflow/slips/test3-mixed.binetflow'),
];

let server: RedisServer;
before(async () => {
  server = await startRedis();
});
after(async () => {
  await server.stop();
});

function slips(args: string[]): { status: number | null; stderr: string; out: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'slips-redis-cli-')), 'o');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/slips.js'), ...args, '-o', out, '-q'], {
    encoding: 'utf8',
    env: { ...process.env, SLIPS_FIXED_CLOCK: '2024-01-01T00:00:00Z' },
  });
  return { status: r.status, stderr: r.stderr, out };
}

async function sumOfHashLengths(redis: Redis, pattern: string): Promise<number> {
  let n = 0;
  for await (const keys of redis.scanStream({ match: pattern, count: 1000 }))
    for (const k of keys as string[]) n += await redis.hlen(k);
  return n;
}

INPUTS.forEach((input, i) => {
  test(`${input.slice(ROOT.length - 4)}: alerts.json identical with the memory and the Redis store`, async () => {
    const db = i + 1;
    const mem = slips(['-f', input]);
    assert.equal(mem.status, 0, mem.stderr);
    const red = slips(['-f', input, '--redis', server.url(db)]);
    assert.equal(red.status, 0, red.stderr);
    const alertsMem = readFileSync(join(mem.out, 'alerts.json'));
    assert.ok(alertsMem.length > 0, 'the input raises evidence');
    assert.ok(alertsMem.equals(readFileSync(join(red.out, 'alerts.json'))), 'alerts.json differs');

    const summary = JSON.parse(readFileSync(join(red.out, 'summary.json'), 'utf8'));
    const redis = new Redis(server.url(db));
    try {
      assert.equal(await redis.zcard('profiles'), summary.profiles);
      assert.equal(await redis.hlen('sn:timewindows'), summary.timewindows);
      assert.equal(await sumOfHashLengths(redis, 'profile_*_evidence'), summary.evidence);
      assert.equal(await redis.hlen('sn:alerts'), summary.alerts);
      assert.equal(Number(await redis.get('number_of_evidence')), summary.evidence);
      assert.equal(await redis.hget('sn:analysis', 'state'), 'complete');
      // Every profile has its hash and its windows' zset, as Slips' readers expect.
      const [pid] = await redis.zrange('profiles', 0, 0);
      assert.ok(await redis.hget(pid!, 'starttime'));
      assert.ok((await redis.zcard(`tws${pid}`)) > 0);
    } finally {
      redis.disconnect();
    }
  });
});

test('the Redis content is the same on a second run (deterministic writes)', async () => {
  const input = INPUTS[0]!;
  const dump = async (db: number) => {
    const redis = new Redis(server.url(db));
    try {
      const out: string[] = [];
      const keys = (await redis.keys('*')).sort();
      for (const k of keys) {
        const type = await redis.type(k);
        if (type === 'hash') out.push(k, JSON.stringify(Object.entries(await redis.hgetall(k)).sort()));
        else if (type === 'zset') out.push(k, JSON.stringify(await redis.zrange(k, 0, -1, 'WITHSCORES')));
        else if (type === 'set') out.push(k, JSON.stringify((await redis.smembers(k)).sort()));
        else out.push(k, String(await redis.get(k)));
      }
      return out.join('\n');
    } finally {
      redis.disconnect();
    }
  };
  for (const db of [10, 11]) assert.equal(slips(['-f', input, '--redis', server.url(db)]).status, 0);
  const a = await dump(10);
  assert.ok(a.includes('profile_192.168.2.12_timewindow1:OutTuples:symbols'));
  // The summary records the input path as given, the same in both runs.
  assert.equal(a, await dump(11));
});

test('an unreachable Redis stops the run with exit 2 and one sentence', async () => {
  const gone = await startRedis();
  const url = gone.url(0);
  await gone.stop();
  const r = slips(['-f', INPUTS[0]!, '--redis', url]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slips: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.+\): .+\n$/);
});

test('a malformed Redis URL is one sentence and exit 2', () => {
  const r = slips(['-f', INPUTS[0]!, '--redis', 'http://127.0.0.1:6379/0']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slips: 'http:\/\/127\.0\.0\.1:6379\/0' is not a Redis URL: .+\n$/);
});

test('a database holding foreign keys under Slips names is refused, and replaced only when asked', async () => {
  const db = 12;
  const redis = new Redis(server.url(db));
  try {
    await redis.sadd('profiles', 'not-a-profile');
    await redis.set('profile_10.0.0.1', 'garbage');
    const r = slips(['-f', INPUTS[0]!, '--redis', server.url(db)]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /already holds 2 keys that are not a Slips analysis \('profiles' is a set/);
    assert.equal(await redis.type('profiles'), 'set', 'the foreign keys are left alone');

    const replaced = slips(['-f', INPUTS[0]!, '--redis', server.url(db), '--redis-replace']);
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.equal(await redis.type('profiles'), 'zset');
    assert.equal(await redis.hget('sn:analysis', 'state'), 'complete');
  } finally {
    redis.disconnect();
  }
});

test('a second run into the database of a saved analysis is refused', () => {
  const r = slips(['-f', INPUTS[0]!, '--redis', server.url(1)]);
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /already holds a saved analysis \(\d+ keys\): use an empty database or pass --redis-replace/,
  );
});

test('slips alerts --redis reopens a saved analysis: the same alert lines as its alerts.log', async () => {
  const db = 13;
  const run = slips(['-f', INPUTS[0]!, '--redis', server.url(db)]);
  assert.equal(run.status, 0, run.stderr);
  const logged = readFileSync(join(run.out, 'alerts.log'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('Generated an alert'));
  assert.ok(logged.length > 0);
  const reopen = (): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [join(ROOT, 'bin/slips.js'), 'alerts', '--redis', server.url(db)], {
      encoding: 'utf8',
      env: { ...process.env, SLIPS_FIXED_CLOCK: '2024-01-01T00:00:00Z' },
    });
  const r = reopen();
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    r.stdout.split('\n').filter((l) => l.includes('Generated an alert')),
    logged,
  );

  // A stored alert someone altered is reported with its key and skipped; the others are still shown.
  const redis = new Redis(server.url(db));
  try {
    const [id] = await redis.hkeys('sn:alerts');
    await redis.hset('sn:alerts', id!, '{"seq":0,"alert":{"id":"x"}}');
  } finally {
    redis.disconnect();
  }
  const altered = reopen();
  assert.equal(altered.status, 1);
  assert.match(altered.stderr, /sn:alerts field [0-9a-f-]+: id, profile or ip is not a string \(skipped\)/);
  assert.equal(
    altered.stdout.split('\n').filter((l) => l.includes('Generated an alert')).length,
    logged.length - 1,
  );
});

test('slips alerts --redis on a database without an analysis of ours is refused with one sentence', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/slips.js'), 'alerts', '--redis', server.url(14)], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /^slips: redis:\/\/127\.0\.0\.1:\d+\/14 holds no analysis of this engine \('sn:analysis' is missing\)\n$/,
  );
});
