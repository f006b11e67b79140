// Serves the kernel protocol (messages.ts) on a JSON-RPC connection: one NotebookKernel per notebook id.
// Requests of different notebooks run side by side; the connection itself never waits on analysis, so
// an interrupt arrives while a load is running.
import { ErrorCodes, ResponseError, type MessageConnection } from 'vscode-jsonrpc';
import {
  CompleteRequest,
  DiagnoseRequest,
  DisposeRequest,
  HoverRequest,
  InterruptRequest,
  PageRequest,
  ProgressNotification,
  RunRequest,
  StateRequest,
} from './messages';
import { completeAt, diagnose, hoverAt } from './languageFeatures';
import { NotebookKernel } from './notebookKernel';

export function serveKernel(connection: MessageConnection): void {
  const kernels = new Map<string, NotebookKernel>();
  const kernelOf = (notebook: string): NotebookKernel => {
    let k = kernels.get(notebook);
    if (!k) {
      k = new NotebookKernel();
      kernels.set(notebook, k);
    }
    return k;
  };

  connection.onRequest(RunRequest, (p) =>
    kernelOf(p.notebook).run(
      p.text,
      p.baseDir,
      (records, capture) =>
        connection.sendNotification(ProgressNotification, {
          notebook: p.notebook,
          cell: p.cell,
          records,
          ...(capture ? { capture } : {}),
        }),
      { trusted: p.trusted, blockingConfirmed: p.blockingConfirmed, language: p.language },
    ),
  );
  connection.onRequest(InterruptRequest, (p) => ({
    interrupted: kernels.get(p.notebook)?.interrupt() ?? false,
  }));
  connection.onRequest(PageRequest, (p) => {
    const k = kernels.get(p.notebook);
    if (!k)
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `notebook ${p.notebook} has no session: run its cells again`,
      );
    return k.page(p.resultId, p.offset, p.limit);
  });
  connection.onRequest(StateRequest, (p) => kernelOf(p.notebook).state());
  connection.onRequest(DisposeRequest, (p) => {
    kernels.get(p.notebook)?.interrupt();
    kernels.delete(p.notebook);
  });
  // Editor requests read the notebook's last finished load and never create a session.
  connection.onRequest(CompleteRequest, (p) => completeAt(p.text, p.offset, kernels.get(p.notebook)?.loaded));
  connection.onRequest(HoverRequest, (p) => hoverAt(p.text, p.offset, kernels.get(p.notebook)?.loaded));
  connection.onRequest(DiagnoseRequest, (p) => diagnose(p.text));
  connection.listen();
}
