import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import type { DetectorContext } from '../../../../../engine/detectors/detector';
import { appFlowAlertsDetections, createAppFlowAlerts } from '../../../../../engine/detectors/flowAlerts/app';
import { KindRouter, type RoutedDetector } from '../../../../../engine/detectors/flowAlerts/app/router';
import { createHttpAnalyzer, httpAnalyzerDetections } from '../../../../../engine/detectors/http';
import type { FlowKind, FlowRecord } from '../../../../../engine/flow';
import { conn, dns } from '../../../../helpers/records';
import { runRecords } from './harness';
import { smtp, ssl } from './records';

class Recorder implements RoutedDetector {
  readonly name = 'flow_alerts';
  seen: string[] = [];
  closed = 0;
  ended = 0;
  constructor(
    readonly label: string,
    readonly kinds: readonly (FlowKind | '*')[],
  ) {}
  onRecord(rec: FlowRecord, _ctx: DetectorContext): void {
    this.seen.push(`${this.label}:${rec.kind}`);
  }
  onWindowClosed(): void {
    this.closed++;
  }
  onEnd(): void {
    this.ended++;
  }
}

test('the router hands each record to the detections of its kind, in their order, and forwards closes and the end', async () => {
  const log: string[] = [];
  const a = new Recorder('a', ['dns']);
  const b = new Recorder('b', ['*']);
  const c = new Recorder('c', ['ssl', 'dns']);
  for (const r of [a, b, c]) r.seen = log;
  const router = new KindRouter('flow_alerts', [a, b, c]);
  const T = 1_600_000_000;
  await runRecords([router], [dns({ ts: T }), ssl({ ts: T + 1 }), conn({ ts: T + 2 }), smtp({ ts: T + 3 })]);
  assert.deepEqual(log, ['a:dns', 'b:dns', 'c:dns', 'b:ssl', 'c:ssl', 'b:conn', 'b:smtp']);
  assert.deepEqual([a.ended, b.ended, c.ended], [1, 1, 1]);
  assert.ok(a.closed > 0 && a.closed === b.closed && b.closed === c.closed);
});

test('each module is one detector named as upstream, so modules.disable switches it off', async () => {
  const [app] = createAppFlowAlerts(DEFAULT_CONFIG);
  const [http] = createHttpAnalyzer(DEFAULT_CONFIG);
  assert.equal(app!.name, 'flow_alerts');
  assert.equal(http!.name, 'http_analyzer');
  assert.ok(appFlowAlertsDetections().every((d) => d.name === 'flow_alerts' && d.kinds.length > 0));
  assert.ok(httpAnalyzerDetections().every((d) => d.name === 'http_analyzer' && d.kinds.length > 0));
  const recs = [smtp({ ts: 1_600_000_000 })];
  assert.equal((await runRecords([app!], recs)).evidence.length, 1);
  const off = { ...DEFAULT_CONFIG, disabledModules: ['flow_alerts'] };
  assert.equal((await runRecords(createAppFlowAlerts(off), recs, off)).evidence.length, 0);
});
