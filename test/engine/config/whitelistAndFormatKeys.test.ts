import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, configToYaml, loadConfig } from '../../../engine/config/config';
import { configFile } from './files';

test('whitelists.* and exporting_alerts.format in both dialects', () => {
  const cases: Array<[string, string, string, object]> = [
    [
      'YAML',
      'w.yaml',
      'whitelists:\n  enable_local_whitelist: false\n  local_whitelist_path: my/whitelist.conf\nexporting_alerts:\n  format: idea0\n',
      {
        whitelists: { enableLocalWhitelist: false, localWhitelistPath: 'my/whitelist.conf' },
        alertsJsonFormat: 'idea0',
      },
    ],
    [
      'YAML, upstream spelling True and format in capitals',
      'w.yaml',
      'whitelists:\n  enable_local_whitelist: True\nexporting_alerts:\n  format: IDEA0\n',
      {
        whitelists: { enableLocalWhitelist: true, localWhitelistPath: 'config/whitelist.conf' },
        alertsJsonFormat: 'idea0',
      },
    ],
    [
      'INI',
      'w.conf',
      '[whitelists]\nenable_local_whitelist = no\nlocal_whitelist_path = /etc/wl.conf\n[exporting_alerts]\nformat = idmefv2\n',
      {
        whitelists: { enableLocalWhitelist: false, localWhitelistPath: '/etc/wl.conf' },
        alertsJsonFormat: 'idmefv2',
      },
    ],
  ];
  for (const [name, file, text, want] of cases) {
    const c = loadConfig(configFile(file, text));
    assert.deepEqual({ whitelists: c.whitelists, alertsJsonFormat: c.alertsJsonFormat }, want, name);
    assert.deepEqual(c.ignoredKeys, [], name);
  }
});

test("upstream's other whitelists and exporting_alerts keys are still reported as ignored", () => {
  const c = loadConfig(
    configFile(
      'w.yaml',
      'whitelists:\n  enable_online_whitelist: True\n  local_whitelist_path: config/whitelist.conf\nexporting_alerts:\n  export_to: [slack]\n',
    ),
  );
  assert.deepEqual(c.ignoredKeys, ['whitelists.enable_online_whitelist', 'exporting_alerts.export_to']);
});

test('bad values name the file, line and key', () => {
  const cases: Array<[string, RegExp]> = [
    [
      'exporting_alerts:\n  format: json\n',
      /:2: exporting_alerts\.format must be 'idmefv2' or 'idea0', got 'json'$/,
    ],
    [
      'whitelists:\n  enable_local_whitelist: maybe\n',
      /:2: whitelists\.enable_local_whitelist must be true or false/,
    ],
    [
      "whitelists:\n  local_whitelist_path: ''\n",
      /:2: whitelists\.local_whitelist_path must be a file path, got an empty value$/,
    ],
  ];
  for (const [text, want] of cases)
    assert.throws(
      () => loadConfig(configFile('bad.yaml', text)),
      (e: Error) => e instanceof ConfigError && want.test(e.message),
    );
});

test('the shipped slips.yaml documents both sections; configToYaml writes them back', () => {
  const c = loadConfig('config/slips.yaml');
  assert.deepEqual(c.ignoredKeys, []);
  const text = configToYaml(c);
  assert.match(
    text,
    /^whitelists:\n {2}enable_local_whitelist: true\n {2}local_whitelist_path: config\/whitelist\.conf$/m,
  );
  assert.match(text, /^exporting_alerts:\n {2}format: idmefv2$/m);
});
