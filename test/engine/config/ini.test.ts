import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type SlipsConfig } from '../../../engine/config/config';
import { configFile } from './files';

const HOME_NOTE =
  'parameters.home_network (no longer used: newest Slips removed it, every source IP gets a profile; list local hosts in parameters.client_ips)';

/** A 0.7.1 file using every form its dialect allows. */
const FULL = `# comment
; another comment
[parameters]
verbose = 3
debug: 2
time_window_width = 'only_one_tw'
home_network = 192.168.0.0/16
log_report_time = 5
analysis_direction = all
create_log_files = no
label = malicious
tcp_inactivity_timeout = 'tcp_inactivity_timeout=30mins'
deletePrevdb = True

[detection]
evidence_detection_threshold = 0.5

[modules]
disable = ['TemplateModule',
    'cc-detector-1',
      # comments inside a continued value are dropped

    "flowalerts"]
timeline_human_timestamp = False

[timestamp]
format = %Y/%m/%d %H:%M:%S.%f

[longconnections]
long_connection_threshold = 600
`;

test('INI: every 0.7.1 form', () => {
  const path = configFile('slips.conf', FULL);
  const c = loadConfig(path);
  const want: Partial<SlipsConfig> = {
    verbose: 3,
    debug: 2,
    timeWindowWidth: 9999999999,
    onlyOneTw: true,
    analysisDirection: 'all',
    createLogFiles: false,
    label: 'malicious',
    tcpInactivityTimeout: 30,
    evidenceDetectionThreshold: 0.5,
    disabledModules: ['template', 'cc-detector-1', 'flow_alerts'],
    timelineHumanTimestamp: false,
    timestampFormat: '%Y/%m/%d %H:%M:%S.%f',
    flowAlerts: {
      longConnectionThreshold: 600,
      sshSuccessfulDetectionThreshold: 4290,
      dataExfiltrationThreshold: 500,
      entropyThreshold: 5,
      pastebinDownloadThreshold: 700,
    },
    source: { path, dialect: 'ini' },
    ignoredKeys: [HOME_NOTE, 'parameters.log_report_time', 'parameters.deletePrevdb'],
  };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(c[k as keyof SlipsConfig], v, k);
});

const cases: Array<[string, string, Partial<SlipsConfig>]> = [
  [
    'missing analysis_direction falls back to all (0.7.1 code default)',
    '[parameters]\nverbose = 1\n',
    { analysisDirection: 'all' },
  ],
  ['analysis_direction out', '[parameters]\nanalysis_direction = out\n', { analysisDirection: 'out' }],
  [
    'only_one_tw without quotes',
    '[parameters]\ntime_window_width = only_one_tw\n',
    { timeWindowWidth: 9999999999, onlyOneTw: true },
  ],
  ['only_one_tw in double quotes', '[parameters]\ntime_window_width = "only_one_tw"\n', { onlyOneTw: true }],
  ['numeric width', '[parameters]\ntime_window_width = 60\n', { timeWindowWidth: 60, onlyOneTw: false }],
  ['quoted width', "[parameters]\ntime_window_width = '900'\n", { timeWindowWidth: 900 }],
  ['plain timeout in minutes', '[parameters]\ntcp_inactivity_timeout = 45\n', { tcpInactivityTimeout: 45 }],
  [
    'timeout in hours',
    "[parameters]\ntcp_inactivity_timeout = 'tcp_inactivity_timeout=2hrs'\n",
    { tcpInactivityTimeout: 120 },
  ],
  ['timeout with unit', '[parameters]\ntcp_inactivity_timeout = 60mins\n', { tcpInactivityTimeout: 60 }],
  [
    'yes/no and true/false booleans',
    '[parameters]\ncreate_log_files = No\n[modules]\ntimeline_human_timestamp = yes\n',
    { createLogFiles: false, timelineHumanTimestamp: true },
  ],
  [
    '1/0 and on/off booleans',
    '[parameters]\ncreate_log_files = 0\nexport_strato_letters = on\n',
    { createLogFiles: false, exportStratoLetters: true },
  ],
  ['empty list', '[modules]\ndisable = []\n', { disabledModules: [] }],
  [
    'list with trailing comma and spaces',
    "[modules]\ndisable = [ 'lstm-cc-detection-1' , 'VirusTotal', ]\n",
    { disabledModules: ['rnn_cc_detection', 'virustotal'] },
  ],
  [
    'bare comma-separated list',
    '[modules]\ndisable = template, timeline\n',
    { disabledModules: ['template', 'timeline'] },
  ],
  [
    'option names are case-insensitive, as in configparser',
    '[parameters]\nVERBOSE = 4\nDeletePrevDB = no\n',
    { verbose: 4, ignoredKeys: ['parameters.DeletePrevDB'] },
  ],
  [
    'section names are case-sensitive',
    '[Parameters]\nverbose = 4\n',
    { verbose: 1, ignoredKeys: ['Parameters.verbose'] },
  ],
  ['anything after a section header is ignored', '[parameters] # main\nlabel = x\n', { label: 'x' }],
  ['first = or : splits', '[timestamp]\nformat: %H:%M:%S\n', { timestampFormat: '%H:%M:%S' }],
  [
    'no inline comments (configparser default)',
    '[parameters]\nlabel = normal # training\n',
    { label: 'normal # training' },
  ],
  ['empty timestamp format means detect', '[timestamp]\nformat =\n', { timestampFormat: undefined }],
  [
    'newest keys are read in INI too',
    "[flow_alerts]\nentropy_threshold = 4\n[DisabledAlerts]\ndisabled_detections = ['LONG_CONNECTION']\n",
    {
      flowAlerts: {
        longConnectionThreshold: 1500,
        sshSuccessfulDetectionThreshold: 4290,
        dataExfiltrationThreshold: 500,
        entropyThreshold: 4,
        pastebinDownloadThreshold: 700,
      },
      disabledDetections: ['LONG_CONNECTION'],
    },
  ],
  [
    'a malformed list in an ignored key is harmless',
    "[threatintelligence]\nmac_db = ['a',\n",
    { ignoredKeys: ['threatintelligence.mac_db'] },
  ],
  ['CRLF line ends and a byte-order mark', '\uFEFF[parameters]\r\nverbose = 2\r\n', { verbose: 2 }],
  [
    'continuation of a plain value keeps newlines (multi-line label)',
    '[parameters]\nlabel = a\n  b\n',
    { label: 'a\nb' },
  ],
];

for (const [name, text, want] of cases) {
  test(`INI: ${name}`, () => {
    const c = loadConfig(configFile('slips.conf', text));
    assert.equal(c.source.dialect, 'ini');
    for (const [k, v] of Object.entries(want)) assert.deepEqual(c[k as keyof SlipsConfig], v, k);
    if (!('ignoredKeys' in want)) assert.deepEqual(c.ignoredKeys, []);
  });
}
