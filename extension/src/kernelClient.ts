// The extension's handle on the kernel process: started on first use with the same Node that runs the
// extension host (ELECTRON_RUN_AS_NODE makes desktop VS Code's Electron behave as Node), spoken to over
// stdio JSON-RPC, restarted when it dies. All analysis happens there, never in the extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection, RequestType } from 'vscode-jsonrpc';
import {
  CompleteRequest,
  DiagnoseRequest,
  DisposeRequest,
  HoverRequest,
  InterruptRequest,
  PageRequest,
  ProgressNotification,
  RunRequest,
  type CompleteResult,
  type CursorParams,
  type PageParams,
  type Diagnostic,
  type Hover,
  type ProgressParams,
  type RunParams,
  type RunResult,
} from '../../kernel/rpc/messages';
import type { PageResult } from '../../kernel/protocol';

import { kernelEnv } from './kernelEnv';

/** How much of the kernel's stderr is kept to explain why it stopped. */
const STDERR_TAIL_CHARS = 2000;

/** The kernel process could not start or stopped while a cell was waiting on it. */
export class KernelStoppedError extends Error {}

export class KernelClient implements vscode.Disposable {
  private child: ChildProcess | undefined;
  private rpc: MessageConnection | undefined;
  /** Why the current process is gone, once it is: pending and later requests fail with this. */
  private stopped: KernelStoppedError | undefined;
  private stderrTail = '';
  private readonly progress = new vscode.EventEmitter<ProgressParams>();
  readonly onProgress = this.progress.event;

  /** From SecretStorage (vtKeyCommands.ts); reaches the kernel only through its environment. */
  private vtApiKey: string | undefined;
  /** Until the stored key is read, nothing starts a kernel (it would start without the key). */
  private keyRead: Promise<void> = Promise.resolve();

  constructor(
    private readonly kernelPath: string,
    private readonly log: vscode.OutputChannel,
  ) {}

  /**
   * A process's environment is fixed when it starts, so a different key stops the running kernel
   * (quietly: this is not a crash); the next cell starts one with the key. Sessions start empty again.
   */
  readVirusTotalKey(read: Promise<string | undefined>): void {
    this.keyRead = read.then(
      (key) => this.setVirusTotalKey(key),
      (err: Error) =>
        this.log.appendLine(`could not read the VirusTotal key from secret storage: ${err.message}`),
    );
  }

  setVirusTotalKey(key: string | undefined): void {
    if (key === this.vtApiKey) return;
    this.vtApiKey = key;
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.rpc?.dispose();
    this.rpc = undefined;
    child.kill();
    this.log.appendLine(
      'The VirusTotal API key changed: the kernel process was stopped and starts again with the next cell.',
    );
  }

  private connection(): MessageConnection {
    if (this.rpc) return this.rpc;
    this.stopped = undefined;
    this.stderrTail = '';
    const child = spawn(process.execPath, [this.kernelPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: kernelEnv(process.env, this.vtApiKey),
    });
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      this.log.append(text);
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    const rpc = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    rpc.onNotification(ProgressNotification, (p) => this.progress.fire(p));
    // A missing Node, a missing bundle or a crash at start: say so where the user looks, not only in the log.
    child.on('error', (err) => this.lost(child, `could not start ${this.kernelPath}: ${err.message}`));
    child.on('exit', (code, signal) => this.lost(child, `exited (${signal ?? `code ${code}`})`));
    rpc.listen();
    this.child = child;
    this.rpc = rpc;
    return rpc;
  }

  private lost(child: ChildProcess, why: string): void {
    if (this.child !== child) return;
    const tail = this.stderrTail.trim();
    const message = `The Slips kernel process ${why}${tail ? `: ${tail.split('\n').slice(-5).join('\n')}` : ''}`;
    this.log.appendLine(message);
    this.stopped = new KernelStoppedError(message);
    this.child = undefined;
    // Disposing rejects the requests still waiting on this process, so their cells end as failed.
    this.rpc?.dispose();
    this.rpc = undefined;
    void vscode.window.showErrorMessage(message, 'Show log').then((pick) => pick && this.log.show());
  }

  async run(params: RunParams): Promise<RunResult> {
    await this.keyRead;
    try {
      return await this.connection().sendRequest(RunRequest, params);
    } catch (err) {
      throw this.stopped ?? err;
    }
  }

  /** Editor requests: undefined when the kernel cannot answer, so the editor just shows nothing
   *  (a stopped kernel is reported once, by `lost`, not on every keystroke). */
  private async ask<P, R>(type: RequestType<P, R, void>, params: P): Promise<R | undefined> {
    // After the kernel died only running a cell starts a new one: keystrokes must not respawn (and
    // report) a kernel that cannot start, over and over.
    if (!this.rpc && this.stopped) return undefined;
    await this.keyRead;
    try {
      return await this.connection().sendRequest(type, params);
    } catch (err) {
      if (!this.stopped) this.log.appendLine(`${type.method} failed: ${(err as Error).message}`);
      return undefined;
    }
  }

  complete(params: CursorParams): Promise<CompleteResult | undefined> {
    return this.ask(CompleteRequest, params);
  }

  async hover(params: CursorParams): Promise<Hover | undefined> {
    return (await this.ask(HoverRequest, params)) ?? undefined;
  }

  diagnose(text: string): Promise<Diagnostic[] | undefined> {
    return this.ask(DiagnoseRequest, { text });
  }

  /** More rows of a large result; a refusal (result no longer kept, kernel stopped) is thrown as is. */
  async page(params: PageParams): Promise<PageResult> {
    if (!this.rpc)
      throw this.stopped ?? new KernelStoppedError('the kernel is not running: run the cell again');
    return await this.rpc.sendRequest(PageRequest, params);
  }

  async interrupt(notebook: string): Promise<void> {
    if (this.rpc) await this.rpc.sendRequest(InterruptRequest, { notebook });
  }

  async forget(notebook: string): Promise<void> {
    if (this.rpc) await this.rpc.sendRequest(DisposeRequest, { notebook });
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    this.rpc?.dispose();
    child?.kill();
    this.progress.dispose();
  }
}
