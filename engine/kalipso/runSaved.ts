// `slips kalipso SNAPSHOT` and `slips kalipso --redis URL`: Kalipso over an analysis made earlier (or
// still being made, in Redis) instead of analysing an input here. Over Redis the screen re-reads the
// database every few seconds until the run marks it complete.
import { RedisStoreError } from '../store/redis/openRedis';
import { readSnapshot } from '../store/snapshot/readSnapshot';
import { SnapshotError } from '../store/snapshot/snapshotFile';
import { KalipsoApp } from './app';
import { RedisSource } from './redisSource';
import { colourWanted } from './run';
import { snapshotSource } from './snapshotSource';
import type { KalipsoSource } from './source';

/** How often the screen re-reads a growing analysis in Redis (`o` forces it). */
const REFRESH_MS = 2000;

export type SavedTarget = { kind: 'snapshot'; path: string } | { kind: 'redis'; url: string };

export async function runKalipsoSaved(target: SavedTarget): Promise<number> {
  let source: KalipsoSource;
  let redis: RedisSource | undefined;
  try {
    if (target.kind === 'redis') source = redis = await RedisSource.open(target.url);
    else source = await snapshotSource(target.path, await readSnapshot(target.path));
  } catch (err) {
    if (err instanceof RedisStoreError || err instanceof SnapshotError) return fail(err.message);
    throw err;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    redis?.close();
    return fail('kalipso needs a terminal: run it in an interactive shell (or tmux/ssh -t)');
  }
  const app = new KalipsoApp(source, { colour: colourWanted() });
  let running = true;
  let wake: (() => void) | undefined;
  // One refresh at a time (a big window takes seconds to read), until the run has marked itself complete.
  const refreshing = (async () => {
    while (redis && running && !redis.complete) {
      await new Promise<void>((r) => {
        const timer = setTimeout(r, REFRESH_MS);
        wake = () => (clearTimeout(timer), r());
      });
      if (running) await app.reload(false);
    }
  })();
  await app.run();
  running = false;
  wake?.();
  await refreshing;
  redis?.close();
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}
