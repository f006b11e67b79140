// The C&C sequence detector through the real engine with the shipped model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CcSequenceDetector } from '../../../../engine/detectors/ml/ccDetector';
import { loadCcModel } from '../../../../engine/detectors/ml/ccModel';
import { createMlDetectors } from '../../../../engine/detectors/ml';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { conn } from '../../../helpers/records';
import { runFile, runRecords } from '../../../helpers/detectorHarness';
import type { Evidence } from '../../../../engine/evidence/types';

const T0 = 1_700_000_000;
const model = loadCcModel();
assert.ok(model.kind === 'loaded', 'shipped model loads');
const scorer = model.scorer;

/** 12 small, short established flows every 30 s: letters 11,a,a,… */
const beacon = (state: string) =>
  Array.from({ length: 12 }, (_, i) =>
    conn({
      ts: T0 + 30 * i,
      daddr: '203.0.113.5',
      dport: 8080,
      state,
      history: 'ShADadFf',
      spkts: 3,
      dpkts: 3,
      sbytes: 40,
      dur: 0.05,
    }),
  );

test('established tuples are scored (interpreted state, Q10); never-established ones are not', async () => {
  const est = await runRecords([new CcSequenceDetector(scorer, 1e-9, 1000)], beacon('SF'));
  assert.equal(est.evidence.length, 2, 'client and server evidence');
  const [client, server] = est.evidence as [Evidence, Evidence];
  assert.equal(client.evidenceType, 'COMMAND_AND_CONTROL_CHANNEL');
  assert.equal(client.attacker.value, '10.0.0.1');
  assert.equal(server.attacker.value, '203.0.113.5');
  assert.deepEqual(client.relIds, [server.id]);
  assert.deepEqual(server.relIds, [client.id]);
  assert.equal(client.method, 'AI');
  assert.equal(client.confidence, 0.23, '23 symbols of 100');
  assert.match(
    client.description,
    /^C&C channel, client IP: 10\.0\.0\.1 server IP: 203\.0\.113\.5 port: 8080\/tcp score: [01]\.\d{4}\. Letters: 11,a,a,a,/,
  );
  assert.equal(client.facts.symbols_scored, 12 * 2 - 1, 'letter + time char per flow, none after the first');
  const s0 = await runRecords([new CcSequenceDetector(scorer, 1e-9, 1000)], beacon('S0'));
  assert.equal(s0.evidence.length, 0);
});

test('batching: a tuple is scored when the window gathered N new letters, else at window close', async () => {
  const early = await runRecords([new CcSequenceDetector(scorer, 1e-9, 1)], beacon('SF'));
  // batch of 1 letter: scored after each flow, reported once it has 3 symbols (the 2nd flow: "11,")
  assert.equal(early.evidence[0]!.facts.symbols_scored, 3);
  assert.equal(early.evidence[0]!.timestamp, T0 + 30);
  const late = await runRecords([new CcSequenceDetector(scorer, 1e-9, 1000)], beacon('SF'));
  assert.equal(late.evidence[0]!.timestamp, T0 + 30 * 11);
});

test('the registry builds the sequence detector with the threshold of the model card', () => {
  const names = createMlDetectors(DEFAULT_CONFIG).map((d) => d.name);
  // flow_ml_detection is built too; the engine leaves it out while modules.disable lists it (default)
  assert.deepEqual(names, ['beacon', 'rnn_cc_detection', 'flow_ml_detection']);
});

test('labelled C&C of NjRAT and RemcosRAT is flagged by at least one C&C detector', async () => {
  const cases = [
    ['zeek/security-datasets-for-testing/001-zeek-scenario-malicious', '192.168.1.115', '41.108.179.197'],
    ['zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled', '192.168.1.107', '66.63.168.35'],
  ] as const;
  for (const [path, src, dst] of cases) {
    const { evidence } = await runFile(path, createMlDetectors(DEFAULT_CONFIG));
    const hits = evidence.filter(
      (e) =>
        ['BEACON', 'COMMAND_AND_CONTROL_CHANNEL'].includes(e.evidenceType) &&
        e.attacker.value === src &&
        e.victim?.value === dst,
    );
    assert.ok(hits.length > 0, `${path}: ${src} → ${dst}`);
  }
});
