// Opening the Redis database an analysis goes to: a clear one-sentence error when it cannot be reached at
// the start, and a database that already holds keys is reported rather than written over (it may be
// another tool's data, or a saved analysis someone still wants), unless the user asks to replace it.
import { Redis } from 'ioredis';
import { KEYS, SCHEMA } from './slipsKeys';

export class RedisStoreError extends Error {}

/** How long the first connection may take before the run gives up. */
const CONNECT_TIMEOUT_MS = 3000;
/** Backoff between reconnection attempts during a run (ms): quick at first, then every half second. */
const RECONNECT_STEP_MS = 50;
const RECONNECT_MAX_MS = 500;

/** Checks the URL's form so the user gets one sentence naming what is wrong with it. */
export function checkRedisUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisStoreError(`'${url}' is not a Redis URL: give redis://HOST:PORT/DB`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new RedisStoreError(`'${url}' is not a Redis URL: give redis://HOST:PORT/DB`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new RedisStoreError(
      `'${url}' names database '${db}': the database is a number, as in redis://HOST:PORT/0`,
    );
}

/** Connects once; after that the client reconnects by itself for as long as the run lasts. */
export async function connectRedis(url: string): Promise<Redis> {
  checkRedisUrl(url);
  let started = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    // Writes never queue inside the client: the write-behind queue keeps them and resends them itself.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => (started ? Math.min(times * RECONNECT_STEP_MS, RECONNECT_MAX_MS) : null),
  });
  let lastError: Error | undefined;
  // Errors surface through failed commands and the 'close' event; without a listener they would crash.
  redis.on('error', (err: Error) => (lastError = err));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const why = (lastError ?? (err as Error)).message;
    throw new RedisStoreError(`cannot reach Redis at ${url} (${why}): start redis-server or fix --redis`);
  }
  started = true;
  return redis;
}

/** What an existing database holds, in words, for the refusal message. */
async function describeContents(redis: Redis, keys: number): Promise<string> {
  const marker = await redis.hget(KEYS.marker, 'schema').catch(() => null);
  if (marker === SCHEMA) return `a saved analysis (${keys} keys)`;
  const type = await redis.type(KEYS.profiles);
  if (type !== 'none' && type !== 'zset')
    return `${keys} keys that are not a Slips analysis ('${KEYS.profiles}' is a ${type}, Slips keeps a zset there)`;
  return `${keys} keys of another program or Slips run`;
}

/**
 * Opens `url` for a new analysis: refuses a database that is not empty unless `replace` is set, in which
 * case its keys are deleted first (FLUSHDB of that database only).
 */
export async function openRedisForAnalysis(url: string, replace: boolean): Promise<Redis> {
  const redis = await connectRedis(url);
  try {
    const keys = await redis.dbsize();
    if (keys > 0) {
      if (!replace) {
        const what = await describeContents(redis, keys);
        throw new RedisStoreError(
          `${url} already holds ${what}: use an empty database or pass --redis-replace to delete them`,
        );
      }
      await redis.flushdb();
    }
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return redis;
}
