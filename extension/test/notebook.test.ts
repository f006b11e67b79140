// Runs inside a real VS Code: opens the sample investigation notebook of the workspace, runs every cell
// in the Slips kernel process and checks the outputs the extension made of the kernel's answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION = 'slips-notebooks.slips-notebooks';
const decoder = new TextDecoder();

function json(cell: vscode.NotebookCell, mime: string): unknown[] {
  return cell.outputs.flatMap((o) =>
    o.items.filter((i) => i.mime === mime).map((i) => JSON.parse(decoder.decode(i.data))),
  );
}

async function runAll(doc: vscode.NotebookDocument): Promise<void> {
  await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: 'slips-kernel', extension: EXTENSION });
  for (const c of doc.getCells())
    if (c.kind === vscode.NotebookCellKind.Code) assert.equal(c.outputs.length > 0, true);
  await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
  await vscode.commands.executeCommand('notebook.execute');
  const code = doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
  for (let i = 0; i < 600 && !code.every((c) => c.executionSummary?.success !== undefined); i++)
    await new Promise((r) => setTimeout(r, 100));
}

suite('Slips notebook in VS Code', () => {
  test('runs the sample investigation in the kernel process', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const doc = await vscode.workspace.openNotebookDocument(
      vscode.Uri.joinPath(folder, 'investigation.slipsnb'),
    );
    assert.equal(doc.notebookType, 'slips-notebook');
    await runAll(doc);
    const code = doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    for (const c of code) assert.equal(c.executionSummary?.success, true, `cell ${c.index + 1} ran`);
    const load = json(code[0]!, 'application/vnd.slips.load+json')[0] as { evidence: number; alerts: number };
    assert.equal(load.evidence, 80);
    assert.equal(load.alerts, 2);
    const evidenceCell = doc.getCells().find((c) => c.metadata.id === 'evidence')!;
    const tables = json(evidenceCell, 'application/vnd.slips.table+json') as { rows: unknown[][] }[];
    assert.ok(tables[0]!.rows.some((r) => r[0] === 'HORIZONTAL_PORT_SCAN'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
