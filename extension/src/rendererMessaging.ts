// The renderer's "show more" reaches the kernel through here: VS Code renderer messaging carries a
// PageMessage from the output's webview, the kernel answers `slips/page` from the notebook's session,
// and the page (or the sentence why there is none) goes back to that editor's renderer.
import * as vscode from 'vscode';
import type { PageAnswer, PageMessage } from '../../kernel/protocol';
import type { KernelClient } from './kernelClient';

/** The notebookRenderer id in package.json. */
export const RENDERER_ID = 'slips-renderer';

export function registerRendererMessaging(kernel: KernelClient): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    const m = message as PageMessage;
    if (m?.type !== 'slips/page') return;
    let answer: PageAnswer;
    try {
      const page = await kernel.page({
        notebook: editor.notebook.uri.toString(),
        resultId: String(m.resultId),
        offset: Number(m.offset),
        limit: Number(m.limit),
      });
      answer = { type: 'slips/page', requestId: m.requestId, page };
    } catch (err) {
      answer = { type: 'slips/page', requestId: m.requestId, error: (err as Error).message };
    }
    await messaging.postMessage(answer, editor);
  });
}
