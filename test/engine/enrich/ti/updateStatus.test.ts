// What the user sees: `slips ti update` lines and exit codes with a real configuration file, and the
// line an analysis run prints about the cached feeds (count, indicators, age; a warning once expired).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTiUpdate } from '../../../../engine/cli/tiUpdate';
import { threatIntelStatus } from '../../../../engine/enrich/ti/update/cacheStatus';
import { statusPage } from './feedServer';
import { DAY, IOC_PATH, T0, setup } from './updateSetup';

const ROOT = join(__dirname, '../../../..');

function configFile(s: Awaited<ReturnType<typeof setup>>, period = 86400): string {
  const ti = s.config.threatIntelligence;
  const path = join(s.dir, 'slips.yaml');
  writeFileSync(
    path,
    [
      'threatintelligence:',
      `  local_threat_intelligence_files: ${ti.localThreatIntelligenceFiles}`,
      `  download_path_for_remote_threat_intelligence: ${ti.downloadPathForRemoteThreatIntelligence}`,
      `  ti_files: ${ti.tiFiles}`,
      `  ja3_feeds: ${ti.ja3Feeds}`,
      `  ssl_feeds: ${ti.sslFeeds}`,
      `  TI_files_update_period: ${period}`,
      '',
    ].join('\n'),
  );
  return path;
}

test('status line: nothing downloaded, then counts and age, then a warning past the update period', async () => {
  const s = await setup();
  try {
    assert.deepEqual(threatIntelStatus(s.config, T0), [
      "threat intelligence: none of the 2 listed feeds is downloaded yet (run 'slips ti update'); only the local lists are used",
    ]);
    await s.update();
    assert.deepEqual(threatIntelStatus(s.config, T0 + 5 * 3600_000), [
      'threat intelligence: 2 of 2 feeds, 16 IoCs, oldest checked 5 h ago',
    ]);
    assert.deepEqual(threatIntelStatus(s.config, T0 + 3 * DAY), [
      'threat intelligence: 2 of 2 feeds, 16 IoCs, oldest checked 3 days ago',
      "threat intelligence: warning: 2 feeds were last checked more than 1 day ago (TI_files_update_period); run 'slips ti update' to refresh them",
    ]);
    // A feed file copied in by hand has no record: its age is the file's, its indicators are not counted.
    writeFileSync(
      join(s.dir, 'TI_feeds.csv'),
      `${s.server.url(IOC_PATH)},high\nhttps://example.org/drop.txt,low\n`,
    );
    writeFileSync(join(s.remote, 'drop.txt'), '1.10.16.0/20 ; SBL256894\n');
    const lines = threatIntelStatus(s.config, Date.now() + 60_000);
    assert.match(
      lines[0]!,
      /^threat intelligence: 3 of 3 feeds, 16 IoCs \(1 feeds not counted: copied in by hand\), oldest checked /,
    );
  } finally {
    await s.close();
  }
});

test('slips ti update: exit 0 and one line per feed; a failing feed gives exit 1 and names the kept copy', async () => {
  const s = await setup();
  try {
    const config = configFile(s);
    const lines: string[] = [];
    const run = (o: { force?: boolean; quiet?: boolean; now: number }) =>
      runTiUpdate({
        configPath: config,
        force: o.force ?? false,
        quiet: o.quiet ?? false,
        concurrency: 4,
        write: (l) => lines.push(l),
        now: () => o.now,
      });
    assert.equal(await run({ now: T0 }), 0);
    assert.deepEqual(lines.slice(0, 2), [
      `ti update: own_malicious_iocs.csv: updated: 14 IoCs, 847 B [${s.server.url(IOC_PATH)}]`,
      `ti update: own_malicious_JA3.csv: updated: 2 IoCs, 317 B [${s.server.url('/sslbl/own_malicious_JA3.csv')}]`,
    ]);
    assert.match(
      lines[2]!,
      new RegExp(
        `^ti update: 2 feeds \\(2 updated\\) in [0-9.]+ s; size limit 100.0 MB; folder ${s.remote}$`,
      ),
    );

    lines.length = 0;
    assert.equal(await run({ now: T0 + 60_000 }), 0);
    assert.match(lines.join('\n'), /^ti update: 2 feeds \(2 fresh\) in/, 'fresh feeds are only counted');

    lines.length = 0;
    s.server.route(IOC_PATH, statusPage(503, {}, 'Service Unavailable'));
    assert.equal(await run({ now: T0 + 120_000, force: true, quiet: true }), 1);
    assert.equal(
      lines[0],
      `ti update: own_malicious_iocs.csv: HTTP 503 Service Unavailable; keeping the copy fetched 2 min ago (14 IoCs) [${s.server.url(IOC_PATH)}]`,
    );
    assert.match(lines[1]!, /^ti update: 2 feeds \(1 failed, 1 not-modified\) in/);
    assert.equal(lines.length, 2, '-q: only the failure and the summary');
  } finally {
    await s.close();
  }
});

test('slips ti update: an unusable configuration exits 2 with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ti-update-'));
  const path = join(dir, 'bad.yaml');
  writeFileSync(path, 'threatintelligence:\n  TI_files_update_period: soon\n');
  const lines: string[] = [];
  const code = await runTiUpdate({
    configPath: path,
    force: false,
    quiet: false,
    concurrency: 1,
    write: (l) => lines.push(l),
  });
  assert.equal(code, 2);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /TI_files_update_period/);
  rmSync(dir, { recursive: true, force: true });
});

test('an analysis run prints the status line from the cache and never fetches (bundled CLI)', async () => {
  const s = await setup();
  try {
    await s.update();
    const config = configFile(s);
    // The server is gone: the run must not depend on it.
    await s.server.close();
    const out = join(s.dir, 'out');
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/slips.js'),
        '-c',
        config,
        '-f',
        join(ROOT, 'samples/test4-malicious.binetflow'),
        '-o',
        out,
        '-v',
        '0',
      ],
      { encoding: 'utf8', env: { ...process.env, SLIPS_FIXED_CLOCK: new Date(T0 + 3 * DAY).toISOString() } },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^slips: threat intelligence: 2 of 2 feeds, 16 IoCs, oldest checked 3 days ago$/m);
    assert.match(
      r.stderr,
      /^slips: threat intelligence: warning: 2 feeds were last checked more than 1 day ago/m,
    );
  } finally {
    await s.close();
  }
});

test('the bundled command: `slips ti update -c FILE` downloads, a second run finds the feeds fresh', async () => {
  const s = await setup();
  try {
    const config = configFile(s);
    // Asynchronous: the feed server answers from this process.
    const run = promisify(execFile);
    const first = await run(process.execPath, [join(ROOT, 'bin/slips.js'), 'ti', 'update', '-c', config]);
    assert.match(first.stderr, /^slips: ti update: own_malicious_iocs\.csv: updated: 14 IoCs, 847 B \[/m);
    assert.match(first.stderr, /^slips: ti update: 2 feeds \(2 updated\) in /m);
    const second = await run(process.execPath, [join(ROOT, 'bin/slips.js'), 'ti', 'update', '-c', config]);
    assert.match(second.stderr, /^slips: ti update: 2 feeds \(2 fresh\) in /m);
  } finally {
    await s.close();
  }
});
