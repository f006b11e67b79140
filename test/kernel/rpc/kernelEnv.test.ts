// The environment the extension starts the kernel process with (extension/src/kernelEnv.ts): the key
// from SecretStorage arrives as SLIPS_VT_API_KEY, and a real child process started with that
// environment resolves it through the engine's own key lookup (engine/enrich/vt/vtApiKey.ts).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelEnv } from '../../../extension/src/kernelEnv';
import { VT_KEY_ENV } from '../../../engine/enrich/vt/vtApiKey';

const ROOT = resolve(__dirname, '../../..');
const KEY = 'ab'.repeat(32);

/** What the engine in a child process started with `env` finds as its VirusTotal key. */
function keySeenByChild(env: NodeJS.ProcessEnv): unknown {
  const script = `const { readVtApiKey } = require(${JSON.stringify(resolve(ROOT, 'engine/enrich/vt/vtApiKey.ts'))});
console.log(JSON.stringify(readVtApiKey('/nonexistent/vt-key')));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('kernel process environment', () => {
  const { [VT_KEY_ENV]: _inherited, ...base } = process.env;

  test('the stored key reaches the kernel process as SLIPS_VT_API_KEY', () => {
    const env = kernelEnv(base, KEY);
    assert.equal(env[VT_KEY_ENV], KEY);
    assert.equal(env.ELECTRON_RUN_AS_NODE, '1');
    assert.deepEqual(keySeenByChild(env), { key: KEY });
  });

  test('without a stored key the child has none (and says where it looked)', () => {
    const env = kernelEnv(base, undefined);
    assert.equal(env[VT_KEY_ENV], undefined);
    const seen = keySeenByChild(env) as { missing: string };
    assert.match(seen.missing, /SLIPS_VT_API_KEY is not set/);
  });

  test('a stored key wins over one exported before VS Code started', () => {
    assert.equal(kernelEnv({ ...base, [VT_KEY_ENV]: 'old' }, KEY)[VT_KEY_ENV], KEY);
    assert.equal(kernelEnv({ ...base, [VT_KEY_ENV]: 'old' }, undefined)[VT_KEY_ENV], 'old');
  });
});
