// Whether a downloaded body is a feed worth replacing the kept copy with. Servers answer 200 with
// many things that are not the feed: an empty body, an HTML error or login page, a half-written file,
// another format. The body is parsed with the analysis' own parser, so "usable" means the same here
// as when a run loads it.
import { readFileSync } from 'node:fs';
import { type FeedSource, parseFeed } from '../parseFeed';
import type { TiProblem } from '../types';
import { formatCount } from './formatting';

/** More lines without an indicator than this share of all data lines and the body is not the feed. */
export const MAX_MALFORMED_SHARE = 0.5;

export type CheckResult = { ok: true; entries: number; rejected: number } | { ok: false; reason: string };

export function checkDownload(tmp: string, contentType: string, src: FeedSource): CheckResult {
  const text = readFileSync(tmp, 'utf8');
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) return { ok: false, reason: text ? 'the body is only blank space' : 'the body is empty' };
  if (body.startsWith('<')) {
    const what =
      /html/i.test(contentType) || /^<(!doctype html|html)/i.test(body) ? 'an HTML page' : 'HTML or XML';
    return { ok: false, reason: `the body is ${what}, not a feed (an error or login page?)` };
  }
  // Only the counts matter here; the analysis reports the lines themselves when it loads the feed.
  const problems: TiProblem[] = [];
  const r = parseFeed(text, src, () => undefined, problems);
  if (r.entries === 0)
    return {
      ok: false,
      reason: `no indicator in it (${formatCount(r.rejected)} lines without one${firstProblem(problems)})`,
    };
  if (r.rejected > (r.entries + r.rejected) * MAX_MALFORMED_SHARE)
    return {
      ok: false,
      reason:
        `malformed: ${formatCount(r.rejected)} of ${formatCount(r.entries + r.rejected)} lines have no indicator` +
        firstProblem(problems),
    };
  return { ok: true, entries: r.entries, rejected: r.rejected };
}

function firstProblem(problems: TiProblem[]): string {
  const p = problems.find((x) => x.line > 0);
  return p ? `; first at line ${p.line}: ${p.reason}` : '';
}
