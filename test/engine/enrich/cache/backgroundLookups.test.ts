// Background lookups over a real RDAP-speaking local server: answers come through the persistent cache,
// fresh entries are used without asking, expired ones are fetched again (and kept if that fails), a
// dead service turns off after a few failures with one line, and a replay never touches the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundLookups } from '../../../../engine/enrich/cache/backgroundLookups';
import { FileEnrichmentCache } from '../../../../engine/enrich/cache/fileCache';
import { rdapSource } from '../../../../engine/enrich/rdap/rdapClient';
import { ManualClock } from './manualClock';
import { RdapServer } from '../rdap/rdapServer';

const DAY_S = 86_400;

function setup(server: RdapServer, clock: ManualClock, cachePath: string, problems: string[] = []) {
  return new BackgroundLookups({
    source: rdapSource(server.url),
    cache: new FileEnrichmentCache(cachePath),
    refreshSeconds: 30 * DAY_S,
    clock,
    onProblem: (l) => problems.push(l),
  });
}

test('a key asked many times is fetched once; "not found" (404) is an answer and is cached', async () => {
  const server = await new RdapServer().start();
  try {
    server.domains.set('volykyc.com', '2026-01-01T00:00:00Z');
    const cachePath = join(mkdtempSync(join(tmpdir(), 'bg-')), 'cache.json');
    const clock = new ManualClock(Date.UTC(2026, 1, 1));
    const cache = new FileEnrichmentCache(cachePath);
    const lookups = new BackgroundLookups({
      source: rdapSource(server.url),
      cache,
      refreshSeconds: 30 * DAY_S,
      clock,
      onProblem: () => assert.fail('no problem'),
    });
    for (let i = 0; i < 5; i++) lookups.request('volykyc.com');
    lookups.request('never-registered.com');
    assert.equal(await lookups.settle(10_000), 0);
    assert.equal(lookups.answer('volykyc.com'), '2026-01-01T00:00:00.000Z');
    assert.equal(lookups.answer('never-registered.com'), null);
    assert.equal(server.requests.length, 2);
    await cache.close();
    const again = setup(server, clock, cachePath);
    again.request('volykyc.com');
    again.request('never-registered.com');
    await again.settle(10_000);
    assert.equal(again.fetched, 0);
    assert.equal(again.answer('never-registered.com'), null);
    assert.equal(server.requests.length, 2);
  } finally {
    await server.stop();
  }
});

test('refresh: within the period from the cache, after it from the server, stale kept when the refresh fails', async () => {
  const server = await new RdapServer().start();
  const cachePath = join(mkdtempSync(join(tmpdir(), 'bg-')), 'cache.json');
  const clock = new ManualClock(Date.UTC(2026, 1, 1));
  try {
    server.domains.set('volykyc.com', '2026-01-01T00:00:00Z');
    const cache1 = new FileEnrichmentCache(cachePath);
    const run1 = new BackgroundLookups({
      source: rdapSource(server.url),
      cache: cache1,
      refreshSeconds: 30 * DAY_S,
      clock,
      onProblem: () => {},
    });
    run1.request('volykyc.com');
    await run1.settle(10_000);
    await cache1.close();
    assert.equal(server.requests.length, 1);

    // 29 days later: the cache answers.
    clock.ms += 29 * DAY_S * 1000;
    server.domains.set('volykyc.com', '2026-01-15T00:00:00Z');
    const run2 = setup(server, clock, cachePath);
    run2.request('volykyc.com');
    await run2.settle(10_000);
    assert.equal(run2.answer('volykyc.com'), '2026-01-01T00:00:00.000Z');
    assert.equal(run2.fetched, 0);
    assert.equal(server.requests.length, 1);

    // 31 days after the fetch: asked again, the new answer replaces the old one.
    clock.ms += 2 * DAY_S * 1000;
    const cache3 = new FileEnrichmentCache(cachePath);
    const run3 = new BackgroundLookups({
      source: rdapSource(server.url),
      cache: cache3,
      refreshSeconds: 30 * DAY_S,
      clock,
      onProblem: () => {},
    });
    run3.request('volykyc.com');
    await run3.settle(10_000);
    await cache3.close();
    assert.equal(run3.answer('volykyc.com'), '2026-01-15T00:00:00.000Z');
    assert.equal(server.requests.length, 2);
    assert.equal(
      (await new FileEnrichmentCache(cachePath).get('rdap_registration', 'volykyc.com'))?.t,
      clock.ms / 1000,
    );

    // Expired again and the service fails: the stale answer is still used.
    clock.ms += 31 * DAY_S * 1000;
    server.failWith = 503;
    const problems: string[] = [];
    const run4 = setup(server, clock, cachePath, problems);
    run4.request('volykyc.com');
    await run4.settle(10_000);
    assert.equal(run4.answer('volykyc.com'), '2026-01-15T00:00:00.000Z');
    assert.deepEqual(problems, []);
  } finally {
    await server.stop();
  }
});

test('a service that keeps failing: three tries, one line, no retry storm', async () => {
  const server = await new RdapServer().start();
  try {
    server.failWith = 503;
    const problems: string[] = [];
    const lookups = new BackgroundLookups({
      source: rdapSource(server.url),
      refreshSeconds: 0,
      concurrency: 1,
      clock: new ManualClock(),
      onProblem: (l) => problems.push(l),
    });
    for (let i = 0; i < 50; i++) lookups.request(`domain${i}.com`);
    await lookups.settle(10_000);
    assert.equal(server.requests.length, 3);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!,
      /^RDAP: 3 lookups in a row failed \(last: domain2\.com: .*HTTP 503.*\); no more RDAP lookups in this run$/,
    );
    assert.equal(lookups.answer('domain0.com'), undefined);
  } finally {
    await server.stop();
  }
});

test('an unreachable service fails the same way (connection refused)', async () => {
  const server = await new RdapServer().start();
  const url = server.url;
  await server.stop();
  const problems: string[] = [];
  const lookups = new BackgroundLookups({
    source: rdapSource(url),
    refreshSeconds: 0,
    concurrency: 1,
    onProblem: (l) => problems.push(l),
  });
  for (let i = 0; i < 20; i++) lookups.request(`domain${i}.com`);
  await lookups.settle(10_000);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /no more RDAP lookups in this run/);
});

test('replay: recorded answers only, nothing fetched, unknown keys stay unknown', async () => {
  const lookups = new BackgroundLookups<string>({
    source: {
      namespace: 'rdap_registration',
      label: 'RDAP',
      fetch: () => assert.fail('no fetch in a replay'),
    },
    refreshSeconds: 0,
    replay: new Map([
      ['volykyc.com', '2026-01-01T00:00:00.000Z'],
      ['gone.example', null],
    ]),
    onProblem: () => assert.fail('no problem'),
  });
  for (const d of ['volykyc.com', 'gone.example', 'other.example']) lookups.request(d);
  assert.equal(await lookups.settle(1000), 0);
  assert.equal(lookups.answer('volykyc.com'), '2026-01-01T00:00:00.000Z');
  assert.equal(lookups.answer('gone.example'), null);
  assert.equal(lookups.answer('other.example'), undefined);
  assert.deepEqual(lookups.recorded(), { 'gone.example': null, 'volykyc.com': '2026-01-01T00:00:00.000Z' });
});
