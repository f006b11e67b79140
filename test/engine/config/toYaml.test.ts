import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverrides, configToYaml, loadConfig, type SlipsConfig } from '../../../engine/config/config';
import { configFile, settings } from './files';

const YAML_OVERRIDES = `parameters:
  time_window_width: 120
  analysis_direction: all
  label: "true"
  client_ips: [192.168.0.0/16, 10.1.2.3]
  tcp_inactivity_timeout: 1.5
  export_strato_letters: true
  create_log_files: false
detection:
  evidence_detection_threshold: 0.43
modules:
  disable: []
  timeline_human_timestamp: false
flow_alerts:
  entropy_threshold: 4.2
DisabledAlerts:
  disabled_detections: [LONG_CONNECTION, PASTEBIN_DOWNLOAD]
timestamp:
  format: "%Y-%m-%dT%H:%M:%S"
whitelists:
  enable_local_whitelist: false
  local_whitelist_path: /etc/slips/whitelist.conf
exporting_alerts:
  format: IDEA0
`;

const cases: Array<[string, () => SlipsConfig]> = [
  ['defaults', () => loadConfig()],
  ['the shipped slips.yaml', () => loadConfig('config/slips.yaml')],
  ['a YAML file changing every key', () => loadConfig(configFile('s.yaml', YAML_OVERRIDES))],
  ['only_one_tw', () => applyOverrides(loadConfig(), { width: 'only_one_tw' })],
  [
    'CLI overrides',
    () => applyOverrides(loadConfig(), { width: 30, verbose: 3, debug: 2, noLogFiles: true }),
  ],
];

for (const [name, make] of cases) {
  test(`configToYaml round trip: ${name}`, () => {
    const c = make();
    const text = configToYaml(c);
    const back = loadConfig(configFile('effective.yaml', text));
    assert.deepEqual(settings(back), settings(c));
    assert.equal(configToYaml(c), text, 'deterministic');
  });
}

test('configToYaml round trip: a 0.7.1 INI file (its ignored keys become comments)', () => {
  const path = configFile(
    'slips.conf',
    "[parameters]\ntime_window_width = 'only_one_tw'\nhome_network = 10.0.0.0/8\n[modules]\ndisable = ['TemplateModule']\n",
  );
  const c = loadConfig(path);
  const text = configToYaml(c);
  assert.match(
    text,
    new RegExp(`^# Read from: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(0\\.7\\.1 INI\\)\\.$`, 'm'),
  );
  assert.match(text, /^# {3}parameters\.home_network \(no longer used/m);
  const back = loadConfig(configFile('effective.yaml', text));
  assert.deepEqual(settings(back, ['source', 'ignoredKeys']), settings(c, ['source', 'ignoredKeys']));
  assert.deepEqual(back.ignoredKeys, []);
});

test('configToYaml: upstream key names in a fixed order', () => {
  const sections = configToYaml(loadConfig())
    .split('\n')
    .filter((l) => /^\w/.test(l));
  assert.deepEqual(sections, [
    'parameters:',
    'detection:',
    'modules:',
    'flow_alerts:',
    'brute_force_detector:',
    'DisabledAlerts:',
    'whitelists:',
    'flow_ml_detection:',
    'beacon:',
    'rnn_cc_detection:',
    'exporting_alerts:',
  ]);
  assert.match(configToYaml(loadConfig()), /^ {2}ssh_succesful_detection_threshold: 4290$/m);
  assert.match(configToYaml(loadConfig()), /^# Read from: built-in defaults\.$/m);
});
