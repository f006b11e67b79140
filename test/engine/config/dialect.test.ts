import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../engine/config/config';
import { configFile } from './files';

const cases: Array<[string, string, string, 'yaml' | 'ini']> = [
  ['.yaml is YAML', 'a.yaml', 'parameters:\n  verbose: 2\n', 'yaml'],
  ['.yml is YAML', 'a.yml', 'parameters:\n  verbose: 2\n', 'yaml'],
  ['[section] headers are INI whatever the name', 'settings.txt', '[parameters]\nverbose = 2\n', 'ini'],
  [
    'YAML with known sections in a .conf file is YAML',
    'slips.conf',
    'detection:\n  evidence_detection_threshold: 1\n',
    'yaml',
  ],
  ['an empty .conf is INI (0.7.1 code defaults)', 'slips.conf', '# nothing here\n', 'ini'],
  ['an empty file without extension is YAML', 'slips', '\n', 'yaml'],
];

for (const [name, file, text, dialect] of cases) {
  test(`dialect: ${name}`, () => {
    assert.equal(loadConfig(configFile(file, text)).source.dialect, dialect);
  });
}

test('dialect: a YAML mapping without any Slips section and no extension is refused', () => {
  const path = configFile('notes.txt', 'name: Ada\nrole: analyst\n');
  assert.throws(
    () => loadConfig(path),
    (e: unknown) =>
      e instanceof ConfigError && e.message.includes(path) && /not a Slips configuration/.test(e.message),
  );
});

test('dialect: the empty .conf keeps the 0.7.1 direction fallback', () => {
  assert.equal(loadConfig(configFile('slips.conf', '')).analysisDirection, 'all');
});
