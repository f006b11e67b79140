// extensionTestsPath module: VS Code (desktop through .vscode-test.mjs, or code-server in the E2E
// run) calls run() inside its extension host, which runs the mocha suite below.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'notebook.test.js'));
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed`)) : resolve())),
  );
}
