// The end-to-end test in a real VS Code (code-server 4.100.3 + Debian chromium through playwright-core):
// installs code-server when it is missing (scripts/install-code-server.sh, idempotent), then runs
// test/e2e/run-e2e.sh: the extension's mocha suite in code-server's extension host, and the UI test that
// runs the E2E notebooks and checks the rendered outputs and the hostile-strings notebook in the webview.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = resolve(__dirname, '../..');
const CODE_SERVER = resolve(ROOT, '.cache/code-server/node_modules/.bin/code-server');

function run(script: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const r = spawnSync('bash', [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('the notebook extension works in a real VS Code (code-server E2E)', () => {
  if (!existsSync(CODE_SERVER)) {
    const install = run('scripts/install-code-server.sh');
    assert.equal(install.status, 0, `installing code-server failed:\n${install.output.slice(-4000)}`);
  }
  // Under `npm test` every bundle was built just before, so the E2E only packs the .vsix.
  const prebuilt = process.env.npm_lifecycle_event === 'test' ? { SLIPS_PREBUILT: '1' } : {};
  const e2e = run('test/e2e/run-e2e.sh', prebuilt);
  const summary = e2e.output
    .split('\n')
    .filter((l) => /passing|failing|✔|^\s+\d\) |Error|ok:|FAILED|E2E-UI|e2e:/.test(l))
    .join('\n');
  console.log(summary);
  assert.equal(
    e2e.status,
    0,
    `the E2E failed (screenshots and logs in test-artifacts/):\n${e2e.output.slice(-6000)}`,
  );
  assert.match(e2e.output, /5 passing/, 'the extension-host suite ran its tests');
  assert.match(e2e.output, /E2E-UI PASS/, 'the UI test passed');
});
