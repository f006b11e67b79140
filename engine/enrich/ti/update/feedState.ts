// What `slips ti update` remembers about each downloaded feed, kept as one small JSON file beside the
// feeds: the validators for the next conditional request, when the server was last asked, what the
// kept copy holds, and how the last attempt went. Analysis runs read it to say how old the cache is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedKind } from '../types';
import { writeFileAtomic } from './writeFileAtomic';

export const STATE_FILE = 'feeds_metadata.json';
const STATE_VERSION = 1;

export interface FeedState {
  url: string;
  /** The file the feed is kept under in the remote-feeds folder. */
  file: string;
  kind: FeedKind;
  etag?: string;
  lastModified?: string;
  /** Last time the server answered with a usable copy or "not modified" (ISO); the update period counts from here. */
  checkedAt?: string;
  /** When the kept copy was written (ISO). */
  fetchedAt?: string;
  /** Indicators and unusable lines in the kept copy, counted by the same parser the analysis uses. */
  entries?: number;
  rejected?: number;
  bytes?: number;
  sha256?: string;
  /** How the last attempt went: updated, unchanged, not-modified, failed, refused, rate-limited. */
  status: string;
  /** Why the last attempt failed (when it did). */
  error?: string;
  /** A server's Retry-After: the feed is not asked again before this (ISO). */
  retryAfter?: string;
}

export interface StateFile {
  version: number;
  feeds: Record<string, FeedState>;
}

/** The state file of a folder; a missing file is an empty state, an unreadable one is reported and replaced. */
export function readFeedStates(folder: string, problem: (reason: string) => void): StateFile {
  const path = join(folder, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      problem(`cannot read ${path}: ${(err as Error).message}; every feed is downloaded again`);
    return { version: STATE_VERSION, feeds: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed && typeof parsed.feeds === 'object' && parsed.feeds !== null)
      return { version: STATE_VERSION, feeds: parsed.feeds as Record<string, FeedState> };
    problem(`${path} has no 'feeds' object; every feed is downloaded again`);
  } catch (err) {
    problem(`${path} is not JSON (${(err as Error).message}); every feed is downloaded again`);
  }
  return { version: STATE_VERSION, feeds: {} };
}

export function writeFeedStates(folder: string, state: StateFile): void {
  const sorted: Record<string, FeedState> = {};
  for (const k of Object.keys(state.feeds).sort()) sorted[k] = state.feeds[k]!;
  writeFileAtomic(
    join(folder, STATE_FILE),
    JSON.stringify({ version: STATE_VERSION, feeds: sorted }, null, 2) + '\n',
  );
}
