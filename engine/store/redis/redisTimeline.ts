// The timeline of a run kept in Redis: the engine's own TimelineSink builds each closed window's
// entries (the same as timeline.jsonl), and the Redis store writes them under upstream's timeline key,
// so Kalipso over Redis shows what Kalipso over the run shows.
import type { SlipsConfig } from '../../config/types';
import { shippedServiceNames } from '../../data/services';
import type { OutputSink } from '../../output/sink';
import { TimelineSink } from '../../output/timeline/timelineSink';
import type { RedisStore } from './redisStore';

export function redisTimelineSink(store: RedisStore, config: SlipsConfig): OutputSink {
  return new TimelineSink(
    [{ window: (ip, tw, entries) => store.writeTimeline(ip, tw.number, entries), close: () => {} }],
    { humanTimestamp: config.timelineHumanTimestamp, ports: shippedServiceNames() },
  );
}
