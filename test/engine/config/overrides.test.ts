import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, applyOverrides, loadConfig, type SlipsConfig } from '../../../engine/config/config';
import { configFile } from './files';

const FILE = configFile(
  'slips.conf',
  '[parameters]\ntime_window_width = only_one_tw\nverbose = 5\ndebug = 4\ncreate_log_files = yes\n',
);

const cases: Array<[string, Parameters<typeof applyOverrides>[1], Partial<SlipsConfig>]> = [
  [
    'nothing given keeps the file',
    {},
    { timeWindowWidth: 9999999999, onlyOneTw: true, verbose: 5, debug: 4, createLogFiles: true },
  ],
  [
    '-w seconds wins over only_one_tw (quirk Q2 fixed)',
    { width: 600 },
    { timeWindowWidth: 600, onlyOneTw: false },
  ],
  ['-w only_one_tw', { width: 'only_one_tw' }, { timeWindowWidth: 9999999999, onlyOneTw: true }],
  ['-v and -e', { verbose: 0, debug: 1 }, { verbose: 0, debug: 1 }],
  ['-l', { noLogFiles: true }, { createLogFiles: false }],
  ['noLogFiles false does not turn files on or off', { noLogFiles: false }, { createLogFiles: true }],
];

for (const [name, o, want] of cases) {
  test(`overrides: ${name}`, () => {
    const base = loadConfig(FILE);
    const before = structuredClone(base);
    const c = applyOverrides(base, o);
    for (const [k, v] of Object.entries(want)) assert.deepEqual(c[k as keyof SlipsConfig], v, k);
    assert.deepEqual(base, before, 'the given config is not changed');
    assert.deepEqual(c.source, base.source);
  });
}

test('overrides: -w in seconds replaces a file width', () => {
  const c = applyOverrides(loadConfig(configFile('w.yaml', 'parameters:\n  time_window_width: 300\n')), {
    width: 3600 * 24,
  });
  assert.equal(c.timeWindowWidth, 86400);
});

test('overrides: impossible values are ConfigErrors', () => {
  assert.throws(() => applyOverrides(loadConfig(), { width: -1 }), ConfigError);
  assert.throws(() => applyOverrides(loadConfig(), { width: Number.NaN }), ConfigError);
  assert.throws(() => applyOverrides(loadConfig(), { verbose: -1 }), ConfigError);
  assert.throws(() => applyOverrides(loadConfig(), { debug: 1.5 }), ConfigError);
});
