import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertsJsonSink } from '../../../engine/output/alertsJson';
import { idmefEvent, idmefIncident } from '../../../engine/output/idmefv2';
import { ENGINE_VERSION } from '../../../engine/version';
import { alert, evidence, FIXED_NOW, fixedClock, T0, window } from './fixtures';

test('IDMEFv2 Event carries upstream fields and key order', () => {
  const m = idmefEvent(
    evidence({ attacker: { direction: 'SRC', iocType: 'IP', value: '10.0.0.5', as: 'AS1' }, relIds: ['r1'] }),
    0.64,
    FIXED_NOW,
  );
  assert.deepEqual(Object.keys(m), [
    'Version',
    'Analyzer',
    'Status',
    'ID',
    'Severity',
    'StartTime',
    'CreateTime',
    'Confidence',
    'Description',
    'Source',
    'Target',
    'RelID',
    'Note',
  ]);
  assert.equal(m.Version, '2.0.3');
  assert.deepEqual(m.Analyzer, {
    IP: '0.0.0.0',
    Name: 'Slips',
    Model: ENGINE_VERSION,
    Category: ['NIDS'],
    Data: ['Flow', 'Network'],
    Method: ['Heuristic'],
  });
  assert.equal(m.Status, 'Event');
  assert.equal(m.ID, '11111111-2222-4333-8444-555555555555');
  assert.equal(m.Severity, 'High');
  assert.equal(m.StartTime, '2020-12-18T14:00:05.123456+00:00');
  assert.equal(m.CreateTime, '2024-05-06T07:08:09.123000+00:00');
  assert.equal(m.Confidence, 0.8);
  assert.deepEqual(m.Source, [{ IP: '10.0.0.5', Note: '{"AS":"AS1"}', Port: [50000], Protocol: ['TCP'] }]);
  assert.deepEqual(m.Target, [{ IP: '93.184.216.34', Note: '{}', Port: [443] }]);
  assert.deepEqual(m.RelID, ['r1']);
  assert.deepEqual(JSON.parse(m.Note as string), {
    uids: ['CAbc1', 'CAbc2'],
    accumulated_threat_level: 0.64,
    threat_level: 'high',
    confidence: 'High',
    timewindow: 1,
  });
});

test('IDMEFv2 severity mapping: critical becomes High', () => {
  const want = { info: 'Info', low: 'Low', medium: 'Medium', high: 'High', critical: 'High' } as const;
  for (const [level, sev] of Object.entries(want))
    assert.equal(
      idmefEvent(evidence({ threatLevel: level as keyof typeof want }), 0, FIXED_NOW).Severity,
      sev,
    );
});

test('IDMEFv2: ICMP type/code never go in Port; domains are Hostname; TI on the target note', () => {
  const m = idmefEvent(
    evidence({
      proto: 'icmp',
      srcPort: 8,
      dstPort: 0,
      victim: { direction: 'DST', iocType: 'DOMAIN', value: 'evil.example', ti: 'feedA' },
      attacker: { direction: 'SRC', iocType: 'IP', value: '10.0.0.5', ti: 'feedB' },
    }),
    0,
    FIXED_NOW,
  );
  assert.deepEqual(m.Source, [{ IP: '10.0.0.5', Note: '{}', Protocol: ['ICMP'], TI: ['feedB'] }]);
  assert.deepEqual(m.Target, [{ Hostname: 'evil.example', Note: '{"TI":"feedA"}' }]);
  assert.equal('RelID' in m, false);
});

test('IDMEFv2 Incident', () => {
  const m = idmefIncident(alert(), FIXED_NOW);
  assert.deepEqual(Object.keys(m), [
    'Version',
    'Analyzer',
    'Source',
    'ID',
    'Status',
    'StartTime',
    'CreateTime',
    'CorrelID',
    'Note',
  ]);
  assert.equal(m.Status, 'Incident');
  assert.deepEqual(m.Source, [{ IP: '10.0.0.5' }]);
  assert.equal(m.StartTime, '2020-12-18T14:00:00.000000+00:00');
  assert.deepEqual(m.CorrelID, ['11111111-2222-4333-8444-555555555555']);
  assert.deepEqual(JSON.parse(m.Note as string), {
    accumulated_threat_level: 15.2,
    timewindow: 1,
    EndTime: '2020-12-18T15:00:00.000000+00:00',
  });
});

async function run(path: string): Promise<string> {
  const sink = new AlertsJsonSink(path, fixedClock);
  sink.evidence(evidence({ id: 'e1', threatLevel: 'high', confidence: 1 }));
  sink.evidence(evidence({ id: 'e2', threatLevel: 'info', confidence: 1 }));
  // Evidence where the profile is the victim does not add to its level.
  sink.evidence(evidence({ id: 'e3', attacker: { direction: 'DST', iocType: 'IP', value: '1.2.3.4' } }));
  sink.evidence(evidence({ id: 'e4', threatLevel: 'medium', confidence: 0.5 }));
  sink.alert(alert({ correlIds: ['e1', 'e4'] }));
  sink.evidence(evidence({ id: 'e5', threatLevel: 'low', confidence: 1 }));
  sink.onWindowClosed(window(), {
    ip: '10.0.0.5',
    id: 'profile_10.0.0.5',
    firstSeen: T0,
    windows: new Map(),
    info: new Map(),
  });
  sink.evidence(evidence({ id: 'e6', threatLevel: 'low', confidence: 1 }));
  await sink.close();
  return readFileSync(path, 'utf8');
}

test('alerts.json: one message per line, accumulated level as the accumulator counts it, byte-identical reruns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alertsjson-'));
  const a = await run(join(dir, 'a.json'));
  const b = await run(join(dir, 'b.json'));
  assert.equal(a, b);
  const lines = a
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.map((l) => l.Status),
    ['Event', 'Event', 'Event', 'Event', 'Incident', 'Event', 'Event'],
  );
  const acc = lines
    .filter((l) => l.Status === 'Event')
    .map((l) => JSON.parse(l.Note as string).accumulated_threat_level);
  assert.deepEqual(acc, [0.8, 0.8, 0.8, 1.05, 0.2, 0.2]);
});
