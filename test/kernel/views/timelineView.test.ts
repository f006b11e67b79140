// The notebook's timeline is rebuilt on demand from the session's kept records; it must read exactly
// like the engine's own timeline (the TimelineSink behind timeline.jsonl) for the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import { applyOverrides, loadConfig } from '../../../engine/config/config';
import { Engine } from '../../../engine/engine';
import { createDetectors } from '../../../engine/detectors/registry';
import { shippedServiceNames } from '../../../engine/data/services';
import type { TimelineEntry } from '../../../engine/output/timeline/activity';
import { TimelineSink } from '../../../engine/output/timeline/timelineSink';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { MAX_ROWS } from '../../../kernel/protocol';

const ROOT = resolve(__dirname, '../../..');

async function engineTimeline(path: string, direction: 'out' | 'all'): Promise<Map<string, unknown[]>> {
  const config = applyOverrides(loadConfig(), {});
  config.analysisDirection = direction;
  const byWindow = new Map<string, unknown[]>();
  const consumer = {
    window(ip: string, tw: { number: number }, entries: readonly TimelineEntry[]) {
      const key = `${ip} ${tw.number}`;
      byWindow.set(key, [...(byWindow.get(key) ?? []), ...entries.map((e) => e.activity)]);
    },
    close() {},
  };
  const sink = new TimelineSink([consumer], {
    humanTimestamp: config.timelineHumanTimestamp,
    ports: shippedServiceNames(),
  });
  const accounting = new Accounting();
  const reader = await openReader(resolve(ROOT, path), { accounting });
  await new Engine(config, { sinks: [sink], detectors: createDetectors(config) }).run(
    reader,
    accounting,
    path,
  );
  return byWindow;
}

for (const [path, direction] of [
  ['samples/test9-mixed-zeek-dir', 'all'],
  ['samples/test4-malicious.binetflow', 'out'],
] as const) {
  test(`timeline IP tw N reads as the engine's timeline: ${path} direction=${direction}`, async () => {
    const want = await engineTimeline(path, direction);
    const s = new Session(ROOT);
    await runCell(s, `load ${path} direction=${direction}`);
    let compared = 0;
    for (const [key, activities] of want) {
      const [ip, tw] = key.split(' ');
      const [p] = await runCell(s, `timeline ${ip} tw ${tw}`);
      assert.ok(p?.kind === 'timeline', JSON.stringify(p));
      assert.equal(p.total, activities.length, key);
      assert.deepEqual(
        p.rows.map((r) => r.activity),
        activities.slice(0, MAX_ROWS),
        key,
      );
      compared += p.rows.length;
    }
    assert.ok(compared > 300, `compared ${compared} entries`);
  });
}

test('timeline without tw lists every window in time order', async () => {
  const s = new Session(ROOT);
  await runCell(s, 'load samples/test4-malicious.binetflow');
  const [p] = await runCell(s, 'timeline 192.168.2.1');
  assert.ok(p?.kind === 'timeline');
  assert.equal(p.total, 2);
  assert.deepEqual(
    p.rows.map((r) => r.tw),
    [1, 2],
  );
  assert.match(p.rows[0]!.line, /^2018\/09\/27 22:40:52 SSH to 192\.168\.2\.12 22\/TCP established/);
});
