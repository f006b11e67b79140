// extensionTestsPath module for the E2E run in code-server (test/e2e/apiTests.mjs): VS Code calls run()
// inside its extension host, which runs the mocha suite below. Desktop VS Code runs the same suite
// through @vscode/test-cli (.vscode-test.mjs), which brings its own mocha runner.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'notebook.test.js'));
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed`)) : resolve())),
  );
}
