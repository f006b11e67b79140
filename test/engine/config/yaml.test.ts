import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type SlipsConfig } from '../../../engine/config/config';
import { configFile } from './files';

const cases: Array<[string, string, Partial<SlipsConfig>]> = [
  ['width', 'parameters:\n  time_window_width: 300\n', { timeWindowWidth: 300, onlyOneTw: false }],
  ['width as text', "parameters:\n  time_window_width: '120'\n", { timeWindowWidth: 120 }],
  [
    'only_one_tw',
    'parameters:\n  time_window_width: only_one_tw\n',
    { timeWindowWidth: 9999999999, onlyOneTw: true },
  ],
  ['direction', 'parameters:\n  analysis_direction: all\n', { analysisDirection: 'all' }],
  ['levels', 'parameters:\n  verbose: 3\n  debug: 2\n', { verbose: 3, debug: 2 }],
  [
    'label and client ips',
    'parameters:\n  label: malicious\n  client_ips: [192.168.1.10, 10.0.0.0/8, "2001:db8::/32"]\n',
    { label: 'malicious', clientIps: ['192.168.1.10', '10.0.0.0/8', '2001:db8::/32'] },
  ],
  [
    'booleans',
    'parameters:\n  export_strato_letters: true\n  create_log_files: no\nmodules:\n  timeline_human_timestamp: False\n',
    { exportStratoLetters: true, createLogFiles: false, timelineHumanTimestamp: false },
  ],
  ['tcp timeout', 'parameters:\n  tcp_inactivity_timeout: 5\n', { tcpInactivityTimeout: 5 }],
  [
    'threshold',
    'detection:\n  evidence_detection_threshold: 0.08\n  popup_alerts: false\n',
    { evidenceDetectionThreshold: 0.08, ignoredKeys: ['detection.popup_alerts'] },
  ],
  [
    'modules',
    'modules:\n  disable: [template, flow_alerts]\n',
    { disabledModules: ['template', 'flow_alerts'] },
  ],
  [
    '0.7.1 module names are translated',
    'modules:\n  disable:\n    - portscandetector-1\n    - geoip\n    - asn\n',
    { disabledModules: ['network_discovery', 'ip_info'] },
  ],
  ['nothing disabled', 'modules:\n  disable: []\n', { disabledModules: [] }],
  [
    'disabled detections',
    'DisabledAlerts:\n  disabled_detections: [LONG_CONNECTION]\n',
    { disabledDetections: ['LONG_CONNECTION'] },
  ],
  [
    'flow alerts (upstream spelling)',
    'flow_alerts:\n  long_connection_threshold: 60\n  ssh_succesful_detection_threshold: 1000\n  data_exfiltration_threshold: 10\n  entropy_threshold: 4.5\n  pastebin_download_threshold: 1\n',
    {
      flowAlerts: {
        longConnectionThreshold: 60,
        sshSuccessfulDetectionThreshold: 1000,
        dataExfiltrationThreshold: 10,
        entropyThreshold: 4.5,
        pastebinDownloadThreshold: 1,
      },
    },
  ],
  [
    'brute force',
    'brute_force_detector:\n  ssh_attempt_threshold: 20\n',
    { bruteForce: { sshAttemptThreshold: 20 } },
  ],
  [
    'timestamp format',
    "timestamp:\n  format: '%Y/%m/%d %H:%M:%S.%f'\n",
    { timestampFormat: '%Y/%m/%d %H:%M:%S.%f' },
  ],
  ['empty value keeps the default', 'parameters:\n  label:\n  verbose: 2\n', { label: 'normal', verbose: 2 }],
  [
    'unknown sections and keys are ignored, not fatal',
    'parameters:\n  deletePrevdb: true\n  home_network: 10.0.0.0/8\nweb_interface:\n  port: 55000\nmystery: 3\n',
    {
      ignoredKeys: [
        'parameters.deletePrevdb',
        'parameters.home_network (no longer used: newest Slips removed it, every source IP gets a profile; list local hosts in parameters.client_ips)',
        'web_interface.port',
        'mystery',
      ],
    },
  ],
  ['empty file', '', {}],
  [
    'YAML keys are case-sensitive',
    'parameters:\n  Verbose: 3\n',
    { verbose: 1, ignoredKeys: ['parameters.Verbose'] },
  ],
];

for (const [name, text, want] of cases) {
  test(`YAML: ${name}`, () => {
    const path = configFile('slips.yaml', text);
    const c = loadConfig(path);
    assert.deepEqual(c.source, { path, dialect: 'yaml' });
    for (const [k, v] of Object.entries(want)) assert.deepEqual(c[k as keyof SlipsConfig], v, k);
    if (!('ignoredKeys' in want)) assert.deepEqual(c.ignoredKeys, []);
  });
}

test('YAML: a later key wins over the defaults only for itself', () => {
  const c = loadConfig(configFile('s.yml', 'flow_alerts:\n  entropy_threshold: 3\n'));
  assert.equal(c.flowAlerts.entropyThreshold, 3);
  assert.equal(c.flowAlerts.longConnectionThreshold, 1500);
});
