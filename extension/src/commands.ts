// "New Slips notebook" and "Open in Slips notebook" (explorer context menu on captures, logs and folders)
// open an untitled notebook whose first code cell loads the input; "Capture from interface…" one whose
// first cell captures live traffic from a network interface of the machine the kernel runs on.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { NOTEBOOK_LANGUAGE } from '../../kernel/notebook/format';
import { NOTEBOOK_TYPE } from './controller';

/** A path as a cell-language string: quoted, with the quote and backslash escaped. */
function quoted(p: string): string {
  return `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function openNotebook(loadPath: string | undefined): Promise<vscode.NotebookEditor> {
  return openWithCell(
    loadPath === undefined ? 'load PATH' : `load ${quoted(loadPath)}\nprofiles | sort flows desc | limit 10`,
  );
}

async function openWithCell(source: string): Promise<vscode.NotebookEditor> {
  const title = new vscode.NotebookCellData(
    vscode.NotebookCellKind.Markup,
    '# Investigation\n\nHypothesis: …',
    'markdown',
  );
  const first = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, NOTEBOOK_LANGUAGE);
  const doc = await vscode.workspace.openNotebookDocument(
    NOTEBOOK_TYPE,
    new vscode.NotebookData([title, first]),
  );
  return vscode.window.showNotebookDocument(doc);
}

/** How long a capture may run; the last one runs until the cell is interrupted. */
const DURATIONS = ['30s', '5m', '1h', ''];

/** `any` is tcpdump's pseudo-interface for all of them (Linux). */
async function pickInterface(): Promise<string | undefined> {
  const items: vscode.QuickPickItem[] = Object.entries(os.networkInterfaces()).map(([name, addrs]) => ({
    label: name,
    description: (addrs ?? []).map((a) => a.address).join(', '),
  }));
  items.push({ label: 'any', description: 'every interface (Linux)' });
  return (await vscode.window.showQuickPick(items, { title: 'Capture from interface' }))?.label;
}

async function pickDuration(): Promise<string | undefined> {
  const pick = await vscode.window.showQuickPick(
    DURATIONS.map((d) => ({ label: d ? `for ${d}` : 'until interrupted', duration: d })),
    { title: 'Capture for how long' },
  );
  return pick?.duration;
}

/** An interface name as a cell word, quoted when it is not a plain name. */
function ifaceWord(name: string): string {
  return /^[A-Za-z0-9_.:-]+$/.test(name) ? name : quoted(name);
}

/** The command asks for the interface and duration; callers (and tests) may pass them instead. */
async function captureFromInterface(
  iface?: string,
  duration?: string,
): Promise<vscode.NotebookEditor | undefined> {
  const name = iface ?? (await pickInterface());
  if (name === undefined) return undefined;
  const how = duration ?? (await pickDuration());
  if (how === undefined) return undefined;
  return openWithCell(`capture ${ifaceWord(name)}${how ? ` for ${how}` : ''}`);
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
    vscode.commands.registerCommand('slips.captureFromInterface', captureFromInterface),
  );
}
