// Runs the extension's mocha suite (extension/test) inside code-server's real Node extension host, the
// way VS Code's own browser integration tests do: the workbench URL's `payload` names the extension
// under development and the tests; the result comes back through window.codeAutomationExit.
import { launchChromium } from './chromium.mjs';
import path from 'node:path';

const [port, folder, extDir, testsDir] = process.argv.slice(2);
const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(extDir)],
  ['extensionTestsPath', remote(testsDir)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
]);
const browser = await launchChromium();
const page = await browser.newPage();
let done;
const finished = new Promise((r) => (done = r));
await page.exposeFunction('codeAutomationLog', (type, args) =>
  console[type === 'error' ? 'error' : 'log'](...args),
);
await page.exposeFunction('codeAutomationExit', (code) => done(code));
const timer = setTimeout(() => done('timeout'), 90_000);
await page.goto(
  `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`,
);
const code = await finished;
clearTimeout(timer);
console.log(`extension-host suite exit code: ${code}`);
await browser.close();
process.exit(code === 0 ? 0 : 1);
