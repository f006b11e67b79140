// Which language a stored code cell is in. A notebook file keeps it where VS Code's Jupyter support
// does: the cell's `metadata.vscode.languageId`; a cell without it is a slips cell. Only the cell's
// source is ever run — the tag picks the runner, nothing from metadata or outputs is executed.

/** The other cell language the kernel runs (kernel/js/runJsCell.ts). */
export const JAVASCRIPT = 'javascript';
export function cellLanguage(metadata: Record<string, unknown>): string | undefined {
  const vscode = metadata.vscode;
  if (typeof vscode !== 'object' || vscode === null) return undefined;
  const id = (vscode as Record<string, unknown>).languageId;
  return typeof id === 'string' ? id : undefined;
}

/** The cell metadata with the language recorded (or removed, for the default slips language). */
export function withCellLanguage(
  metadata: Record<string, unknown>,
  language: string,
  defaultLanguage: string,
): Record<string, unknown> {
  const { vscode, ...rest } = metadata;
  const others =
    typeof vscode === 'object' && vscode !== null ? { ...(vscode as Record<string, unknown>) } : {};
  delete others.languageId;
  if (language !== defaultLanguage) others.languageId = language;
  return Object.keys(others).length > 0 ? { ...rest, vscode: others } : rest;
}
