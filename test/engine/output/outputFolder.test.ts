import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { cloneConfig, DEFAULT_CONFIG } from '../../../engine/config/defaults';
import type { SlipsConfig } from '../../../engine/config/types';
import type { Detector, DetectorContext } from '../../../engine/detectors/detector';
import { Engine } from '../../../engine/engine';
import type { FlowRecord } from '../../../engine/flow';
import { Accounting } from '../../../engine/inputs/accounting';
import { createOutputSinks, defaultOutputDir } from '../../../engine/output/outputFolder';
import { conn, dns, evidence, fixedClock, ssl, T0 } from './fixtures';

/** Raises one high-level evidence for every connection to port 23, enough for an alert at the test threshold. */
class TelnetDetector implements Detector {
  readonly name = 'test_telnet';
  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || rec.dport !== 23 || ctx.role !== 'Client') return;
    ctx.emit(
      evidence({
        id: `telnet-${rec.uid}`,
        description: `Telnet to ${rec.daddr}.`,
        profile: ctx.profile.id,
        attacker: { direction: 'SRC', iocType: 'IP', value: ctx.profile.ip },
        timewindow: { number: ctx.tw.number, start: ctx.tw.start, end: ctx.tw.end },
        timestamp: rec.ts,
        uids: [rec.uid],
        victim: { direction: 'DST', iocType: 'IP', value: rec.daddr },
        threatLevel: 'high',
        confidence: 1,
      }),
    );
  }
}

const RECORDS: FlowRecord[] = [
  dns({ ts: T0 + 1 }),
  conn({ ts: T0 + 5, uid: 'c1' }),
  ssl({ ts: T0 + 5.2, uid: 'c1' }),
  conn({ ts: T0 + 70, uid: 'c2', daddr: '1.2.3.4', dport: 23, state: 'S0', sbytes: 0, dbytes: 0 }),
  conn({ ts: T0 + 4000, uid: 'c3', saddr: '10.0.0.6', daddr: '1.2.3.4', dport: 23 }),
  conn({ ts: T0 + 9000, uid: 'c4' }),
];

function config(over: Partial<SlipsConfig> = {}): SlipsConfig {
  // 0.01 attacks per minute × 3600 s / 60 = a threshold of 0.6: one high evidence raises an alert.
  return { ...cloneConfig(DEFAULT_CONFIG), evidenceDetectionThreshold: 0.01, createLogFiles: true, ...over };
}

async function run(dir: string, c: SlipsConfig, noLogFiles = false): Promise<void> {
  const sinks = await createOutputSinks(dir, {
    config: c,
    inputPath: '/nonexistent/conn.log',
    noLogFiles,
    clock: fixedClock,
    argv: ['-f', 'conn.log'],
  });
  const engine = new Engine(c, { sinks, detectors: [new TelnetDetector()] });
  engine.ingest(RECORDS.slice(0, 3));
  engine.ingest(RECORDS.slice(3));
  const acc = new Accounting();
  acc.accept(RECORDS.length);
  await engine.finish(acc, 'zeek-tsv', '/nonexistent/conn.log');
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

test('defaultOutputDir: output/<input basename>_<UTC date and time>', () => {
  const now = new Date('2024-05-06T07:08:09.123Z');
  assert.equal(
    defaultOutputDir('/data/capture.pcap', now),
    join('output', 'capture.pcap_2024-05-06_07:08:09'),
  );
  assert.equal(defaultOutputDir('/data/zeek-logs/', now), join('output', 'zeek-logs_2024-05-06_07:08:09'));
  assert.equal(defaultOutputDir('-', now), join('output', 'stdin_2024-05-06_07:08:09'));
});

test('a real engine run fills the output folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'outfolder-'));
  await run(dir, config());
  assert.deepEqual(files(dir), [
    '10.0.0.5/2020-12-18T14:00:01.timewindow1',
    '10.0.0.5/2020-12-18T16:00:01.timewindow3',
    '10.0.0.5/Complete-timeline-outgoing-actions.txt',
    '10.0.0.5/ProfileData.txt',
    '10.0.0.6/2020-12-18T15:00:01.timewindow2',
    '10.0.0.6/Complete-timeline-outgoing-actions.txt',
    '10.0.0.6/ProfileData.txt',
    'Blocked.txt',
    'alerts.json',
    'alerts.log',
    'flows.arrow',
    'metadata/info.json',
    'metadata/slips.yaml',
    'summary.json',
    'timeline.jsonl',
  ]);
  const log = readFileSync(join(dir, 'alerts.log'), 'utf8').trimEnd().split('\n');
  assert.equal(log.length, 4);
  assert.match(
    log[0]!,
    /^2020-12-18T14:01:10\.000000\+00:00 \(TW 1\): Src IP 10\.0\.0\.5 +\. Detected Telnet to 1\.2\.3\.4\. Threat level: high\.$/,
  );
  assert.match(
    log[1]!,
    /Generated an alert given enough evidence on timewindow 1\. \(real time 2024-05-06T07:08:09\.123000\+00:00\)$/,
  );
  assert.equal(
    readFileSync(join(dir, 'Blocked.txt'), 'utf8'),
    'Detections:\n\t10.0.0.5: timewindow1\n\t10.0.0.6: timewindow2\n',
  );
  const json = readFileSync(join(dir, 'alerts.json'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    json.map((m) => m.Status),
    ['Event', 'Incident', 'Event', 'Incident'],
  );
  const timeline = readFileSync(join(dir, 'timeline.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((a) => a.profile === '10.0.0.5');
  assert.deepEqual(
    timeline.map((a) => a.dport_name),
    ['HTTPS', 'TELNET', 'HTTPS'],
  );
  assert.equal(timeline[0].info.server_name, 'CN=www.example.com');
  assert.equal(tableFromIPC(readFileSync(join(dir, 'flows.arrow'))).numRows, RECORDS.length);
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  assert.equal(summary.records_parsed, RECORDS.length);
  assert.equal(summary.alerts, 2);
  assert.deepEqual(summary.evidence_by_type, { HorizontalPortscan: 2 });
  assert.equal(summary.evidence_whitelisted, 0);
  assert.match(
    readFileSync(join(dir, 'metadata', 'slips.yaml'), 'utf8'),
    /evidence_detection_threshold: 0.01/,
  );
  assert.equal(JSON.parse(readFileSync(join(dir, 'metadata', 'info.json'), 'utf8')).input.sha256, null);
});

test('the same input and clock give byte-identical output folders', async () => {
  const a = mkdtempSync(join(tmpdir(), 'outfolder-'));
  const b = mkdtempSync(join(tmpdir(), 'outfolder-'));
  await run(a, config());
  await run(b, config());
  assert.deepEqual(files(a), files(b));
  for (const f of files(a))
    assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs`);
});

test('log files off (config or -l): no per-profile folders nor Blocked.txt; epoch timeline timestamps', async () => {
  for (const [c, noLogFiles] of [
    [config({ createLogFiles: false, timelineHumanTimestamp: false }), false],
    [config({ timelineHumanTimestamp: false }), true],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'outfolder-'));
    await run(dir, c, noLogFiles);
    assert.deepEqual(readdirSync(dir).sort(), [
      'alerts.json',
      'alerts.log',
      'flows.arrow',
      'metadata',
      'summary.json',
      'timeline.jsonl',
    ]);
    const first = JSON.parse(readFileSync(join(dir, 'timeline.jsonl'), 'utf8').split('\n')[0]!);
    assert.equal(first.timestamp, T0 + 5);
  }
});

test('exporting_alerts.format idea0: alerts.json in IDEA0, the rest of the folder unchanged', async () => {
  const idmef = mkdtempSync(join(tmpdir(), 'outfolder-'));
  const idea = mkdtempSync(join(tmpdir(), 'outfolder-'));
  await run(idmef, config());
  await run(idea, config({ alertsJsonFormat: 'idea0' }));
  const json = readFileSync(join(idea, 'alerts.json'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    json.map((m) => [m.Format, m.Category]),
    [
      ['IDEA0', ['Anomaly.Traffic']],
      ['Json', 'Alert'],
      ['IDEA0', ['Anomaly.Traffic']],
      ['Json', 'Alert'],
    ],
  );
  assert.deepEqual(json[0].Target, [{ IP4: ['1.2.3.4'], Port: [443], Proto: ['tcp'] }]);
  assert.match(
    readFileSync(join(idea, 'metadata', 'slips.yaml'), 'utf8'),
    /^exporting_alerts:\n {2}format: idea0$/m,
  );
  for (const f of files(idmef).filter((f) => f !== 'alerts.json' && f !== 'metadata/slips.yaml'))
    assert.ok(readFileSync(join(idmef, f)).equals(readFileSync(join(idea, f))), `${f} differs`);
});
