// Runs inside a real VS Code (code-server in test/e2e/run-e2e.sh, or desktop VS Code through
// .vscode-test.mjs): opens the E2E notebooks of the workspace (test/e2e/workspace.mjs), runs every cell
// in the Slips kernel process and checks the outputs the extension made of the kernel's answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseCell } from '../../kernel/lang/parser';

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

/** Opens a workspace notebook with the Slips controller of its type (.ipynb files have their own). */
async function open(
  name: string,
  type = 'slips-notebook',
  controller = 'slips-kernel',
): Promise<vscode.NotebookDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'a workspace folder is open');
  const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder, name));
  assert.equal(doc.notebookType, type);
  await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: controller, extension: EXTENSION });
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

/** Appends a code cell in the slips language and returns its text document. */
async function appendCell(doc: vscode.NotebookDocument, text: string): Promise<vscode.TextDocument> {
  const edit = new vscode.WorkspaceEdit();
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'slips');
  edit.set(doc.uri, [vscode.NotebookEdit.insertCells(doc.cellCount, [cell])]);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the cell was added');
  return doc.cellAt(doc.cellCount - 1).document;
}

async function setText(cell: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.uri, new vscode.Range(cell.positionAt(0), cell.positionAt(cell.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the cell was edited');
}

/** What the Slips provider offers at the end of the cell, as `label (kind)`: its items say their kind in
 *  `detail`, which tells them from VS Code's word-based suggestions (those can repeat other cells' words). */
async function completions(cell: vscode.TextDocument, trigger?: string): Promise<string[]> {
  const end = cell.positionAt(cell.getText().length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    cell.uri,
    end,
    trigger,
  );
  return list.items
    .filter((i) => i.detail)
    .map((i) => `${typeof i.label === 'string' ? i.label : i.label.label} (${i.detail})`);
}

/** Polls the cell's diagnostics until `done` holds (they are computed a moment after typing stops). */
async function diagnosticsWhen(
  cell: vscode.TextDocument,
  done: (d: readonly vscode.Diagnostic[]) => boolean,
): Promise<readonly vscode.Diagnostic[]> {
  const deadline = Date.now() + 15_000;
  let found = vscode.languages.getDiagnostics(cell.uri);
  while (!done(found) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    found = vscode.languages.getDiagnostics(cell.uri);
  }
  return found;
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

  test('completes, documents and checks slips cells, with the loaded session’s IPs', async () => {
    const doc = await open('e2e.slipsnb');
    await runAll(doc);
    const cell = await appendCell(doc, 'flows | where ');

    const fields = await completions(cell, ' ');
    for (const f of ['saddr', 'daddr', 'dport', 'proto'])
      assert.ok(
        fields.includes(`${f} (field)`),
        `${f} is offered after 'flows | where ': ${fields.join(',')}`,
      );
    await setText(cell, 'flows | where saddr == ');
    const ips = await completions(cell, ' ');
    assert.ok(ips.includes('192.168.2.12 (ip)'), `the session's profile IPs are offered: ${ips.join(',')}`);

    const timeline = cellById(doc, 'timeline').document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      timeline.uri,
      new vscode.Position(0, 3),
    );
    const shown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(shown, /timeline IP \[tw N\]/, `the hover documents timeline: ${shown}`);

    await setText(cell, 'flows | where dprot == 443');
    const [problem] = await diagnosticsWhen(cell, (d) => d.length > 0);
    assert.ok(problem, 'a diagnostic appears for the unknown field');
    assert.match(problem.message, /Did you mean 'dport'/);
    assert.equal(cell.getText(problem.range), 'dprot');
    await setText(cell, 'flows | where dport == 443');
    assert.equal(
      (await diagnosticsWhen(cell, (d) => d.length === 0)).length,
      0,
      'fixed: the diagnostic goes',
    );
    await close();
  });

  test('runs the slips cells of an .ipynb notebook in the Slips kernel', async () => {
    const doc = await open('e2e.ipynb', 'jupyter-notebook', 'slips-kernel-ipynb');
    const code = doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(
      code.every((c) => c.document.languageId === 'slips'),
      'the cells are in the slips language',
    );
    await runAll(doc);
    const [load] = json<Load>(cellById(doc, 'load'), 'application/vnd.slips.load+json');
    assert.ok(load, 'the load cell returned a load summary');
    assert.equal(load.recordsParsed, 392);
    const [profiles] = json<Table>(cellById(doc, 'profiles'), 'application/vnd.slips.table+json');
    assert.ok(profiles, 'the profiles cell returned a table');
    assert.equal(profiles.rows.length, load.profiles);
    assert.equal(profiles.rows[0]![0], '192.168.2.12', 'the scanner has the most flows');
    await close();
  });

  test('"Capture from interface…" opens a notebook whose first cell captures from it', async () => {
    const editor = await vscode.commands.executeCommand<vscode.NotebookEditor>(
      'slips.captureFromInterface',
      'lo',
      '30s',
    );
    const code = editor.notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(editor.notebook.notebookType, 'slips-notebook');
    assert.equal(code[0]?.document.getText(), 'capture lo for 30s');
    assert.equal(code[0]?.document.languageId, 'slips');
    const odd = await vscode.commands.executeCommand<vscode.NotebookEditor>(
      'slips.captureFromInterface',
      'my "if"',
      '',
    );
    const first = odd.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(first?.document.getText(), 'capture "my \\"if\\""', 'an odd name is quoted, no duration');
    assert.doesNotThrow(() => parseCell(first!.document.getText()), 'the generated cell parses');
    await close();
    await close();
  });
});
