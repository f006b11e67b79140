// Completion, hover and diagnostics for `slips` cells (in .slipsnb and .ipynb notebooks) and .slips
// files. The kernel process answers all three (kernel/rpc/languageFeatures.ts): it holds the notebook's
// session, so completions offer the IPs, evidence types and evidence ids of what the notebook loaded.
import * as vscode from 'vscode';
import { NOTEBOOK_LANGUAGE } from '../../kernel/notebook/format';
import type { CompleteResult, Diagnostic } from '../../kernel/rpc/messages';
import type { KernelClient } from './kernelClient';

/** Quiet time after the last keystroke before a cell is checked again. */
const DIAGNOSE_DEBOUNCE_MS = 300;
const SELECTOR: vscode.DocumentSelector = { language: NOTEBOOK_LANGUAGE };
/** After these a new word starts whose candidates are known (`flows | where ` → the fields). */
const TRIGGERS = [' ', '|', '=', ','];

const KINDS: Record<CompleteResult['items'][number]['kind'], vscode.CompletionItemKind> = {
  command: vscode.CompletionItemKind.Keyword,
  source: vscode.CompletionItemKind.Module,
  stage: vscode.CompletionItemKind.Function,
  field: vscode.CompletionItemKind.Field,
  keyword: vscode.CompletionItemKind.Keyword,
  operator: vscode.CompletionItemKind.Operator,
  ip: vscode.CompletionItemKind.Value,
  evidenceType: vscode.CompletionItemKind.EnumMember,
  evidenceId: vscode.CompletionItemKind.Reference,
  option: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
};

/** The notebook a cell belongs to (its session answers); a .slips file stands for itself. */
function sessionOf(doc: vscode.TextDocument): string {
  const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
  return (nb?.uri ?? doc.uri).toString();
}

function completionList(doc: vscode.TextDocument, r: CompleteResult): vscode.CompletionList {
  const range = new vscode.Range(doc.positionAt(r.from), doc.positionAt(r.to));
  const items = r.items.map((i, n) => {
    const item = new vscode.CompletionItem(i.label, KINDS[i.kind]);
    item.range = range;
    item.detail = i.kind;
    if (i.detail) item.documentation = new vscode.MarkdownString(i.detail);
    // The kernel's order is meaningful (commands before sources, fields in their table order).
    item.sortText = String(n).padStart(5, '0');
    return item;
  });
  return new vscode.CompletionList(items, r.incomplete);
}

function toDiagnostic(doc: vscode.TextDocument, d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(d.offset), doc.positionAt(d.end));
  const diag = new vscode.Diagnostic(range, d.message, vscode.DiagnosticSeverity.Error);
  diag.source = 'slips';
  return diag;
}

/** Checks each slips document a moment after its last change; answers for an older text are dropped. */
class DiagnosticsOnType implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('slips');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subs: vscode.Disposable[];

  constructor(private readonly kernel: KernelClient) {
    this.subs = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    // A cell switched to another language (an .ipynb cell) keeps no slips diagnostics.
    if (doc.languageId !== NOTEBOOK_LANGUAGE) {
      this.forget(doc.uri);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => void this.check(doc), DIAGNOSE_DEBOUNCE_MS),
    );
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    this.timers.delete(key);
    const version = doc.version;
    const found = await this.kernel.diagnose(doc.getText());
    if (found === undefined || doc.isClosed || doc.version !== version) return;
    this.collection.set(
      doc.uri,
      found.map((d) => toDiagnostic(doc, d)),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }
}

export function registerLanguageFeatures(kernel: KernelClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(doc, position) {
          const r = await kernel.complete({
            notebook: sessionOf(doc),
            text: doc.getText(),
            offset: doc.offsetAt(position),
          });
          return r && completionList(doc, r);
        },
      },
      ...TRIGGERS,
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position) {
        const h = await kernel.hover({
          notebook: sessionOf(doc),
          text: doc.getText(),
          offset: doc.offsetAt(position),
        });
        if (!h) return undefined;
        const range = new vscode.Range(doc.positionAt(h.from), doc.positionAt(h.to));
        return new vscode.Hover(new vscode.MarkdownString(h.markdown), range);
      },
    }),
    new DiagnosticsOnType(kernel),
  );
}
