// javascript cells against a real loaded session (samples/test4-malicious.binetflow): `slips.query`
// gives the rows the equivalent slips cell shows, console output and display become outputs, errors
// say their line, an untrusted workspace is refused, and an endless loop is stopped by the timeout.
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCell } from '../../../kernel/evaluator';
import { jsBundles } from '../../../kernel/js/jsOutputs';
import { runJsCell, type JsResult } from '../../../kernel/js/runJsCell';
import { MIME, type ErrorPayload, type ScalarPayload, type TablePayload } from '../../../kernel/protocol';
import { Session } from '../../../kernel/session/session';

const SAMPLES = resolve(__dirname, '../../../samples');
const trusted = { trusted: true };

function errorOf(results: JsResult[]): ErrorPayload {
  const e = results.find((r) => r.kind === 'error');
  assert.ok(e && e.kind === 'error', `expected an error, got ${JSON.stringify(results)}`);
  return e.payload;
}

function textOf(results: JsResult[]): string {
  return results.flatMap((r) => (r.kind === 'text' ? [r.text] : [])).join('\n');
}

describe('javascript cells', () => {
  const session = new Session(SAMPLES);
  before(async () => {
    const [load] = await runCell(session, 'load test4-malicious.binetflow');
    assert.equal(load!.kind, 'load');
  });

  test('slips.query returns the rows the equivalent slips cell shows', async () => {
    const q = 'flows | where dport == 81 | limit 15';
    const [table] = (await runCell(session, q)) as TablePayload[];
    assert.equal(table!.kind, 'table');
    assert.ok(table!.rows.length > 0, 'the sample scans port 81');
    const results = runJsCell(
      session,
      `const rows = slips.query(${JSON.stringify(q)});\nslips.display(rows);`,
      trusted,
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['table'],
    );
    const shown = results[0]!.kind === 'table' ? results[0]!.payload : undefined;
    // The query's own list keeps its title and column types: the same table as the slips cell's.
    assert.deepEqual(shown, table);
  });

  test('a sorted query gives every row, in the order the slips table shows its first ones', async () => {
    const [table] = (await runCell(session, 'flows | sort dur desc, saddr')) as TablePayload[];
    assert.ok(table!.total > table!.rows.length, 'the table shows only the first rows');
    const results = runJsCell(
      session,
      'const rows = slips.query("flows | sort dur desc, saddr");\nconsole.log(rows.length);\nslips.display(rows.slice(0, 200).map((r) => ({ ...r })));',
      trusted,
    );
    assert.equal(results[0]!.kind === 'text' && results[0]!.text, String(table!.total));
    const shown = results[1]!.kind === 'table' ? results[1]!.payload : undefined;
    assert.deepEqual(shown!.rows, table!.rows);
  });

  test('a count is a number, and profiles/evidence/alerts are their sources', async () => {
    const [count] = (await runCell(session, 'evidence | count')) as ScalarPayload[];
    const [alerts] = (await runCell(session, 'alerts')) as TablePayload[];
    const results = runJsCell(
      session,
      [
        'const n = slips.query("evidence | count");',
        'console.log("count", n, slips.evidence().length);',
        'console.log("alerts", slips.alerts().length, "profiles", slips.profiles().length > 0);',
      ].join('\n'),
      trusted,
    );
    assert.equal(
      textOf(results),
      `count ${count!.value} ${count!.value}\nalerts ${alerts!.total} profiles true`,
    );
  });

  test('display of a table between console lines keeps the order', () => {
    const results = runJsCell(
      session,
      'console.log("a");\nslips.display([{ n: 1 }]);\nconsole.log("b");',
      trusted,
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['text', 'table', 'text'],
    );
  });

  test('console.log and display keep their order; top-level await works', () => {
    const results = runJsCell(
      session,
      'console.log("first");\nconst x = await Promise.resolve(41);\nconsole.log({ x: x + 1 });\nslips.display("shown");\nconsole.log("last");',
      trusted,
    );
    // display of a string after console text joins it, as a terminal would show them.
    assert.deepEqual(results, [{ kind: 'text', text: 'first\n{\n  "x": 42\n}\nshown\nlast' }]);
    assert.deepEqual(jsBundles(results), [{ 'text/plain': 'first\n{\n  "x": 42\n}\nshown\nlast' }]);
  });

  test('a thrown error reports its message and its line in the cell; output before it is kept', () => {
    const results = runJsCell(
      session,
      'console.log("before");\nconst a = 1;\nthrow new Error("boom");',
      trusted,
    );
    assert.equal(textOf(results), 'before');
    assert.deepEqual(errorOf(results), { kind: 'error', message: 'Error: boom', line: 3, col: null });
  });

  test('an error after an await and a bad slips query both point at their cell line', () => {
    const late = runJsCell(session, 'await null;\n\nundefinedThing.x;', trusted);
    assert.equal(errorOf(late).line, 3);
    assert.match(errorOf(late).message, /ReferenceError: undefinedThing is not defined/);
    const bad = runJsCell(session, 'const ok = 1;\nslips.query("flows | where");', trusted);
    assert.equal(errorOf(bad).line, 2);
    assert.match(errorOf(bad).message, /^SlipsError: /);
  });

  test('a syntax error reports its line', () => {
    const results = runJsCell(session, 'const a = 1;\nconst = 2;', trusted);
    assert.equal(errorOf(results).line, 2);
    assert.match(errorOf(results).message, /SyntaxError/);
  });

  test('an untrusted workspace runs nothing', () => {
    const results = runJsCell(session, 'console.log("ran")', {});
    assert.equal(results.length, 1);
    assert.match(errorOf(results).message, /trusted workspace/);
  });

  // A loop after an `await` is stopped too, but only in a process without async hooks (the kernel's):
  // test/kernel/rpc/jsCells.test.ts checks it there, since node:test itself runs with them.
  test('an endless loop is stopped by the timeout, keeping what was printed before', () => {
    const sync = runJsCell(session, 'console.log("started");\nwhile (true) {}', {
      trusted: true,
      timeoutMs: 200,
    });
    assert.equal(textOf(sync), 'started');
    assert.match(errorOf(sync).message, /was stopped/);
  });

  test('each cell gets a fresh context: a global from an earlier cell is gone', () => {
    runJsCell(session, 'globalThis.leftover = 1;', trusted);
    const results = runJsCell(session, 'console.log(typeof leftover);', trusted);
    assert.equal(textOf(results), 'undefined');
  });

  test('display of objects builds a table bundle with the table mime and markdown fallback', () => {
    const results = runJsCell(
      session,
      'slips.display([{ ip: "10.0.0.1", n: 3 }, { ip: "10.0.0.2", n: null }]);',
      trusted,
    );
    const [b] = jsBundles(results);
    const t = b![MIME.table] as TablePayload;
    assert.deepEqual(t.columns, [
      { name: 'ip', type: 'string' },
      { name: 'n', type: 'number' },
    ]);
    assert.deepEqual(t.rows, [
      ['10.0.0.1', 3],
      ['10.0.0.2', null],
    ]);
    assert.match(String(b![MIME.markdown]), /10\.0\.0\.1/);
  });
});
