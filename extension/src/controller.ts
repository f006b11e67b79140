// The notebook controller: runs slips cells in the kernel process, one notebook session each, turns
// the kernel's mime bundles into cell outputs, and interrupts on request.
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { NOTEBOOK_LANGUAGE } from '../../kernel/notebook/format';
import { JAVASCRIPT } from '../../kernel/js/cellLanguage';
import { parseCell } from '../../kernel/lang/parser';
import type { KernelClient } from './kernelClient';
import { registerRendererMessaging } from './rendererMessaging';
import { outputItems } from './serializer';
import type { StatusBar } from './statusBar';

export const NOTEBOOK_TYPE = 'slips-notebook';
export const CONTROLLER_ID = 'slips-kernel';
/** VS Code's built-in .ipynb serializer (the `vscode.ipynb` extension) opens Jupyter notebooks as this type. */
export const JUPYTER_TYPE = 'jupyter-notebook';
/** The same kernel for .ipynb notebooks: their cells in the `slips` language run in it. */
export const JUPYTER_CONTROLLER_ID = 'slips-kernel-ipynb';

/** The notebook types whose notebooks get a Slips session. */
export function servesNotebook(nb: vscode.NotebookDocument): boolean {
  return nb.notebookType === NOTEBOOK_TYPE || (nb.notebookType === JUPYTER_TYPE && hasSlipsCell(nb));
}

function hasSlipsCell(nb: vscode.NotebookDocument): boolean {
  return nb
    .getCells()
    .some((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === NOTEBOOK_LANGUAGE);
}

/** Relative `load` paths resolve from the notebook's folder; an untitled notebook uses the workspace's. */
function baseDir(nb: vscode.NotebookDocument): string {
  if (nb.uri.scheme === 'file') return path.dirname(nb.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/** Interfaces of the cell's `capture … block` statements that still need the user's consent. */
function blockingToConfirm(text: string): string[] {
  try {
    return parseCell(text).statements.flatMap((s) =>
      s.kind === 'capture' && s.block?.mode === 'ask' ? [s.iface.name] : [],
    );
  } catch {
    // A cell that does not parse gets its error from the kernel.
    return [];
  }
}

/**
 * A kernel cannot show a dialog, so the editor asks before sending a cell whose capture would change
 * the firewall. Declining sends the cell all the same: the kernel then refuses with one sentence.
 */
async function confirmBlocking(text: string): Promise<boolean> {
  const ifaces = blockingToConfirm(text);
  if (ifaces.length === 0) return false;
  const pick = await vscode.window.showWarningMessage(
    `Block attackers in this machine's firewall while capturing on ${ifaces.join(', ')}?`,
    {
      modal: true,
      detail:
        'Each alert blocks its attacker (nftables, else iptables) until the end of the next time window in traffic time; the blocks are lifted when the capture stops. Use `block dry-run` to only log the commands.',
    },
    'Block attackers',
  );
  return pick === 'Block attackers';
}

function createController(
  id: string,
  notebookType: string,
  kernel: KernelClient,
  status: StatusBar,
): vscode.NotebookController {
  const ctrl = vscode.notebooks.createNotebookController(id, notebookType, 'Slips');
  // javascript cells run in the kernel with `slips` bound to the session, in trusted workspaces only.
  ctrl.supportedLanguages = [NOTEBOOK_LANGUAGE, JAVASCRIPT];
  ctrl.supportsExecutionOrder = true;
  ctrl.description = 'Slips analysis session (kernel process)';
  let order = 0;

  ctrl.executeHandler = async (cells, notebook) => {
    for (const cell of cells) {
      const exec = ctrl.createNotebookCellExecution(cell);
      exec.executionOrder = ++order;
      exec.start(Date.now());
      await exec.clearOutput();
      // An .ipynb may mix languages; only slips cells mean anything to this kernel.
      if (cell.document.languageId !== NOTEBOOK_LANGUAGE && cell.document.languageId !== JAVASCRIPT) {
        const why = `This cell is ${cell.document.languageId}; the Slips kernel runs ${NOTEBOOK_LANGUAGE} and ${JAVASCRIPT} cells only.`;
        await exec.replaceOutput(
          new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(new Error(why))]),
        );
        exec.end(false, Date.now());
        continue;
      }
      let interrupted = false;
      const cancel = exec.token.onCancellationRequested(() => {
        interrupted = true;
        void kernel.interrupt(notebook.uri.toString());
      });
      try {
        const text = cell.document.getText();
        const r = await kernel.run({
          notebook: notebook.uri.toString(),
          cell: cell.document.uri.toString(),
          text,
          baseDir: baseDir(notebook),
          // The kernel refuses `capture` (tcpdump, the firewall) and javascript cells unless the
          // workspace is trusted.
          trusted: vscode.workspace.isTrusted,
          language: cell.document.languageId,
          blockingConfirmed: await confirmBlocking(text),
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
  return ctrl;
}

/** The controllers of .slipsnb and .ipynb notebooks; a Jupyter notebook with slips cells prefers Slips. */
export function createControllers(kernel: KernelClient, status: StatusBar): vscode.Disposable {
  const slips = createController(CONTROLLER_ID, NOTEBOOK_TYPE, kernel, status);
  const jupyter = createController(JUPYTER_CONTROLLER_ID, JUPYTER_TYPE, kernel, status);
  const prefer = (nb: vscode.NotebookDocument) => {
    if (nb.notebookType === JUPYTER_TYPE && hasSlipsCell(nb))
      jupyter.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
  };
  vscode.workspace.notebookDocuments.forEach(prefer);
  const opened = vscode.workspace.onDidOpenNotebookDocument(prefer);
  const closed = vscode.workspace.onDidCloseNotebookDocument((nb) => {
    if (nb.notebookType === NOTEBOOK_TYPE || nb.notebookType === JUPYTER_TYPE)
      void kernel.forget(nb.uri.toString());
  });
  // The renderer's "show more" asks the same kernel for further pages of a cell's large results.
  const paging = registerRendererMessaging(kernel);
  return vscode.Disposable.from(slips, jupyter, opened, closed, paging);
}
