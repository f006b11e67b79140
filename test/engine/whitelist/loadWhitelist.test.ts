import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cloneConfig, DEFAULT_CONFIG, DEFAULT_WHITELIST_PATH } from '../../../engine/config/defaults';
import type { SlipsConfig } from '../../../engine/config/types';
import { loadWhitelist, locateWhitelist } from '../../../engine/whitelist/loadWhitelist';
import { Whitelist } from '../../../engine/whitelist/whitelist';

const PROJECT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'whitelist-load-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function config(path: string, enable = true): SlipsConfig {
  const c = cloneConfig(DEFAULT_CONFIG);
  c.whitelists = { enableLocalWhitelist: enable, localWhitelistPath: path };
  return c;
}

test('the default path is the project file, from any working folder; it whitelists nothing', () => {
  assert.equal(DEFAULT_CONFIG.whitelists.localWhitelistPath, 'config/whitelist.conf');
  assert.equal(DEFAULT_CONFIG.whitelists.enableLocalWhitelist, true);
  for (const cwd of [PROJECT, dir]) {
    const wl = loadWhitelist(config(DEFAULT_WHITELIST_PATH), cwd);
    assert.equal(wl.path, join(PROJECT, 'config', 'whitelist.conf'));
    assert.equal(wl.size, 0);
    assert.deepEqual(wl.problems, []);
    assert.equal(wl.filtersFlows || wl.filtersAlerts, false);
  }
});

test('a default path in the working folder does not shadow the project file', () => {
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'whitelist.conf'), 'ip,1.2.3.4,both,both\n');
  assert.equal(locateWhitelist(DEFAULT_WHITELIST_PATH, dir), join(PROJECT, 'config', 'whitelist.conf'));
  // Spelled differently it is a user path: the working folder comes first.
  assert.equal(locateWhitelist('./config/whitelist.conf', dir), join(dir, 'config', 'whitelist.conf'));
  assert.equal(loadWhitelist(config('./config/whitelist.conf'), dir).size, 1);
});

test('user paths: absolute, relative to the working folder, else to the project folder', () => {
  const abs = join(dir, 'mine.conf');
  writeFileSync(abs, '; mine\n"ip","10.0.0.1","src","flows"\ndomain,example.com,dst,alerts\n');
  const wl = loadWhitelist(config(abs));
  assert.equal(wl.path, abs);
  assert.deepEqual(
    wl.entries.map((e) => e.value),
    ['10.0.0.1', 'example.com'],
  );
  assert.equal(loadWhitelist(config('mine.conf'), dir).path, abs);
  const empty = mkdtempSync(join(dir, 'cwd-'));
  assert.equal(
    locateWhitelist('config/../config/whitelist.conf', empty),
    join(PROJECT, 'config', 'whitelist.conf'),
  );
});

test('disabled: nothing is read', () => {
  assert.equal(loadWhitelist(config(join(dir, 'missing.conf'), false)), Whitelist.EMPTY);
});

test('a missing or unreadable named file, and bad lines, become problems; the run can go on', () => {
  const missing = loadWhitelist(config('nope/whitelist.conf'), dir);
  assert.equal(missing.size, 0);
  assert.equal(missing.problems.length, 1);
  assert.equal(missing.problems[0]!.line, 0);
  assert.match(
    missing.problems[0]!.reason,
    /^cannot read the whitelist nope\/whitelist\.conf: no such file; nothing is whitelisted in this run/,
  );
  const folder = loadWhitelist(config(dir));
  assert.match(folder.problems[0]!.reason, /: it is a folder; nothing is whitelisted in this run$/);
  const bad = join(dir, 'bad.conf');
  writeFileSync(bad, 'ip,1.2.3.4,both,alerts\nip,1.2.3.4\nmac,zz,both,both\n');
  const partial = loadWhitelist(config(bad));
  assert.equal(partial.size, 1);
  assert.deepEqual(
    partial.problems.map((p) => [p.file, p.line]),
    [
      [bad, 2],
      [bad, 3],
    ],
  );
});
