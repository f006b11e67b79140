// Runs inside a real VS Code (code-server in test/e2e/run-e2e.sh, or desktop VS Code through
// .vscode-test.mjs): opens the E2E notebooks of the workspace (test/e2e/workspace.mjs), runs every cell
// in the Slips kernel process and checks the outputs the extension made of the kernel's answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION = 'slips-notebooks.slips-notebooks';
/** The longest a notebook's cells may take together; the sample loads in well under a second. */
const RUN_TIMEOUT_MS = 60_000;
const decoder = new TextDecoder();

function json<T>(cell: vscode.NotebookCell, mime: string): T[] {
  return cell.outputs.flatMap((o) =>
    o.items.filter((i) => i.mime === mime).map((i) => JSON.parse(decoder.decode(i.data)) as T),
  );
}

function text(cell: vscode.NotebookCell, mime: string): string[] {
  return cell.outputs.flatMap((o) =>
    o.items.filter((i) => i.mime === mime).map((i) => decoder.decode(i.data)),
  );
}

/** A cell's outputs as one line each, so a failed assertion says what the kernel answered. */
function describeOutputs(cell: vscode.NotebookCell): string {
  return cell.outputs
    .flatMap((o) => o.items.map((i) => `${i.mime}: ${decoder.decode(i.data).slice(0, 400)}`))
    .join('\n');
}

function cellById(doc: vscode.NotebookDocument, id: string): vscode.NotebookCell {
  const cell = doc.getCells().find((c) => c.metadata.id === id);
  assert.ok(cell, `the notebook has a cell with id ${id}`);
  return cell;
}

async function open(name: string): Promise<vscode.NotebookDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'a workspace folder is open');
  const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder, name));
  assert.equal(doc.notebookType, 'slips-notebook');
  await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: 'slips-kernel', extension: EXTENSION });
  return doc;
}

/** Clears every output, runs all cells and waits until each has finished in this run (stored execution
 *  summaries carry no end time newer than the start, so they cannot pass for fresh ones). */
async function runAll(doc: vscode.NotebookDocument): Promise<void> {
  const code = doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
  await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
  for (const c of code)
    assert.equal(c.outputs.length, 0, `cell ${c.metadata.id} has no output before the run`);
  const start = Date.now();
  await vscode.commands.executeCommand('notebook.execute');
  const finished = (c: vscode.NotebookCell) => (c.executionSummary?.timing?.endTime ?? 0) >= start;
  const deadline = start + RUN_TIMEOUT_MS;
  while (!code.every(finished) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const c of code) {
    assert.ok(finished(c), `cell ${c.metadata.id} finished within ${RUN_TIMEOUT_MS / 1000} s`);
    assert.equal(c.executionSummary?.success, true, `cell ${c.metadata.id} ran:\n${describeOutputs(c)}`);
  }
}

async function close(): Promise<void> {
  // Reverting first: a dirty notebook left open makes the host complain about saving at shutdown.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

interface Load {
  recordsParsed: number;
  profiles: number;
  evidence: number;
  alerts: number;
}
interface Table {
  columns: { name: string }[];
  rows: unknown[][];
}

suite('Slips notebook in VS Code', () => {
  test('runs the sample capture in the kernel process and returns every kind of output', async () => {
    const doc = await open('e2e.slipsnb');
    await runAll(doc);

    const [load] = json<Load>(cellById(doc, 'load'), 'application/vnd.slips.load+json');
    assert.ok(load, 'the load cell returned a load summary');
    assert.equal(load.recordsParsed, 392);
    assert.equal(load.profiles, 3);
    assert.ok(load.evidence > 0 && load.alerts > 0, `evidence and alerts found: ${JSON.stringify(load)}`);

    const [alerts] = json<Table>(cellById(doc, 'alerts'), 'application/vnd.slips.table+json');
    assert.ok(alerts, 'the alerts cell returned a table');
    const ip = alerts.columns.findIndex((c) => c.name === 'ip');
    assert.equal(alerts.rows.length, load.alerts);
    assert.ok(
      alerts.rows.every((r) => r[ip] === '192.168.2.12'),
      'the alerts are the scanner’s',
    );

    const chart = cellById(doc, 'chart');
    assert.equal(json(chart, 'application/vnd.vegalite.v5+json').length, 1, 'a vega-lite spec');
    assert.match(text(chart, 'image/svg+xml')[0] ?? '', /^<svg/, 'an SVG fallback drawn in the kernel');

    const [timeline] = json<{ total: number; rows: unknown[] }>(
      cellById(doc, 'timeline'),
      'application/vnd.slips.timeline+json',
    );
    assert.ok(timeline && timeline.rows.length > 0 && timeline.total >= timeline.rows.length);
    await close();
  });

  test('keeps hostile strings from traffic as data, and escapes them in the markdown fallback', async () => {
    const doc = await open('hostile.slipsnb');
    await runAll(doc);
    const http = cellById(doc, 'http');
    const [table] = json<Table>(http, 'application/vnd.slips.table+json');
    assert.ok(table, 'the http cell returned a table');
    assert.ok(table.rows.some((r) => r.includes('<script>window.__slipsInjected=1</script>')));
    for (const md of text(http, 'text/markdown')) {
      assert.doesNotMatch(md, /<script|<img|<b>/i, 'no raw markup in the markdown fallback');
      assert.match(md, /&lt;(script|img)/, 'the markup shows as escaped text');
    }
    await close();
  });
});
