// `slips ti update` against a local stand-in for the feed hosts: first download, conditional requests
// and the update period, and every way a server can fail, each leaving the last good copy in use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadThreatIntel } from '../../../../engine/enrich/ti/loadThreatIntel';
import { STATE_FILE, type FeedState } from '../../../../engine/enrich/ti/update/feedState';
import { cutShort, staticFeed, statusPage } from './feedServer';
import { DAY, IOCS, IOC_PATH, JA3, JA3_PATH, T0, setup } from './updateSetup';

function states(remote: string): Record<string, FeedState> {
  return JSON.parse(readFileSync(join(remote, STATE_FILE), 'utf8')).feeds;
}

test('first update: both real lists downloaded, recorded, and loaded by the analysis', async () => {
  const s = await setup();
  try {
    const r = await s.update();
    assert.deepEqual(
      r.feeds.map((f) => [f.file, f.outcome, f.message]),
      [
        ['own_malicious_iocs.csv', 'updated', 'updated: 14 IoCs, 847 B'],
        ['own_malicious_JA3.csv', 'updated', 'updated: 2 IoCs, 317 B'],
      ],
    );
    assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), IOCS);
    assert.equal(readFileSync(join(s.remote, 'own_malicious_JA3.csv'), 'utf8'), JA3);
    // Only the feeds and the state file: no temporary file left behind.
    assert.deepEqual(readdirSync(s.remote).sort(), [
      STATE_FILE,
      'own_malicious_JA3.csv',
      'own_malicious_iocs.csv',
    ]);
    const st = states(s.remote)['own_malicious_iocs.csv']!;
    assert.equal(st.url, s.server.url(IOC_PATH));
    assert.match(st.etag!, /^"[0-9a-f]{40}"$/);
    assert.equal(st.lastModified, 'Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(st.checkedAt, new Date(T0).toISOString());
    assert.equal(st.fetchedAt, new Date(T0).toISOString());
    assert.deepEqual([st.entries, st.rejected, st.bytes, st.status, st.kind], [14, 0, 847, 'updated', 'ioc']);
    assert.equal(
      s.server.requests.every((q) => q.ifNoneMatch === undefined),
      true,
      'first requests are unconditional',
    );

    const ti = loadThreatIntel(s.config);
    assert.deepEqual(ti.index.ip('23.253.126.58')?.meta, {
      description: 'Simda CC',
      source: 'own_malicious_iocs.csv',
      threatLevel: 'high',
      tags: "['local']",
    });
    assert.equal(ti.index.ja3('6734f37431670b3ab4292b8f60f29984')?.description, 'Trickbot Malware');
    assert.deepEqual(ti.notDownloaded, []);
  } finally {
    await s.close();
  }
});

test('within the update period nothing is asked; after it (or --force) a conditional request gets 304', async () => {
  const s = await setup();
  try {
    await s.update();
    s.server.requests.length = 0;
    s.clock.now = T0 + 3600_000;
    const fresh = await s.update();
    assert.deepEqual(
      fresh.feeds.map((f) => [f.outcome, f.message]),
      [
        ['fresh', 'fresh: checked 1 h ago, due again in 23 h'],
        ['fresh', 'fresh: checked 1 h ago, due again in 23 h'],
      ],
    );
    assert.equal(s.server.requests.length, 0);

    s.clock.now = T0 + DAY + 1000;
    const again = await s.update();
    assert.deepEqual(
      again.feeds.map((f) => [f.outcome, f.message]),
      [
        ['not-modified', 'not modified since the kept copy (14 IoCs)'],
        ['not-modified', 'not modified since the kept copy (2 IoCs)'],
      ],
    );
    const etag = states(s.remote)['own_malicious_iocs.csv']!.etag;
    const q = s.server.requests.find((x) => x.path === IOC_PATH)!;
    assert.equal(q.ifNoneMatch, etag);
    assert.equal(q.ifModifiedSince, 'Wed, 21 Oct 2026 07:28:00 GMT');
    const st = states(s.remote)['own_malicious_iocs.csv']!;
    assert.equal(st.checkedAt, new Date(T0 + DAY + 1000).toISOString(), 'the period restarts at the 304');
    assert.equal(st.fetchedAt, new Date(T0).toISOString(), 'the copy is still the first one');

    s.clock.now += 60_000;
    const forced = await s.update({ force: true });
    assert.deepEqual(
      forced.feeds.map((f) => f.outcome),
      ['not-modified', 'not-modified'],
    );
  } finally {
    await s.close();
  }
});

test('a server with only Last-Modified gets If-Modified-Since; a changed feed replaces the copy', async () => {
  const s = await setup();
  try {
    const lastModified = 'Sun, 01 Nov 2026 00:00:00 GMT';
    const onlyDate = (body: string) => (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': lastModified, 'content-type': 'text/csv' }).end(body);
    };
    s.server.route(IOC_PATH, onlyDate(IOCS));
    await s.update();
    s.server.requests.length = 0;
    const r = await s.update({ force: true });
    assert.equal(r.feeds[0]!.outcome, 'not-modified');
    assert.deepEqual(
      s.server.requests.find((x) => x.path === IOC_PATH),
      {
        path: IOC_PATH,
        ifNoneMatch: undefined,
        ifModifiedSince: lastModified,
      },
    );

    // The feed changes (one more indicator) under a new ETag.
    const changed = IOCS + '\n45.9.148.3, medium, added upstream\n';
    s.server.route(IOC_PATH, staticFeed(changed, 'Mon, 02 Nov 2026 00:00:00 GMT'));
    s.clock.now = T0 + 2 * DAY;
    const u = await s.update();
    assert.equal(u.feeds[0]!.message, 'updated: 15 IoCs, 883 B');
    assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), changed);
    assert.equal(loadThreatIntel(s.config).index.ip('45.9.148.3')?.meta.description, 'added upstream');
  } finally {
    await s.close();
  }
});

test('the same content under a new ETag is recorded as unchanged, the file is not rewritten', async () => {
  const s = await setup();
  try {
    await s.update();
    // A server that never answers 304 (no validators at all), as some mirrors do.
    s.server.route(IOC_PATH, (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(IOCS));
    s.clock.now = T0 + 2 * DAY;
    const r = await s.update();
    assert.deepEqual(
      [r.feeds[0]!.outcome, r.feeds[0]!.message],
      ['unchanged', 'downloaded again, same content (14 IoCs)'],
    );
    const st = states(s.remote)['own_malicious_iocs.csv']!;
    assert.equal(st.fetchedAt, new Date(T0).toISOString());
    assert.equal(st.checkedAt, new Date(T0 + 2 * DAY).toISOString());
  } finally {
    await s.close();
  }
});

// Each bad answer, the message it gives, and the kept copy afterwards.
const FAILURES: [string, (body: string) => Parameters<Setup['server']['route']>[1], RegExp][] = [
  [
    '404',
    () => statusPage(404, {}, 'Not Found'),
    /^HTTP 404 Not Found; keeping the copy fetched 2 days ago \(14 IoCs\)$/,
  ],
  ['500', () => statusPage(500, {}, 'oops'), /^HTTP 500 Internal Server Error; keeping the copy/],
  [
    'an HTML error page with status 200',
    () =>
      statusPage(
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        '<!DOCTYPE html>\n<html><head><title>Rate limit</title></head><body><h1>Please try later</h1></body></html>\n',
      ),
    /^the body is an HTML page, not a feed \(an error or login page\?\); keeping the copy/,
  ],
  [
    'a malformed feed (mostly lines without an indicator)',
    (good) =>
      statusPage(
        200,
        {},
        good.split('\n').slice(0, 5).join('\n') +
          '\n' +
          Array.from({ length: 40 }, (_, i) => `garbage line ${i}, ???`).join('\n'),
      ),
    /^malformed: 40 of 41 lines have no indicator; first at line 6: .*; keeping the copy fetched 2 days ago \(14 IoCs\)$/,
  ],
  ['an empty body', () => statusPage(200, {}, ''), /^the body is empty; keeping the copy/],
  [
    'only blank lines',
    () => statusPage(200, {}, '\n\n  \n'),
    /^the body is only blank space; keeping the copy/,
  ],
  [
    'a body cut short (connection dropped before Content-Length)',
    (good) => cutShort(good, 300),
    /^the download broke off after 300 B: .*; keeping the copy fetched 2 days ago \(14 IoCs\)$/,
  ],
];

type Setup = Awaited<ReturnType<typeof setup>>;

for (const [what, handler, message] of FAILURES) {
  test(`${what}: reported, the last good copy and its record are kept`, async () => {
    const s = await setup();
    try {
      await s.update();
      const before = states(s.remote)['own_malicious_iocs.csv']!;
      s.server.route(IOC_PATH, handler(IOCS));
      s.clock.now = T0 + 2 * DAY;
      const r = await s.update();
      const f = r.feeds.find((x) => x.file === 'own_malicious_iocs.csv')!;
      assert.equal(f.outcome, 'failed');
      assert.match(f.message, message);
      assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), IOCS);
      const after = states(s.remote)['own_malicious_iocs.csv']!;
      assert.equal(after.status, 'failed');
      assert.ok(after.error && message.test(`${after.error}; keeping the copy fetched 2 days ago (14 IoCs)`));
      // The copy's validators, counts and check time are those of the good copy: the next run asks again.
      assert.deepEqual(
        [after.etag, after.entries, after.fetchedAt, after.checkedAt],
        [before.etag, before.entries, before.fetchedAt, before.checkedAt],
      );
      assert.deepEqual(
        readdirSync(s.remote).filter((n) => n.endsWith('.tmp')),
        [],
      );
      assert.equal(loadThreatIntel(s.config).index.ip('23.253.126.58')?.meta.description, 'Simda CC');
      // The other feed was not affected.
      assert.equal(r.feeds.find((x) => x.file === 'own_malicious_JA3.csv')!.outcome, 'not-modified');
    } finally {
      await s.close();
    }
  });
}

test('429 with Retry-After: the copy is kept and the feed is not asked again before the given time', async () => {
  const s = await setup();
  try {
    await s.update();
    s.server.route(IOC_PATH, statusPage(429, { 'retry-after': '7200' }, 'Too Many Requests'));
    s.clock.now = T0 + 2 * DAY;
    const r = await s.update();
    const until = new Date(T0 + 2 * DAY + 7200_000).toISOString();
    assert.deepEqual(
      [r.feeds[0]!.outcome, r.feeds[0]!.message],
      [
        'rate-limited',
        `HTTP 429 Too Many Requests; not asked again before ${until}; keeping the copy fetched 2 days ago (14 IoCs)`,
      ],
    );
    assert.equal(states(s.remote)['own_malicious_iocs.csv']!.retryAfter, until);

    // Even --force waits; the server is not asked.
    s.server.requests.length = 0;
    s.clock.now += 3600_000;
    const waiting = await s.update({ force: true });
    assert.equal(
      waiting.feeds[0]!.message,
      `the server asked not to be asked before ${until}; keeping the copy fetched 2 days ago (14 IoCs)`,
    );
    assert.equal(s.server.requests.filter((q) => q.path === IOC_PATH).length, 0);

    // After that time it is asked again (conditionally) and the wait is forgotten.
    s.server.route(IOC_PATH, staticFeed(IOCS));
    s.clock.now += 3600_000 + 1000;
    const later = await s.update({ force: true });
    assert.equal(later.feeds[0]!.outcome, 'not-modified');
    assert.equal(states(s.remote)['own_malicious_iocs.csv']!.retryAfter, undefined);
    // An HTTP date works as well.
    s.server.route(IOC_PATH, statusPage(429, { 'retry-after': 'Wed, 04 Nov 2026 00:00:00 GMT' }));
    const dated = await s.update({ force: true });
    assert.match(dated.feeds[0]!.message, /not asked again before 2026-11-04T00:00:00\.000Z/);
  } finally {
    await s.close();
  }
});

test('a failure without an earlier copy says so and leaves no file; the analysis lists it as not downloaded', async () => {
  const s = await setup();
  try {
    s.server.route(IOC_PATH, statusPage(500));
    const r = await s.update();
    assert.equal(r.feeds[0]!.message, 'HTTP 500 Internal Server Error; no copy of this feed yet');
    assert.equal(existsSync(join(s.remote, 'own_malicious_iocs.csv')), false);
    assert.deepEqual(loadThreatIntel(s.config).notDownloaded, [s.server.url(IOC_PATH)]);
  } finally {
    await s.close();
  }
});

test('a server that does not answer in time, and one that is not there', async () => {
  const s = await setup();
  try {
    await s.update();
    s.server.route(IOC_PATH, () => undefined);
    s.clock.now = T0 + 2 * DAY;
    const r = await s.update({ timeoutMs: 300 });
    assert.equal(
      r.feeds[0]!.message,
      'no complete answer within 0.3 s; keeping the copy fetched 2 days ago (14 IoCs)',
    );
    await s.server.close();
    // The first attempt may still find the pooled keep-alive socket the server just dropped.
    const dropped = await s.update({ force: true });
    assert.match(dropped.feeds[0]!.message, /^(ECONNREFUSED|UND_ERR_SOCKET): .*; keeping the copy/);
    const gone = await s.update({ force: true });
    assert.match(
      gone.feeds[0]!.message,
      /^ECONNREFUSED: .*; keeping the copy fetched 2 days ago \(14 IoCs\)$/,
    );
    assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), IOCS);
  } finally {
    await s.close();
  }
});

test('a broken state file is reported and replaced; the feeds are fetched again unconditionally', async () => {
  const s = await setup();
  try {
    await s.update();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(s.remote, STATE_FILE), '{"feeds": {broken');
    s.server.requests.length = 0;
    const r = await s.update();
    assert.match(r.problems[0]!, /feeds_metadata\.json is not JSON .*every feed is downloaded again/);
    // Same bytes as the kept copy, but without the old hash the copy is simply replaced.
    assert.deepEqual(
      r.feeds.map((f) => f.outcome),
      ['updated', 'updated'],
    );
    assert.equal(
      s.server.requests.every((q) => q.ifNoneMatch === undefined),
      true,
    );
    rmSync(join(s.remote, STATE_FILE));
  } finally {
    await s.close();
  }
});

test('temporary files of an update that was killed are removed; those of a running one stay', async () => {
  const s = await setup();
  try {
    const { writeFileSync } = await import('node:fs');
    // A pid far above Linux's pid_max cannot be running.
    writeFileSync(join(s.remote, '.own_malicious_iocs.csv.99999999.abc123.tmp'), 'half a feed');
    writeFileSync(join(s.remote, `.own_malicious_JA3.csv.${process.pid}.def456.tmp`), 'in progress');
    const r = await s.update();
    assert.deepEqual(r.problems, [
      'removed .own_malicious_iocs.csv.99999999.abc123.tmp, left by an update that did not finish',
    ]);
    assert.deepEqual(
      readdirSync(s.remote).filter((n) => n.endsWith('.tmp')),
      [`.own_malicious_JA3.csv.${process.pid}.def456.tmp`],
    );
  } finally {
    await s.close();
  }
});

test('at most `concurrency` downloads run at once; the reports keep the feed-list order', async () => {
  const s = await setup();
  try {
    const { writeFileSync } = await import('node:fs');
    const paths = ['/a/one.csv', '/b/two.csv', '/c/three.csv', '/d/four.csv', '/e/five.csv'];
    let inFlight = 0;
    let most = 0;
    for (const p of paths)
      s.server.route(p, (req, res) => {
        most = Math.max(most, ++inFlight);
        // Answer later, so the next requests overlap with this one if the updater lets them.
        setTimeout(() => {
          inFlight--;
          staticFeed(IOCS)(req, res);
        }, 30);
      });
    writeFileSync(join(s.dir, 'TI_feeds.csv'), paths.map((p) => `${s.server.url(p)},medium`).join('\n'));
    const r = await s.update({ concurrency: 2 });
    // Whether two overlap depends on scheduling; more than two never may.
    assert.ok(most >= 1 && most <= 2, `${most} downloads at once`);
    assert.deepEqual(
      r.feeds.map((f) => [f.file, f.outcome]),
      [
        ['one.csv', 'updated'],
        ['two.csv', 'updated'],
        ['three.csv', 'updated'],
        ['four.csv', 'updated'],
        ['five.csv', 'updated'],
        ['own_malicious_JA3.csv', 'updated'],
      ],
    );
  } finally {
    await s.close();
  }
});

test('a feed that cannot be written (a folder in its place) fails alone; the other feeds go on', async () => {
  const s = await setup();
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(s.remote, 'own_malicious_iocs.csv'));
    const r = await s.update();
    assert.deepEqual(
      r.feeds.map((f) => [f.outcome, f.message.replace(/:.*/, '')]),
      [
        ['failed', 'cannot update'],
        ['updated', 'updated'],
      ],
    );
    assert.match(r.feeds[0]!.message, /^cannot update: E(ISDIR|NOTDIR|EXIST|NOTEMPTY)/);
  } finally {
    await s.close();
  }
});
