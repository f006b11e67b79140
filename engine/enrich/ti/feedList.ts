// The feed lists (`TI_feeds.csv`, `JA3_feeds.csv`, `SSL_feeds.csv`): one `URL,threat level,tags`
// per line; `#` and `;` lines are comments. 0.7.1 configs give `ti_files` as comma-separated URLs
// instead of a file, which reads as the same list with the default level.
import type { ThreatLevel } from '../../evidence/types';
import { THREAT_LEVEL_NAMES } from './classify';
import type { TiProblem } from './types';

export interface FeedListEntry {
  url: string;
  threatLevel: ThreatLevel;
  tags: string;
}

export function parseFeedList(text: string, file: string, problems: TiProblem[]): FeedListEntry[] {
  const out: FeedListEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const comma = line.indexOf(',');
    // A stray backquote starts one line of upstream's TI_feeds.csv.
    const url = (comma < 0 ? line : line.slice(0, comma)).replace(/^[`"'\s]+|["'\s]+$/g, '');
    if (!/^https?:\/\/\S+$/.test(url)) {
      problems.push({ file, line: i + 1, reason: `not a feed URL: ${line.slice(0, 80)}` });
      continue;
    }
    const rest = comma < 0 ? '' : line.slice(comma + 1);
    const c2 = rest.indexOf(',');
    const level = (c2 < 0 ? rest : rest.slice(0, c2)).replace(/["'\s]/g, '').toLowerCase();
    const known = (THREAT_LEVEL_NAMES as readonly string[]).includes(level);
    if (level && !known)
      problems.push({ file, line: i + 1, reason: `unknown threat level '${level}'; using medium` });
    out.push({
      url,
      threatLevel: known ? (level as ThreatLevel) : 'medium',
      tags: c2 < 0 ? '' : rest.slice(c2 + 1).trim(),
    });
  }
  return out;
}

export function feedListFromUrls(value: string): FeedListEntry[] {
  return value
    .split(',')
    .map((u) => u.trim())
    .filter((u) => /^https?:\/\//.test(u))
    .map((url) => ({ url, threatLevel: 'medium' as const, tags: '' }));
}

/** The name a downloaded feed is kept under: the last part of its URL path (as upstream). */
export function feedFileName(url: string): string {
  const path = url.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || 'index';
}
