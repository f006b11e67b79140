// The VirusTotal v3 client against a local server speaking VirusTotal's documented API: the four
// report endpoints, the x-apikey header, the free-tier queue (4 a minute), 429 back-off, 404 and a
// refused key. Time is a hand-moved clock: waits are checked by their length, never by waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VtClient, vtUrlId } from '../../../../engine/enrich/vt/vtClient';
import { BackgroundLookups, LookupsOff } from '../../../../engine/enrich/cache/backgroundLookups';
import { vtSource } from '../../../../engine/enrich/vt/vtSource';
import { readVtApiKey } from '../../../../engine/enrich/vt/vtApiKey';
import { ManualClock } from '../cache/manualClock';
import { VtServer } from './vtServer';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'a'.repeat(64);
const signal = new AbortController().signal;

async function withServer(fn: (s: VtServer, clock: ManualClock, client: VtClient) => Promise<void>) {
  const server = await new VtServer(KEY).start();
  const clock = new ManualClock();
  try {
    await fn(server, clock, new VtClient({ apiKey: KEY, baseUrl: server.url, clock }));
  } finally {
    await server.stop();
  }
}

test('IP, domain, URL and file reports: the counts of last_analysis_stats, the key in x-apikey', () =>
  withServer(async (server, _clock, client) => {
    const url = 'http://example.com/a?b=c';
    server.reports.set('ip_addresses/185.53.178.7', {
      malicious: 7,
      suspicious: 1,
      harmless: 50,
      undetected: 30,
    });
    server.reports.set('domains/volykyc.com', { malicious: 12, suspicious: 0, harmless: 40, undetected: 20 });
    server.reports.set(`urls/${vtUrlId(url)}`, { malicious: 3, suspicious: 2, harmless: 60, undetected: 10 });
    server.reports.set('files/44d88612fea8a8f36de82e1278abb02f', {
      malicious: 60,
      suspicious: 0,
      harmless: 0,
      undetected: 5,
    });
    assert.deepEqual(await client.report('ip', '185.53.178.7', signal), {
      malicious: 7,
      suspicious: 1,
      harmless: 50,
      undetected: 30,
    });
    assert.equal((await client.report('domain', 'volykyc.com', signal))?.malicious, 12);
    assert.equal((await client.report('url', url, signal))?.suspicious, 2);
    assert.equal((await client.report('file', '44d88612fea8a8f36de82e1278abb02f', signal))?.malicious, 60);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      [
        '/api/v3/ip_addresses/185.53.178.7',
        '/api/v3/domains/volykyc.com',
        '/api/v3/urls/aHR0cDovL2V4YW1wbGUuY29tL2E_Yj1j',
        '/api/v3/files/44d88612fea8a8f36de82e1278abb02f',
      ],
    );
    assert.ok(server.requests.every((r) => r.apiKey === KEY));
  }));

test('a URL id is its base64url encoding without padding', () => {
  assert.equal(vtUrlId('http://a.b/'), 'aHR0cDovL2EuYi8');
  assert.ok(!vtUrlId('http://example.com/x').includes('='));
});

test('404 NotFoundError is an answer: no report', () =>
  withServer(async (_server, _clock, client) => {
    assert.equal(await client.report('ip', '203.0.113.9', signal), null);
  }));

test('free tier: the fifth request of a minute waits for the first to be a minute old', () =>
  withServer(async (server, clock, client) => {
    const t0 = clock.now();
    for (let i = 1; i <= 6; i++)
      server.reports.set(`ip_addresses/198.51.100.${i}`, {
        malicious: i,
        suspicious: 0,
        harmless: 0,
        undetected: 0,
      });
    // Asked all at once: they take turns in the order asked.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => client.report('ip', `198.51.100.${i}`, signal)),
    );
    assert.deepEqual(
      answers.map((a) => a?.malicious),
      [1, 2, 3, 4, 5, 6],
    );
    assert.deepEqual(
      client.sendTimes.map((t) => t - t0),
      [0, 0, 0, 0, 60_000, 60_000],
    );
    assert.deepEqual(clock.sleeps, [60_000]);
    assert.deepEqual(
      server.requests.map((r) => r.path.split('/').pop()),
      ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5', '198.51.100.6'],
    );
  }));

test('429 QuotaExceededError: waits a minute, then two, and the retry succeeds', () =>
  withServer(async (server, clock, client) => {
    server.reports.set('ip_addresses/185.53.178.7', {
      malicious: 1,
      suspicious: 0,
      harmless: 0,
      undetected: 0,
    });
    server.quotaExceeded = 2;
    assert.equal((await client.report('ip', '185.53.178.7', signal))?.malicious, 1);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(clock.sleeps, [60_000, 120_000]);
  }));

test('429 with Retry-After waits that many seconds; after the last retry the lookup fails', () =>
  withServer(async (server, clock) => {
    const client = new VtClient({ apiKey: KEY, baseUrl: server.url, clock, maxRetries: 2 });
    server.retryAfter = '7';
    server.quotaExceeded = 10;
    await assert.rejects(client.report('ip', '185.53.178.7', signal), /HTTP 429 QuotaExceededError/);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(clock.sleeps, [7_000, 7_000]);
  }));

test('401 WrongCredentialsError: one line, the lookups turn off, nothing more is sent', () =>
  withServer(async (server, clock) => {
    const client = new VtClient({ apiKey: 'wrong', baseUrl: server.url, clock });
    await assert.rejects(client.report('ip', '185.53.178.7', signal), LookupsOff);
    const problems: string[] = [];
    const lookups = new BackgroundLookups({
      source: vtSource(client, 'ip'),
      refreshSeconds: 3600,
      clock,
      concurrency: 1,
      onProblem: (l) => problems.push(l),
    });
    for (const ip of ['185.53.178.7', '54.72.9.51', '72.5.65.112']) lookups.request(ip);
    assert.equal(await lookups.settle(10_000), 0);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!,
      /^VirusTotal: the API key was refused \(401 WrongCredentialsError: Wrong API key\)/,
    );
    assert.ok(lookups.isOff);
    // One request from the direct call, one from the lookups; the others were never sent.
    assert.equal(server.requests.length, 2);
    lookups.request('8.8.8.8');
    assert.equal(server.requests.length, 2);
  }));

test('the key: SLIPS_VT_API_KEY first, else the first 64 characters of the key file, else a reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-key-'));
  const file = join(dir, 'vt_api_key');
  writeFileSync(file, `${'b'.repeat(64)}trailing\n`);
  assert.deepEqual(readVtApiKey(file, {}), { key: 'b'.repeat(64) });
  assert.deepEqual(readVtApiKey(file, { SLIPS_VT_API_KEY: 'c'.repeat(64) }), { key: 'c'.repeat(64) });
  const missing = readVtApiKey(join(dir, 'none'), {});
  assert.ok('missing' in missing && /does not exist and SLIPS_VT_API_KEY is not set/.test(missing.missing));
});
