import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../engine/config/config';
import { createDetectors } from '../../../engine/detectors/registry';
import { Engine } from '../../../engine/engine';
import type { Alert, Evidence } from '../../../engine/evidence/types';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import { MemoryStore } from '../../../engine/store/memoryStore';
import { profileTable } from '../../../engine/cli/profileTable';
import { DATA } from '../../helpers/data';

async function analyse(path: string, store: MemoryStore) {
  const evidence: Evidence[] = [];
  const alerts: Alert[] = [];
  const engine = new Engine(DEFAULT_CONFIG, {
    store,
    detectors: createDetectors(DEFAULT_CONFIG),
    sinks: [{ evidence: (e) => evidence.push(e), alert: (a) => alerts.push(a), close: async () => {} }],
  });
  const accounting = new Accounting();
  const summary = await engine.run(await openReader(`${DATA}/${path}`, { accounting }), accounting, path);
  return { evidence, alerts, summary, store };
}

// Files spanning several hours, so windows close and (with one width of grace) leave the store.
const FILES = [
  'binetflow/slips-0.7.1/2013-10-21_capture-1.binetflow',
  'binetflow/slips/test2-malicious.binetflow',
  'zeek/security-datasets-for-testing/008-zeek-mixed/data/conn.log.labeled',
  'zeek/security-datasets-for-testing/006-zeek-scenario-ssh',
];

for (const file of FILES) {
  test(`dropping long-closed windows changes no evidence or alert: ${file}`, async () => {
    const kept = await analyse(file, new MemoryStore());
    const dropped = await analyse(file, new MemoryStore({ evictClosedAfter: 3600 }));
    assert.ok(kept.evidence.length > 0, 'the file raises evidence');
    assert.deepEqual(
      dropped.evidence.map((e) => e.id),
      kept.evidence.map((e) => e.id),
    );
    assert.deepEqual(
      dropped.alerts.map((a) => a.id),
      kept.alerts.map((a) => a.id),
    );
    // The per-profile table adds the dropped windows' totals back: the same figures either way.
    assert.equal(profileTable(dropped.store, 1000), profileTable(kept.store, 1000));
    let resident = 0;
    let evicted = 0;
    for (const p of dropped.store.profiles()) {
      resident += p.windows.size;
      evicted += p.evicted?.windows ?? 0;
    }
    assert.ok(evicted > 0, 'some windows left memory');
    assert.ok(resident < kept.summary.timewindows);
  });
}
