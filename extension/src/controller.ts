// The notebook controller: runs slips cells in the kernel process, one notebook session each, turns
// the kernel's mime bundles into cell outputs, and interrupts on request.
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { NOTEBOOK_LANGUAGE } from '../../kernel/notebook/format';
import type { KernelClient } from './kernelClient';
import { outputItems } from './serializer';
import type { StatusBar } from './statusBar';

export const NOTEBOOK_TYPE = 'slips-notebook';
export const CONTROLLER_ID = 'slips-kernel';

/** Relative `load` paths resolve from the notebook's folder; an untitled notebook uses the workspace's. */
function baseDir(nb: vscode.NotebookDocument): string {
  if (nb.uri.scheme === 'file') return path.dirname(nb.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

export function createController(kernel: KernelClient, status: StatusBar): vscode.Disposable {
  const ctrl = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Slips');
  ctrl.supportedLanguages = [NOTEBOOK_LANGUAGE];
  ctrl.supportsExecutionOrder = true;
  ctrl.description = 'Slips analysis session (kernel process)';
  let order = 0;

  ctrl.executeHandler = async (cells, notebook) => {
    for (const cell of cells) {
      const exec = ctrl.createNotebookCellExecution(cell);
      exec.executionOrder = ++order;
      exec.start(Date.now());
      await exec.clearOutput();
      let interrupted = false;
      const cancel = exec.token.onCancellationRequested(() => {
        interrupted = true;
        void kernel.interrupt(notebook.uri.toString());
      });
      try {
        const r = await kernel.run({
          notebook: notebook.uri.toString(),
          cell: cell.document.uri.toString(),
          text: cell.document.getText(),
          baseDir: baseDir(notebook),
        });
        await exec.replaceOutput(r.outputs.map((o) => new vscode.NotebookCellOutput(outputItems(o))));
        status.show(notebook, r.state);
        const failed = r.outputs.some((o) => 'application/vnd.slips.error+json' in o);
        exec.end(!failed && !r.interrupted, Date.now());
        interrupted ||= r.interrupted;
      } catch (err) {
        await exec.replaceOutput(
          new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(err as Error)]),
        );
        exec.end(false, Date.now());
      } finally {
        cancel.dispose();
      }
      if (interrupted) break;
    }
  };
  ctrl.interruptHandler = (notebook) => kernel.interrupt(notebook.uri.toString());

  const closed = vscode.workspace.onDidCloseNotebookDocument((nb) => {
    if (nb.notebookType === NOTEBOOK_TYPE) void kernel.forget(nb.uri.toString());
  });
  return vscode.Disposable.from(ctrl, closed);
}
