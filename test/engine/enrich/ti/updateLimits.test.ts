// A 200 MB feed against the default 100 MB limit (threatintelligence.TI_files_max_size_mb): refused
// before the body when the server announces its length, cut off at the limit when it streams without
// one, with memory staying flat while 100 MB pass through, and the kept copy untouched either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hugeFeed } from './feedServer';
import { DAY, IOCS, IOC_PATH, T0, setup } from './updateSetup';

const HUGE = 200 * 1024 * 1024;
const MB = 1024 * 1024;

test('a 200 MB feed announced by Content-Length is refused before its body is read', async () => {
  const s = await setup();
  try {
    await s.update();
    const feed = hugeFeed(HUGE, true);
    s.server.route(IOC_PATH, feed);
    s.clock.now = T0 + 2 * DAY;
    const r = await s.update();
    assert.deepEqual(
      [r.feeds[0]!.outcome, r.feeds[0]!.message],
      [
        'refused',
        'the server announces 200.0 MB, more than the 100.0 MB limit; keeping the copy fetched 2 days ago (14 IoCs)',
      ],
    );
    // The server only got to fill the socket buffers before the request was dropped.
    assert.ok(feed.sent() < 32 * MB, `server sent ${feed.sent()} bytes`);
    assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), IOCS);
  } finally {
    await s.close();
  }
});

test('a 200 MB chunked feed is cut off at the limit; memory stays flat while 100 MB stream to disk', async () => {
  const s = await setup();
  try {
    await s.update();
    const feed = hugeFeed(HUGE, false);
    s.server.route(IOC_PATH, feed);
    s.clock.now = T0 + 2 * DAY;
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const r = await s.update();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.deepEqual(
      [r.feeds[0]!.outcome, r.feeds[0]!.message],
      [
        'refused',
        'the body is larger than the 100.0 MB limit (stopped reading there); keeping the copy fetched 2 days ago (14 IoCs)',
      ],
    );
    assert.ok(feed.sent() > 100 * MB && feed.sent() < HUGE, `server sent ${feed.sent()} bytes`);
    // Holding the body in memory even once would add 100 MB; streaming adds buffers only.
    assert.ok(peak - base < 64 * MB, `RSS grew by ${Math.round((peak - base) / MB)} MB`);
    assert.equal(readFileSync(join(s.remote, 'own_malicious_iocs.csv'), 'utf8'), IOCS);
    assert.deepEqual(
      readdirSync(s.remote).filter((n) => n.endsWith('.tmp')),
      [],
      'the partial body is deleted',
    );
  } finally {
    await s.close();
  }
});

test('a smaller configured limit applies to small feeds as well', async () => {
  const s = await setup();
  try {
    const r = await s.update({ maxBytes: 500 });
    assert.deepEqual(
      r.feeds.map((f) => [f.outcome, f.message]),
      [
        ['refused', 'the server announces 847 B, more than the 500 B limit; no copy of this feed yet'],
        ['updated', 'updated: 2 IoCs, 317 B'],
      ],
    );
  } finally {
    await s.close();
  }
});
