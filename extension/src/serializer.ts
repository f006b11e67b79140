// `.slipsnb` ⇄ VS Code's notebook model, through the same nbformat module `slips nb run` uses, so a
// notebook saved in VS Code and one written headless are the same file.
import * as vscode from 'vscode';
import {
  NOTEBOOK_LANGUAGE,
  parseNotebook,
  serializeNotebook,
  type Cell,
  type DisplayOutput,
} from '../../kernel/notebook/format';
import { cellLanguage, JAVASCRIPT, withCellLanguage } from '../../kernel/js/cellLanguage';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Custom payloads first, then SVG, then markdown: VS Code shows the first mime it can render. */
function rank(mime: string): number {
  if (mime.startsWith('application/')) return 0;
  if (mime === 'image/svg+xml') return 1;
  return 2;
}

export function outputItems(data: Record<string, unknown>): vscode.NotebookCellOutputItem[] {
  return Object.entries(data)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([mime, v]) =>
      /json$/.test(mime)
        ? vscode.NotebookCellOutputItem.json(v, mime)
        : vscode.NotebookCellOutputItem.text(String(v), mime),
    );
}

export function toCellOutput(o: DisplayOutput): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(outputItems(o.data), o.metadata);
}

function fromCellOutput(o: vscode.NotebookCellOutput): DisplayOutput {
  const data: Record<string, unknown> = {};
  for (const item of o.items) {
    const t = decoder.decode(item.data);
    data[item.mime] = /json$/.test(item.mime) ? JSON.parse(t) : t;
  }
  return { output_type: 'display_data', data, metadata: { ...(o.metadata ?? {}) } };
}

export class SlipsSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const nb = parseNotebook(decoder.decode(content));
    const cells = nb.cells.map((c) => {
      const kind = c.cell_type === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
      const cell = new vscode.NotebookCellData(
        kind,
        c.source,
        // A cell is slips unless the file tags it javascript (the only other language the kernel runs).
        c.cell_type === 'code'
          ? cellLanguage(c.metadata) === JAVASCRIPT
            ? JAVASCRIPT
            : NOTEBOOK_LANGUAGE
          : 'markdown',
      );
      cell.metadata = { id: c.id, metadata: c.metadata };
      if (c.cell_type === 'code') {
        cell.outputs = c.outputs.map(toCellOutput);
        if (c.execution_count !== null) cell.executionSummary = { executionOrder: c.execution_count };
      }
      return cell;
    });
    const data = new vscode.NotebookData(cells);
    data.metadata = nb.metadata;
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const used = new Set<string>();
    const cells = data.cells.map((c, i): Cell => {
      let id = typeof c.metadata?.id === 'string' ? c.metadata.id : `cell-${i + 1}`;
      if (used.has(id)) id = `${id}-${i + 1}`;
      used.add(id);
      const metadata = (c.metadata?.metadata as Record<string, unknown> | undefined) ?? {};
      if (c.kind === vscode.NotebookCellKind.Markup)
        return { cell_type: 'markdown', id, metadata, source: c.value };
      return {
        cell_type: 'code',
        id,
        // The cell's language as VS Code's Jupyter support records it, so it opens as it was written.
        metadata: withCellLanguage(metadata, c.languageId, NOTEBOOK_LANGUAGE),
        source: c.value,
        execution_count: c.executionSummary?.executionOrder ?? null,
        outputs: (c.outputs ?? []).map(fromCellOutput),
      };
    });
    return encoder.encode(serializeNotebook({ metadata: data.metadata ?? {}, cells }));
  }
}
