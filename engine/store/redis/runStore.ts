// The Redis store of one command-line run: opened before the input so an unreachable Redis stops the run
// with one sentence, and finished after it with the run's summary.
import type { Summary } from '../../summary';
import { openRedisForAnalysis } from './openRedis';
import { RedisStore } from './redisStore';

export interface RedisRunOptions {
  url: string;
  /** Delete what the database holds first instead of refusing a database that is not empty. */
  replace: boolean;
}

export async function openRunStore(
  o: RedisRunOptions,
  width: number,
  onProblem: (message: string) => void,
): Promise<RedisStore> {
  const redis = await openRedisForAnalysis(o.url, o.replace);
  return new RedisStore(redis, { width, onProblem });
}

/** Marks the analysis complete and waits until Redis has stored all of it; the error sentence if it could not. */
export async function finishRunStore(store: RedisStore, summary: Summary): Promise<string | undefined> {
  store.finishAnalysis(summary);
  try {
    await store.close();
    return undefined;
  } catch (err) {
    return `the analysis is not complete in Redis: ${(err as Error).message}`;
  }
}
