// Builds the threat-intelligence index a run uses from the configuration: every downloaded feed
// found in the remote folder (with the level and tags its feed list gives), then the user's own
// files in the local folder, which override feeds. Missing, unreadable or malformed files become
// problems with file and line; the run goes on with whatever could be read.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_TI_PATHS } from '../../config/defaults';
import type { SlipsConfig } from '../../config/types';
import { dataFile } from '../../data/dataPath';
import { type FeedListEntry, feedFileName, feedListFromUrls, parseFeedList } from './feedList';
import { type FeedSource, parseFeed } from './parseFeed';
import { TiIndex } from './tiIndex';
import type { FeedKind, TiProblem } from './types';

export interface LoadedFile {
  file: string;
  kind: FeedKind;
  entries: number;
  rejected: number;
  /** Last-modified time of the file (epoch ms), so a report can say how old a downloaded feed is. */
  modified: number;
}

export interface ThreatIntel {
  index: TiIndex;
  files: LoadedFile[];
  problems: TiProblem[];
  /** Feeds listed but not downloaded (no file in the remote folder). */
  notDownloaded: string[];
}

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

/** The project folder: from the sources this file is in engine/enrich/ti/, in the bundle in dist/. */
export function projectFolder(): string {
  return basename(__dirname) === 'ti' ? join(__dirname, '..', '..', '..') : join(__dirname, '..');
}

/**
 * A configured path: absolute as given; relative in the working folder, then the project folder;
 * upstream's default names fall back to the copies shipped in engine/data/ti/.
 */
export function locateTiPath(
  path: string,
  shipped: string | undefined,
  cwd = process.cwd(),
): string | undefined {
  if (isAbsolute(path)) return existsSync(path) ? path : undefined;
  for (const c of [resolve(cwd, path), resolve(projectFolder(), path)]) if (existsSync(c)) return c;
  if (!shipped) return undefined;
  try {
    return dataFile(shipped);
  } catch {
    return undefined;
  }
}

function localKind(name: string): FeedKind | undefined {
  const n = name.toLowerCase();
  if (n.includes('ja3')) return 'ja3';
  if (n.includes('jarm')) return 'jarm';
  if (n.includes('md5')) return undefined; // known false-positive hashes: for the online hash lookups
  return n.endsWith('.csv') || n.endsWith('.txt') ? 'ioc' : undefined;
}

export function loadThreatIntel(config: SlipsConfig, cwd = process.cwd()): ThreatIntel {
  const ti = config.threatIntelligence;
  const out: ThreatIntel = { index: new TiIndex(), files: [], problems: [], notDownloaded: [] };
  const remoteDir = locateTiPath(ti.downloadPathForRemoteThreatIntelligence, undefined, cwd);
  for (const [path, kind, shipped] of feedLists(config)) {
    for (const feed of readFeedList(path, shipped, cwd, out.problems)) {
      const name = feedFileName(feed.url);
      const file = remoteDir ? join(remoteDir, name) : undefined;
      if (!file || !existsSync(file)) {
        out.notDownloaded.push(feed.url);
        continue;
      }
      loadFile(out, file, { file, name, kind, threatLevel: feed.threatLevel, tags: feed.tags });
    }
  }
  const localPath = ti.localThreatIntelligenceFiles;
  const isDefault = localPath === DEFAULT_TI_PATHS.localThreatIntelligenceFiles;
  const localDir = locateTiPath(localPath, isDefault ? 'ti/local_ti_files' : undefined, cwd);
  if (!localDir) {
    if (!isDefault)
      out.problems.push({
        file: localPath,
        line: 0,
        reason: `the local threat-intelligence folder ${localPath} does not exist (threatintelligence.local_threat_intelligence_files)`,
      });
  } else {
    for (const name of readdirSync(localDir).sort()) {
      const kind = localKind(name);
      if (!kind) continue;
      const file = join(localDir, name);
      // Upstream tags every indicator of a local file so.
      loadFile(out, file, { file, name, kind, threatLevel: 'medium', tags: 'local TI file' });
    }
  }
  out.index.seal();
  return out;
}

/** The configured feed lists: path (or 0.7.1 URL list), the kind of their feeds, the shipped copy. */
export function feedLists(config: SlipsConfig): [string, FeedKind, string | undefined][] {
  const ti = config.threatIntelligence;
  const lists: [string, FeedKind, string | undefined][] = [
    [ti.tiFiles, 'ioc', ti.tiFiles === DEFAULT_TI_PATHS.tiFiles ? 'ti/TI_feeds.csv' : undefined],
    [ti.ja3Feeds, 'ja3', ti.ja3Feeds === DEFAULT_TI_PATHS.ja3Feeds ? 'ti/JA3_feeds.csv' : undefined],
    [ti.sslFeeds, 'ssl', ti.sslFeeds === DEFAULT_TI_PATHS.sslFeeds ? 'ti/SSL_feeds.csv' : undefined],
  ];
  // An empty `ti_files` (0.7.1 style) lists no feeds.
  return lists.filter(([path]) => path.trim() !== '');
}

export function readFeedList(
  path: string,
  shipped: string | undefined,
  cwd: string,
  problems: TiProblem[],
): FeedListEntry[] {
  if (path.includes('://')) return feedListFromUrls(path);
  const found = locateTiPath(path, shipped, cwd);
  if (!found) {
    problems.push({ file: path, line: 0, reason: `cannot read the feed list ${path}: no such file` });
    return [];
  }
  const text = readText(found, problems);
  return text === undefined ? [] : parseFeedList(text, found, problems);
}

function readText(file: string, problems: TiProblem[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    problems.push({
      file,
      line: 0,
      reason: `cannot read ${file}: ${READ_PROBLEMS[code] ?? (err as Error).message}`,
    });
    return undefined;
  }
}

function loadFile(out: ThreatIntel, file: string, src: FeedSource): void {
  const text = readText(file, out.problems);
  if (text === undefined) return;
  const r = parseFeed(text, src, (e) => out.index.add(e, src), out.problems);
  out.files.push({ file, kind: src.kind, ...r, modified: statSync(file).mtimeMs });
}
