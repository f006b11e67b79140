// Every feed the configured feed lists name, with the file it is kept under. Two URLs ending in the same
// file name would overwrite each other's copy; the second one is left out and reported.
import type { SlipsConfig } from '../../../config/types';
import { feedFileName } from '../feedList';
import { feedLists, readFeedList } from '../loadThreatIntel';
import type { TiProblem } from '../types';
import type { FeedToUpdate } from './updateFeeds';

export function listedFeeds(config: SlipsConfig, problems: TiProblem[], cwd = process.cwd()): FeedToUpdate[] {
  const out: FeedToUpdate[] = [];
  const byFile = new Map<string, string>();
  for (const [path, kind, shipped] of feedLists(config)) {
    for (const f of readFeedList(path, shipped, cwd, problems)) {
      const file = feedFileName(f.url);
      const first = byFile.get(file);
      if (first !== undefined) {
        if (first !== f.url)
          problems.push({
            file: path,
            line: 0,
            reason: `${f.url} would be kept as ${file} like ${first}; only the first is used`,
          });
        continue;
      }
      byFile.set(file, f.url);
      out.push({ url: f.url, file, kind, threatLevel: f.threatLevel, tags: f.tags });
    }
  }
  return out;
}
