// Every result kind the kernel emits must be drawn by the extension's renderer: a mime type missing from
// extension/package.json would leave VS Code to show the markdown fallback (or nothing) for it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIME } from '../../../kernel/protocol';

const ROOT = resolve(__dirname, '../../..');

test('the slips renderer declares every slips mime type and asks for renderer messaging (paging)', () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'extension/package.json'), 'utf8'));
  const renderer = pkg.contributes.notebookRenderer.find((r: { id: string }) => r.id === 'slips-renderer');
  const declared = new Set<string>(renderer.mimeTypes);
  const emitted = Object.values(MIME).filter((m) => m.startsWith('application/'));
  assert.deepEqual(
    emitted.filter((m) => !declared.has(m)),
    [],
    'mime types the kernel emits that no renderer draws',
  );
  assert.ok(declared.has(MIME.capture) && declared.has(MIME.blocking));
  assert.equal(renderer.requiresMessaging, 'optional');
});
