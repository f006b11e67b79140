// The extension's mocha suite (extension/test, bundled into extension/dist/test by `npm run build`) in a
// desktop VS Code, for people who have one: `npm run build && npx vscode-test`. @vscode/test-cli
// downloads VS Code through @vscode/test-electron and runs the same test file that the code-server E2E
// (test/e2e/run-e2e.sh) runs in its extension host; here the CLI brings its own mocha runner.
import { defineConfig } from '@vscode/test-cli';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace } from './test/e2e/workspace.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
// A fresh copy of the E2E notebooks and their inputs, so a run never edits the repository's files;
// removed when the CLI, which waits for VS Code, exits.
const workspace = makeWorkspace();
process.on('exit', () => rmSync(workspace, { recursive: true, force: true }));

export default defineConfig({
  label: 'slips-notebooks',
  files: join(ROOT, 'extension/dist/test/notebook.test.js'),
  // The oldest VS Code the extension declares (engines.vscode), as code-server 4.100.3 runs in the E2E.
  version: '1.100.3',
  extensionDevelopmentPath: join(ROOT, 'extension'),
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 90_000 },
});
