// The flow classifier (flow_ml_detection) through the real engine: test mode emits upstream's
// MALICIOUS_FLOW evidence, train mode learns from labelled flows, the config keys reach the detectors,
// and a broken model switches off only this detector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneConfig, DEFAULT_CONFIG } from '../../../../engine/config/defaults';
import { loadConfig, type SlipsConfig } from '../../../../engine/config/config';
import { createMlDetectors } from '../../../../engine/detectors/ml';
import {
  FlowClassifierDetector,
  FlowClassifierTrainer,
  type TrainOutcome,
} from '../../../../engine/detectors/ml/flowMlDetector';
import { BeaconDetector } from '../../../../engine/detectors/ml/beaconDetector';
import { mlSettings } from '../../../../engine/detectors/ml/settings';
import { loadFlowModel } from '../../../../engine/detectors/ml/flowModel';
import { readForest } from '../../../../engine/ml/flows/modelFolder';
import { flowFeatures } from '../../../../engine/ml/flows/features';
import { conn } from '../../../helpers/records';
import { runFile, runRecords } from '../../../helpers/detectorHarness';

const T0 = 1_700_000_000;
const forest = readForest(join(__dirname, '../../../../models/flow-rf'));

/** The default configuration with the flow classifier switched on. */
function enabled(): SlipsConfig {
  const c = cloneConfig(DEFAULT_CONFIG);
  c.disabledModules = ['template'];
  return c;
}

test("test mode: a Malware verdict is upstream's MALICIOUS_FLOW evidence; ICMP and Normal flows are not", async () => {
  // a DNS query and a web flow; the shipped forest calls the first Malware, the second Normal
  const dnsFlow = conn({
    ts: T0,
    proto: 'udp',
    sport: 51000,
    dport: 53,
    spkts: 1,
    dpkts: 1,
    sbytes: 60,
    dbytes: 120,
    dur: 0.02,
    state: 'SF',
  });
  const web = conn({
    ts: T0 + 1,
    daddr: '10.0.0.3',
    sport: 50123,
    dport: 443,
    spkts: 30,
    dpkts: 40,
    sbytes: 4000,
    dbytes: 90_000,
    dur: 12,
    state: 'SF',
    history: 'ShADadFf',
  });
  const icmp = conn({ ts: T0 + 2, proto: 'icmp', sport: 8, dport: 0 });
  assert.ok(forest.probability(flowFeatures(dnsFlow)!) > 0.5, 'DNS flow is Malware for the shipped forest');
  assert.ok(forest.probability(flowFeatures(web)!) <= 0.5, 'web flow is Normal for the shipped forest');
  const d = new FlowClassifierDetector(forest);
  const { evidence } = await runRecords([d], [dnsFlow, web, icmp], enabled());
  assert.equal(d.scored, 2);
  assert.equal(d.flagged, 1);
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(e.evidenceType, 'MALICIOUS_FLOW');
  assert.equal(
    e.description,
    `Flow with malicious characteristics by ML. Src IP 10.0.0.1:51000 to 10.0.0.2:53`,
  );
  assert.deepEqual([e.attacker.direction, e.attacker.value], ['SRC', '10.0.0.1']);
  assert.deepEqual([e.victim?.direction, e.victim?.value], ['DST', '10.0.0.2']);
  assert.equal(e.threatLevel, 'low');
  assert.equal(e.confidence, 0.1);
  assert.equal(e.method, 'AI');
  assert.deepEqual(e.uids, [dnsFlow.uid]);
  assert.equal(e.timestamp, T0);
  assert.equal(e.srcPort, 51000);
  assert.equal(e.dstPort, 53);
  assert.equal(e.module, 'flow_ml_detection');
});

test('off by default (modules.disable lists it, as 0.7.1 did); on when removed from the list', async () => {
  const recs = () => [
    conn({ ts: T0, proto: 'udp', dport: 53, spkts: 1, dpkts: 1, sbytes: 60, dbytes: 120, state: 'SF' }),
  ];
  const off = await runRecords(createMlDetectors(DEFAULT_CONFIG), recs());
  assert.equal(off.evidence.filter((e) => e.evidenceType === 'MALICIOUS_FLOW').length, 0);
  const on = await runRecords(createMlDetectors(enabled()), recs(), enabled());
  assert.equal(on.evidence.filter((e) => e.evidenceType === 'MALICIOUS_FLOW').length, 1);
});

test('train mode on a labelled capture: learns from Malware and Normal flows, skips Background', async () => {
  let outcome: TrainOutcome | undefined;
  const config = enabled();
  config.flowMlDetection.mode = 'train';
  const { evidence } = await runFile(
    'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled',
    [new FlowClassifierTrainer((o) => (outcome = o))],
    config,
  );
  assert.equal(evidence.length, 0, 'train mode raises no evidence');
  assert.ok(outcome?.kind === 'trained');
  // 719 Malicious TCP flows; 39 Benign TCP/UDP flows (5 ICMP ones are not classified); 3 Unknown skipped
  assert.deepEqual([outcome.malware, outcome.normal], [719, 39]);
  assert.ok(outcome.forest.nodeCount > 1);
});

test('train mode without both classes says why and writes nothing; parameters.label labels unlabelled flows', async () => {
  const outcomes: TrainOutcome[] = [];
  const config = enabled();
  config.flowMlDetection.mode = 'train';
  const flows = [
    conn({ ts: T0, dport: 80, state: 'SF', spkts: 3, dpkts: 3 }),
    conn({ ts: T0 + 1, dport: 22 }),
  ];
  await runRecords([new FlowClassifierTrainer((o) => outcomes.push(o))], flows, config);
  assert.deepEqual(outcomes, [
    {
      kind: 'not-trained',
      reason: 'train mode needs labelled Malware and Normal TCP/UDP flows, got 0 Malware and 2 Normal',
    },
  ]);
  config.label = 'Background';
  await runRecords([new FlowClassifierTrainer((o) => outcomes.push(o))], flows, config);
  assert.match((outcomes[1] as { reason: string }).reason, /got 0 Malware and 0 Normal/);
});

test('train mode through the registry writes the model to flow_ml_detection.model_folder, and test mode loads it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flow-train-'));
  const yaml = join(dir, 'slips.yaml');
  writeFileSync(
    yaml,
    `modules:\n  disable: [template]\nflow_ml_detection:\n  mode: train\n  model_folder: ${join(dir, 'mine')}\n`,
  );
  const config = loadConfig(yaml);
  assert.equal(config.flowMlDetection.mode, 'train');
  await runFile('zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled', createMlDetectors(config), config);
  const written = JSON.parse(readFileSync(join(dir, 'mine', 'model.json'), 'utf8'));
  assert.equal(written.trees.length, 30);
  config.flowMlDetection.mode = 'test';
  const m = loadFlowModel(join(dir, 'mine'));
  assert.equal(m.kind, 'loaded');
  assert.ok(createMlDetectors(config).some((d) => d instanceof FlowClassifierDetector));
});

test('a broken model folder turns off only the flow classifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flow-bad-'));
  writeFileSync(join(dir, 'model.json'), '{"format": "slips-flow-random-forest/1", "trees": [');
  const config = enabled();
  config.flowMlDetection.modelFolder = dir;
  assert.deepEqual(
    createMlDetectors(config).map((d) => d.name),
    ['beacon', 'rnn_cc_detection'],
  );
});

test('config keys: upstream mode names of both versions, and the C&C thresholds under their modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-keys-'));
  const yaml = join(dir, 'slips.yaml');
  writeFileSync(
    yaml,
    'flow_ml_detection:\n  mode: train\nbeacon:\n  score_threshold: 0.95\nrnn_cc_detection:\n  threshold: 0.99\n  batch_letters: 8\n',
  );
  const s = mlSettings(loadConfig(yaml));
  assert.deepEqual(s, {
    beaconThreshold: 0.95,
    ccThreshold: 0.99,
    ccBatchLetters: 8,
    flowMode: 'train',
    flowModelFolder: '',
  });
  const ini = join(dir, 'slips.conf');
  writeFileSync(ini, '[MLdetection1]\nmode = train\n');
  const c = loadConfig(ini);
  assert.equal(c.flowMlDetection.mode, 'train');
  assert.deepEqual(c.ignoredKeys, []);
  for (const bad of [
    'beacon:\n  score_threshold: 1.5\n',
    'flow_ml_detection:\n  mode: learn\n',
    'rnn_cc_detection:\n  batch_letters: 0\n',
  ]) {
    writeFileSync(yaml, bad);
    assert.throws(() => loadConfig(yaml), /slips\.yaml:\d+: /, bad);
  }
});

test('beacon.score_threshold reaches the detector: 1.0 silences the test-cc-capture-2 beacon, the default reports it', async () => {
  const pick = (cfg: SlipsConfig) => createMlDetectors(cfg).filter((d) => d instanceof BeaconDetector);
  const strict = cloneConfig(DEFAULT_CONFIG);
  strict.beacon.scoreThreshold = 1;
  const run = async (cfg: SlipsConfig) =>
    (await runFile('pcap/slips/test-cc-capture-2.pcap', pick(cfg), cfg)).evidence.filter(
      (e) =>
        e.evidenceType === 'BEACON' &&
        e.attacker.value === '147.32.80.37' &&
        e.victim?.value === '141.193.213.20',
    );
  const dflt = await run(DEFAULT_CONFIG);
  assert.equal(dflt.length, 1);
  assert.equal(dflt[0]!.dstPort, 443);
  assert.ok((dflt[0]!.facts.score as number) < 1, 'a real beacon is not perfect');
  assert.equal((await run(strict)).length, 0);
});
