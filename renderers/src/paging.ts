// Asking the extension for more rows of a large result over VS Code renderer messaging: an output
// carries its first rows and a result id; each "more" is one PageMessage, answered by one PageAnswer
// (the extension forwards it to the kernel as `slips/page`).
import type { RendererContext } from 'vscode-notebook-renderer';
import type { PageAnswer, PageMessage, PageResult } from '../../kernel/protocol';

export type FetchPage = (resultId: string, offset: number, limit: number) => Promise<PageResult>;

/** Undefined where the host offers no messaging (another viewer, an exported page): no "more" then. */
export function pageFetcher(context: RendererContext<unknown>): FetchPage | undefined {
  const post = context.postMessage?.bind(context);
  const onMessage = context.onDidReceiveMessage;
  if (!post || !onMessage) return undefined;
  const waiting = new Map<number, { resolve(p: PageResult): void; reject(e: Error): void }>();
  let next = 1;
  onMessage((m: unknown) => {
    const a = m as PageAnswer;
    if (a?.type !== 'slips/page') return;
    const w = waiting.get(a.requestId);
    if (!w) return;
    waiting.delete(a.requestId);
    if ('page' in a) w.resolve(a.page);
    else w.reject(new Error(a.error));
  });
  return (resultId, offset, limit) =>
    new Promise((resolve, reject) => {
      const requestId = next++;
      waiting.set(requestId, { resolve, reject });
      const msg: PageMessage = { type: 'slips/page', requestId, resultId, offset, limit };
      post(msg);
    });
}
