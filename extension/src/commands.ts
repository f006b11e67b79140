// "New Slips notebook" and "Open in Slips notebook" (explorer context menu on captures, logs and folders):
// both open an untitled notebook whose first code cell loads the input.
import * as vscode from 'vscode';
import { NOTEBOOK_LANGUAGE } from '../../kernel/notebook/format';
import { NOTEBOOK_TYPE } from './controller';

/** A path as a cell-language string: quoted, with the quote and backslash escaped. */
function quoted(p: string): string {
  return `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function openNotebook(loadPath: string | undefined): Promise<vscode.NotebookEditor> {
  const title = new vscode.NotebookCellData(
    vscode.NotebookCellKind.Markup,
    '# Investigation\n\nHypothesis: …',
    'markdown',
  );
  const load = new vscode.NotebookCellData(
    vscode.NotebookCellKind.Code,
    loadPath === undefined ? 'load PATH' : `load ${quoted(loadPath)}\nprofiles | sort flows desc | limit 10`,
    NOTEBOOK_LANGUAGE,
  );
  const doc = await vscode.workspace.openNotebookDocument(
    NOTEBOOK_TYPE,
    new vscode.NotebookData([title, load]),
  );
  return vscode.window.showNotebookDocument(doc);
}

export function registerCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('slips.newNotebook', () => openNotebook(undefined)),
    vscode.commands.registerCommand('slips.openInNotebook', async (uri?: vscode.Uri) => {
      let target = uri;
      if (!target) {
        const picked = await vscode.window.showOpenDialog({
          canSelectFiles: true,
          canSelectFolders: true,
          title: 'A capture, flow file or Zeek log folder to analyse',
        });
        target = picked?.[0];
      }
      if (target) return openNotebook(target.fsPath);
      return undefined;
    }),
  );
}
