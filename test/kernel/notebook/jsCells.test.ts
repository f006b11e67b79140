// `slips nb run` and javascript cells: refused (an error output, exit 1) unless --trust is given, and
// with it they run against the session the notebook's slips cells loaded.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotebook, serializeNotebook, type CodeCell } from '../../../kernel/notebook/format';
import { main } from '../../../kernel/notebook/nbMain';
import { MIME, type ErrorPayload } from '../../../kernel/protocol';

const SAMPLE_INPUT = resolve(__dirname, '../../../samples/test4-malicious.binetflow');
const tmp = mkdtempSync(join(tmpdir(), 'slips-nb-js-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await f();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function code(id: string, source: string, metadata: Record<string, unknown> = {}): CodeCell {
  return { cell_type: 'code', id, metadata, source, execution_count: null, outputs: [] };
}

const NOTEBOOK = join(tmp, 'js.slipsnb');
writeFileSync(
  NOTEBOOK,
  serializeNotebook({
    metadata: {},
    cells: [
      code('load', `load ${JSON.stringify(SAMPLE_INPUT)}`),
      code('count', 'alerts | count'),
      code('js', 'console.log("alerts", slips.query("alerts | count"));', {
        vscode: { languageId: 'javascript' },
      }),
    ],
  }),
);

function outputsOf(file: string, id: string) {
  const cell = parseNotebook(readFileSync(file, 'utf8')).cells.find((c) => c.id === id) as CodeCell;
  return cell.outputs.map((o) => o.data);
}

describe('slips nb run with javascript cells', () => {
  test('without --trust a javascript cell ends with an error and the run exits 1', async () => {
    const out = join(tmp, 'untrusted.slipsnb');
    assert.equal(await quietly(() => main(['run', NOTEBOOK, '-o', out])), 1);
    const [err] = outputsOf(out, 'js');
    assert.match((err![MIME.error] as ErrorPayload).message, /--trust/);
  });

  test('with --trust it runs against the loaded session and prints what the slips cell counts', async () => {
    const out = join(tmp, 'trusted.slipsnb');
    assert.equal(await quietly(() => main(['run', NOTEBOOK, '-o', out, '--trust'])), 0);
    const [count] = outputsOf(out, 'count');
    const value = (count![MIME.scalar] as { value: number }).value;
    assert.ok(value > 0);
    assert.deepEqual(outputsOf(out, 'js'), [{ 'text/plain': `alerts ${value}` }]);
    // The run reproduces itself: checking the written notebook finds no difference.
    assert.equal(await quietly(() => main(['run', out, '--check', '--trust'])), 0);
  });

  test('code kept in notebook metadata or stored outputs is never run, even with --trust', async () => {
    const marker = join(tmp, 'ran');
    const code_ = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
    const file = join(tmp, 'metadata.slipsnb');
    const stored: CodeCell = {
      ...code('js', '1;', { vscode: { languageId: 'javascript' }, script: code_ }),
      outputs: [
        {
          output_type: 'display_data',
          data: { 'text/plain': code_, 'application/javascript': code_ },
          metadata: {},
        },
      ],
    };
    writeFileSync(
      file,
      serializeNotebook({ metadata: { script: code_, slips: { onLoad: code_ } } as never, cells: [stored] }),
    );
    assert.equal(await quietly(() => main(['run', file, '--trust'])), 0);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(outputsOf(file, 'js'), []);
  });
});
