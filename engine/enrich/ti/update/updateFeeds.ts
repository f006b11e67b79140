// `slips ti update` without the command line: every listed feed that is due is asked for with a
// conditional request, a few at a time; a usable new body replaces the kept copy by rename, anything
// else leaves the kept copy as it was. The state file is rewritten after each feed, so an update cut
// short still remembers what it fetched.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ThreatLevel } from '../../../evidence/types';
import type { FeedKind } from '../types';
import { checkDownload } from './checkDownload';
import { type FeedState, readFeedStates, writeFeedStates } from './feedState';
import { fetchFeed } from './fetchFeed';
import { formatBytes, formatCount, formatDuration } from './formatting';
import { removeStaleTemps } from './writeFileAtomic';

export interface FeedToUpdate {
  url: string;
  /** File name in the remote-feeds folder (the name the analysis loads it by). */
  file: string;
  kind: FeedKind;
  threatLevel: ThreatLevel;
  tags: string;
}

export interface UpdateOptions {
  folder: string;
  feeds: FeedToUpdate[];
  /** TI_files_update_period: a feed checked less than this many seconds ago is not asked again. */
  periodSeconds: number;
  maxBytes: number;
  timeoutMs: number;
  concurrency: number;
  /** Ask every feed now, whatever the period says (a server's Retry-After is still honoured). */
  force: boolean;
  /** Wall clock (epoch ms): when a feed was checked and when it is due again. */
  now: () => number;
  userAgent: string;
  /** Called once per feed as it finishes. */
  onFeed?: (r: FeedReport) => void;
}

export type Outcome =
  'updated' | 'unchanged' | 'not-modified' | 'fresh' | 'failed' | 'refused' | 'rate-limited';

/** Outcomes where the feed could not be brought up to date. */
export const FAILED_OUTCOMES: ReadonlySet<Outcome> = new Set(['failed', 'refused', 'rate-limited']);

export interface FeedReport {
  url: string;
  file: string;
  outcome: Outcome;
  /** One line: what happened and, after a failure, which copy is still used. */
  message: string;
}

export interface UpdateResult {
  feeds: FeedReport[];
  /** Problems with the state file itself. */
  problems: string[];
}

export async function updateFeeds(o: UpdateOptions): Promise<UpdateResult> {
  const problems: string[] = [];
  const state = readFeedStates(o.folder, (p) => problems.push(p));
  for (const name of removeStaleTemps(o.folder))
    problems.push(`removed ${name}, left by an update that did not finish`);
  const reports: FeedReport[] = [];
  const queue = [...o.feeds];
  const worker = async () => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      const r = await updateOne(feed, state.feeds, o).catch((err: Error) => unexpected(feed, err));
      writeFeedStates(o.folder, state);
      reports.push(r);
      o.onFeed?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, queue.length)) }, worker));
  // Reports in feed-list order, whatever order the downloads finished in.
  const order = new Map(o.feeds.map((f, i) => [f.file, i]));
  reports.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { feeds: reports, problems };
}

async function updateOne(
  feed: FeedToUpdate,
  states: Record<string, FeedState>,
  o: UpdateOptions,
): Promise<FeedReport> {
  const target = join(o.folder, feed.file);
  const have = existsSync(target);
  // Validators and counts of another URL that was kept under the same name say nothing about this one.
  const known = states[feed.file]?.url === feed.url ? states[feed.file] : undefined;
  const prev: FeedState = known ?? { url: feed.url, file: feed.file, kind: feed.kind, status: 'new' };
  const now = o.now();
  const report = (outcome: Outcome, message: string): FeedReport => ({
    url: feed.url,
    file: feed.file,
    outcome,
    message,
  });
  const checked = prev.checkedAt ? Date.parse(prev.checkedAt) : NaN;
  if (have && !o.force && now - checked < o.periodSeconds * 1000)
    return report(
      'fresh',
      `fresh: checked ${formatDuration((now - checked) / 1000)} ago, ` +
        `due again in ${formatDuration(o.periodSeconds - (now - checked) / 1000)}`,
    );
  const waitUntil = prev.retryAfter ? Date.parse(prev.retryAfter) : NaN;
  if (now < waitUntil)
    return report(
      'rate-limited',
      `the server asked not to be asked before ${prev.retryAfter}${keptCopy(prev, have, now)}`,
    );

  const got = await fetchFeed({
    url: feed.url,
    target,
    etag: have ? prev.etag : undefined,
    lastModified: have ? prev.lastModified : undefined,
    maxBytes: o.maxBytes,
    timeoutMs: o.timeoutMs,
    userAgent: o.userAgent,
    now,
  });
  const at = new Date(o.now()).toISOString();
  const next: FeedState = { ...prev, url: feed.url, file: feed.file, kind: feed.kind };
  delete next.error;
  delete next.retryAfter;
  states[feed.file] = next;
  switch (got.kind) {
    case 'not-modified':
      Object.assign(next, {
        etag: got.etag,
        lastModified: got.lastModified,
        checkedAt: at,
        status: 'not-modified',
      });
      return report(
        'not-modified',
        `not modified since the kept copy (${formatCount(next.entries ?? 0)} IoCs)`,
      );
    case 'downloaded': {
      const checkedBody = checkDownload(got.tmp, got.contentType, {
        file: feed.url,
        name: feed.file,
        kind: feed.kind,
        threatLevel: feed.threatLevel,
        tags: feed.tags,
      });
      if (!checkedBody.ok) {
        rmSync(got.tmp, { force: true });
        Object.assign(next, { status: 'failed', error: checkedBody.reason });
        return report('failed', `${checkedBody.reason}${keptCopy(prev, have, now)}`);
      }
      Object.assign(next, { etag: got.etag, lastModified: got.lastModified, checkedAt: at });
      if (have && prev.sha256 === got.sha256) {
        rmSync(got.tmp, { force: true });
        next.status = 'unchanged';
        return report('unchanged', `downloaded again, same content (${formatCount(next.entries ?? 0)} IoCs)`);
      }
      renameSync(got.tmp, target);
      Object.assign(next, {
        fetchedAt: at,
        entries: checkedBody.entries,
        rejected: checkedBody.rejected,
        bytes: got.bytes,
        sha256: got.sha256,
        status: 'updated',
      });
      const skipped = checkedBody.rejected ? `, ${formatCount(checkedBody.rejected)} lines without one` : '';
      return report(
        'updated',
        `updated: ${formatCount(checkedBody.entries)} IoCs${skipped}, ${formatBytes(got.bytes)}`,
      );
    }
    case 'rate-limited':
      Object.assign(next, {
        status: 'rate-limited',
        error: got.reason,
        retryAfter: got.retryAfter === undefined ? undefined : new Date(got.retryAfter).toISOString(),
      });
      return report('rate-limited', `${got.reason}${keptCopy(prev, have, now)}`);
    case 'refused':
    case 'failed':
      Object.assign(next, { status: got.kind, error: got.reason });
      return report(got.kind, `${got.reason}${keptCopy(prev, have, now)}`);
  }
}

/**
 * A file-system failure (folder not writable, disk full) or a body too large for one string when the
 * limit is set above what V8 can hold: that feed fails, the others go on.
 */
function unexpected(feed: FeedToUpdate, err: Error): FeedReport {
  return { url: feed.url, file: feed.file, outcome: 'failed', message: `cannot update: ${err.message}` };
}

/** What the analysis keeps using after a failed attempt. */
function keptCopy(prev: FeedState, have: boolean, now: number): string {
  if (!have) return '; no copy of this feed yet';
  const fetched = prev.fetchedAt ? Date.parse(prev.fetchedAt) : NaN;
  const age = Number.isNaN(fetched) ? '' : ` fetched ${formatDuration((now - fetched) / 1000)} ago`;
  const n = prev.entries === undefined ? '' : ` (${formatCount(prev.entries)} IoCs)`;
  return `; keeping the copy${age}${n}`;
}
