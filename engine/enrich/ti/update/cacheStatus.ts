// The line an analysis run prints about its threat intelligence: how many feeds it has, how many
// indicators they hold and how old the oldest is, plus a warning when some are past the update period.
// It reads the updater's state file and the folder listing only, never the feeds, and never fetches:
// analysis runs on whatever is cached.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SlipsConfig } from '../../../config/types';
import type { TiProblem } from '../types';
import { readFeedStates } from './feedState';
import { formatCount, formatDuration } from './formatting';
import { listedFeeds } from './listedFeeds';
import { remoteFeedsFolder } from './remoteFolder';

/** `now` is the wall clock (epoch ms): the age of a download is about the machine, not the traffic. */
export function threatIntelStatus(config: SlipsConfig, now: number, cwd = process.cwd()): string[] {
  // Feed-list problems are the analysis' to report (loadThreatIntel), not this line's.
  const feeds = listedFeeds(config, [] as TiProblem[], cwd);
  const folder = remoteFeedsFolder(config, cwd);
  const states = folder ? readFeedStates(folder, () => undefined).feeds : {};
  let downloaded = 0;
  let iocs = 0;
  let unknownCounts = 0;
  let oldest = Infinity;
  let expired = 0;
  const period = config.threatIntelligence.updatePeriod;
  for (const f of feeds) {
    const file = folder ? join(folder, f.file) : undefined;
    if (!file || !existsSync(file)) continue;
    downloaded++;
    const s = states[f.file]?.url === f.url ? states[f.file] : undefined;
    if (s?.entries === undefined) unknownCounts++;
    else iocs += s.entries;
    const checked = s?.checkedAt ? Date.parse(s.checkedAt) : statSync(file).mtimeMs;
    oldest = Math.min(oldest, checked);
    if (now - checked > period * 1000) expired++;
  }
  if (!feeds.length) return ['threat intelligence: no feeds listed; only the local lists are used'];
  if (!downloaded)
    return [
      `threat intelligence: none of the ${feeds.length} listed feeds is downloaded yet ` +
        `(run 'slips ti update'); only the local lists are used`,
    ];
  const counted = unknownCounts ? ` (${unknownCounts} feeds not counted: copied in by hand)` : '';
  const lines = [
    `threat intelligence: ${downloaded} of ${feeds.length} feeds, ${formatCount(iocs)} IoCs${counted}, ` +
      `oldest checked ${formatDuration((now - oldest) / 1000)} ago`,
  ];
  if (expired)
    lines.push(
      `threat intelligence: warning: ${expired} feeds were last checked more than ${formatDuration(period)} ago ` +
        `(TI_files_update_period); run 'slips ti update' to refresh them`,
    );
  return lines;
}
