// The throw-away workspace every E2E run opens: the dedicated E2E notebooks (no stored outputs) and the
// inputs they load, copied into a fresh temp folder so a run never edits the repository's files.
// Used by run-e2e.sh (`node test/e2e/workspace.mjs DIR`) and by .vscode-test.mjs.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What goes into the workspace: repository path → name in the workspace. */
const FILES = [
  ['test/e2e/fixtures/e2e.slipsnb', 'e2e.slipsnb'],
  ['test/e2e/fixtures/e2e.ipynb', 'e2e.ipynb'],
  ['test/e2e/fixtures/hostile.slipsnb', 'hostile.slipsnb'],
  ['test/e2e/fixtures/paging.slipsnb', 'paging.slipsnb'],
  ['test/e2e/fixtures/hostile-zeek', 'hostile-zeek'],
  ['samples/test4-malicious.binetflow', 'test4-malicious.binetflow'],
];

export function makeWorkspace(dir = mkdtempSync(join(tmpdir(), 'slips-e2e-ws-'))) {
  mkdirSync(dir, { recursive: true });
  for (const [from, to] of FILES) cpSync(join(ROOT, from), join(dir, to), { recursive: true });
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  console.log(makeWorkspace(process.argv[2]));
