// The status bar item: the active notebook's session state (what is loaded, its counts, load progress).
import * as vscode from 'vscode';
import type { ProgressParams, SessionState } from '../../kernel/rpc/messages';
import { servesNotebook } from './controller';
import type { KernelClient } from './kernelClient';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'slips.session',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly states = new Map<string, SessionState>();
  private readonly subs: vscode.Disposable[];

  constructor(kernel: KernelClient) {
    this.item.name = 'Slips session';
    this.subs = [
      kernel.onProgress((p) => {
        if (vscode.window.activeNotebookEditor?.notebook.uri.toString() !== p.notebook) return;
        this.item.text = p.capture
          ? captureText(p.records, p.capture)
          : `$(sync~spin) Slips: loading, ${p.records.toLocaleString('en')} records`;
        this.item.show();
      }),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.refresh()),
    ];
    this.refresh();
  }

  show(nb: vscode.NotebookDocument, state: SessionState): void {
    this.states.set(nb.uri.toString(), state);
    this.refresh();
  }

  private refresh(): void {
    const nb = vscode.window.activeNotebookEditor?.notebook;
    if (!nb || !servesNotebook(nb)) {
      this.item.hide();
      return;
    }
    const s = this.states.get(nb.uri.toString());
    if (!s || s.kind === 'empty') {
      this.item.text = '$(pulse) Slips: nothing loaded';
      this.item.tooltip = 'Run a `load PATH` cell to analyse a capture';
    } else {
      const name = s.input ? s.input.split(/[\\/]/).pop() : '';
      this.item.text = `$(pulse) Slips: ${name} · ${s.profiles} profiles · ${s.evidence} evidence · ${s.alerts} alerts`;
      this.item.tooltip = `${s.input} (${s.format}): ${s.flows} flows`;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** A running capture's counts, so the status bar shows it is capturing even on a quiet link. */
export function captureText(records: number, c: NonNullable<ProgressParams['capture']>): string {
  const n = (x: number) => x.toLocaleString('en');
  return (
    `$(record) Slips: capturing · ${n(c.packets)} packets · ${n(records)} records · ${n(c.profiles)} profiles` +
    ` · ${n(c.evidence)} evidence · ${n(c.alerts)} alerts · ${n(c.blocked)} blocked`
  );
}
