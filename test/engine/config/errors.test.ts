import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../engine/config/config';
import { configFile } from './files';

/** [case, file name, content, expected message after the path (":<line>: ..." or ": ...")] */
const cases: Array<[string, string, string, RegExp]> = [
  ['YAML syntax', 'bad.yaml', 'parameters:\n  verbose: 1\n  label: "open\n', /^:\d+: invalid YAML: /],
  [
    'YAML duplicate key',
    'dup.yaml',
    'parameters:\n  verbose: 1\n  verbose: 2\n',
    /^:3: invalid YAML: Map keys must be unique/,
  ],
  ['YAML top level not a mapping', 'list.yaml', '- parameters\n', /^: the YAML top level must be a mapping/],
  [
    'negative width',
    'w.yaml',
    'parameters:\n  time_window_width: -5\n',
    /^:2: parameters\.time_window_width must be a positive number of seconds or 'only_one_tw', got -5$/,
  ],
  [
    'zero width',
    'w.conf',
    '[parameters]\ntime_window_width = 0\n',
    /^:2: parameters\.time_window_width must be a positive/,
  ],
  [
    'width not a number',
    'w.conf',
    '[parameters]\ntime_window_width = 1h\n',
    /^:2: parameters\.time_window_width must be .*got '1h'$/,
  ],
  [
    'unknown direction',
    'd.yaml',
    'parameters:\n  analysis_direction: in\n',
    /^:2: parameters\.analysis_direction must be 'out' or 'all', got 'in'$/,
  ],
  [
    'unknown direction in INI',
    'd.conf',
    '[parameters]\n\nanalysis_direction = both\n',
    /^:3: parameters\.analysis_direction must be 'out' or 'all', got 'both'$/,
  ],
  [
    'verbose not a level',
    'v.yaml',
    'parameters:\n  verbose: 1.5\n',
    /^:2: parameters\.verbose must be a whole number from 0 to 9/,
  ],
  [
    'boolean',
    'b.conf',
    '[parameters]\ncreate_log_files = maybe\n',
    /^:2: parameters\.create_log_files must be true or false/,
  ],
  [
    'threshold zero',
    't.yaml',
    'detection:\n  evidence_detection_threshold: 0\n',
    /^:2: detection\.evidence_detection_threshold must be a positive number/,
  ],
  [
    'negative flow alert threshold',
    'f.yaml',
    'flow_alerts:\n  entropy_threshold: -1\n',
    /^:2: flow_alerts\.entropy_threshold must be a number not below 0/,
  ],
  [
    'brute force count',
    'b.yaml',
    'brute_force_detector:\n  ssh_attempt_threshold: 2.5\n',
    /^:2: brute_force_detector\.ssh_attempt_threshold must be a whole number above 0/,
  ],
  [
    'bad client ip',
    'c.yaml',
    'parameters:\n  client_ips: [10.0.0.300]\n',
    /^:2: parameters\.client_ips must list IP addresses or CIDR ranges, got '10\.0\.0\.300'$/,
  ],
  [
    'bad CIDR bits',
    'c.yaml',
    'parameters:\n  client_ips: [10.0.0.0/33]\n',
    /^:2: parameters\.client_ips must list IP addresses/,
  ],
  ['list given a mapping', 'm.yaml', 'modules:\n  disable: {a: 1}\n', /^:2: modules\.disable must be a list/],
  [
    'bad timeout',
    'to.conf',
    "[parameters]\ntcp_inactivity_timeout = 'forever'\n",
    /^:2: parameters\.tcp_inactivity_timeout must be a positive number of minutes/,
  ],
  [
    'unterminated Python list',
    'l.conf',
    "[modules]\ndisable = ['TemplateModule'\n",
    /^:2: modules\.disable opens a list with '\[' but does not end with '\]'$/,
  ],
  [
    'unterminated quote in a list',
    'l.conf',
    "[modules]\ndisable = ['a, 'b']\n",
    /^:2: modules\.disable has an unterminated quote$/,
  ],
  [
    'key before any section',
    'k.conf',
    'verbose = 1\n[parameters]\n',
    /^:1: a key comes before the first \[section\] header$/,
  ],
  [
    'line that is not a key',
    'k.conf',
    '[parameters]\njust words\n',
    /^:2: 'just words' is neither a \[section\], a key = value line nor a comment$/,
  ],
  [
    'duplicate key (configparser strict)',
    'k.conf',
    '[parameters]\nverbose = 1\nVerbose = 2\n',
    /^:3: key 'Verbose' appears twice in \[parameters\]$/,
  ],
  [
    'duplicate section',
    'k.conf',
    '[parameters]\n[detection]\n[parameters]\n',
    /^:3: section \[parameters\] appears twice$/,
  ],
];

for (const [name, file, text, after] of cases) {
  test(`invalid: ${name}`, () => {
    const path = configFile(file, text);
    assert.throws(
      () => loadConfig(path),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError, 'a ConfigError');
        assert.ok(e.message.startsWith(path), `names the file: ${e.message}`);
        assert.match(e.message.slice(path.length), after);
        assert.ok(!e.message.includes('\n'), 'one line');
        return true;
      },
    );
  });
}

test('invalid: unreadable files', () => {
  assert.throws(() => loadConfig('/nonexistent/slips.yaml'), {
    name: 'ConfigError',
    message: 'cannot read the configuration file /nonexistent/slips.yaml: no such file',
  });
  assert.throws(() => loadConfig('config'), {
    name: 'ConfigError',
    message: 'cannot read the configuration file config: it is a folder',
  });
});
