// `slips nb run` on the sample investigation: the stored outputs reproduce byte for byte, a changed
// output or input is reported, and nbformat variants written by Jupyter tools read the same.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotebook, serializeNotebook, NotebookFormatError } from '../../../kernel/notebook/format';
import { runNotebook } from '../../../kernel/notebook/runNotebook';
import { main } from '../../../kernel/notebook/nbMain';
import { MIME } from '../../../kernel/protocol';

const SAMPLES = resolve(__dirname, '../../../samples');
const SAMPLE = join(SAMPLES, 'investigation.slipsnb');
const tmp = mkdtempSync(join(tmpdir(), 'slips-nb-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Silences the command's own lines while a test calls it in-process. */
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

describe('slips nb run', () => {
  test('the sample investigation reproduces its stored outputs byte for byte', async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const r = await runNotebook(parseNotebook(text), SAMPLES);
    assert.deepEqual(r.differences, []);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.changedInputs, []);
    assert.equal(serializeNotebook(r.notebook), text);
    const load = r.notebook.cells.find((c) => c.id === 'load');
    assert.ok(load?.cell_type === 'code');
    assert.equal((load.outputs[0]!.data[MIME.load] as { alerts: number }).alerts, 2);
    const chart = r.notebook.cells.find((c) => c.id === 'chart');
    assert.ok(chart?.cell_type === 'code' && String(chart.outputs[0]!.data[MIME.svg]).startsWith('<svg'));
  });

  test('--check exits 0 on the sample and 1 when a stored output was changed', async () => {
    assert.equal(await quietly(() => main(['run', SAMPLE, '--check'])), 0);
    const nb = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    const cell = nb.cells.find((c: { id: string }) => c.id === 'ports');
    cell.outputs[1].data[MIME.scalar].value = 127;
    const dir = join(tmp, 'edited');
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(join(tmp, 'edited.slipsnb'), JSON.stringify(nb));
    copyFileSync(join(SAMPLES, 'test4-malicious.binetflow'), join(tmp, 'test4-malicious.binetflow'));
    const r = await runNotebook(parseNotebook(JSON.stringify(nb)), tmp);
    assert.deepEqual(
      r.differences.map((d) => [d.id, d.output]),
      [['ports', 2]],
    );
    assert.equal(await quietly(() => main(['run', join(tmp, 'edited.slipsnb'), '--check'])), 1);
  });

  test('a changed input is reported with its recorded and current sha256', async () => {
    const dir = mkdtempSync(join(tmp, 'changed-'));
    copyFileSync(SAMPLE, join(dir, 'n.slipsnb'));
    copyFileSync(join(SAMPLES, 'test4-malicious.binetflow'), join(dir, 'test4-malicious.binetflow'));
    appendFileSync(join(dir, 'test4-malicious.binetflow'), 'not,a,flow\n');
    const r = await runNotebook(parseNotebook(readFileSync(join(dir, 'n.slipsnb'), 'utf8')), dir);
    assert.equal(r.changedInputs.length, 1);
    assert.equal(r.changedInputs[0]!.path, 'test4-malicious.binetflow');
    assert.notEqual(r.changedInputs[0]!.recorded, r.changedInputs[0]!.now);
    const out = join(dir, 'out.slipsnb');
    assert.equal(await quietly(() => main(['run', join(dir, 'n.slipsnb'), '-o', out])), 0);
    assert.equal(parseNotebook(readFileSync(out, 'utf8')).cells.length, r.notebook.cells.length);
  });

  test('an unreadable notebook exits 2 with one line', async () => {
    assert.equal(await quietly(() => main(['run', join(tmp, 'missing.slipsnb')])), 2);
    writeFileSync(join(tmp, 'bad.slipsnb'), '{"cells": 3}');
    assert.equal(await quietly(() => main(['run', join(tmp, 'bad.slipsnb')])), 2);
  });
});

describe('nbformat reading', () => {
  const cases: [string, string, (nb: ReturnType<typeof parseNotebook>) => void][] = [
    [
      'source as a list of lines',
      '{"cells":[{"cell_type":"code","source":["load x\\n","profiles"]}]}',
      (nb) => assert.equal(nb.cells[0]!.source, 'load x\nprofiles'),
    ],
    [
      'execute_result kept as display_data, stream dropped',
      '{"cells":[{"cell_type":"code","source":"","outputs":[{"output_type":"stream","text":"x"},{"output_type":"execute_result","data":{"text/markdown":["a\\n","b"]}}]}]}',
      (nb) => {
        const c = nb.cells[0]!;
        assert.ok(c.cell_type === 'code');
        assert.deepEqual(c.outputs, [
          { output_type: 'display_data', data: { 'text/markdown': 'a\nb' }, metadata: {} },
        ]);
      },
    ],
    [
      'missing and duplicate ids get positional ones',
      '{"cells":[{"cell_type":"markdown","source":"a","id":"x"},{"cell_type":"raw","source":"b","id":"x"}]}',
      (nb) =>
        assert.deepEqual(
          nb.cells.map((c) => [c.cell_type, c.id]),
          [
            ['markdown', 'x'],
            ['markdown', 'cell-2'],
          ],
        ),
    ],
    ['empty text is an empty notebook', '', (nb) => assert.deepEqual(nb.cells, [])],
  ];
  for (const [name, json, check] of cases) test(name, () => check(parseNotebook(json)));

  test('not JSON and a wrong nbformat say so', () => {
    assert.throws(
      () => parseNotebook('{', 'a.slipsnb'),
      (e: Error) => e instanceof NotebookFormatError && /a.slipsnb is not JSON/.test(e.message),
    );
    assert.throws(() => parseNotebook('{"nbformat":3,"cells":[]}'), /only version 4/);
  });
});
