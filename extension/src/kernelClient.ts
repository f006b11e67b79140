// The extension's handle on the kernel process: started on first use with the same Node that runs the
// extension host (ELECTRON_RUN_AS_NODE makes desktop VS Code's Electron behave as Node), spoken to over
// stdio JSON-RPC, restarted when it dies. All analysis happens there, never in the extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';
import {
  DisposeRequest,
  InterruptRequest,
  ProgressNotification,
  RunRequest,
  type ProgressParams,
  type RunParams,
  type RunResult,
} from '../../kernel/rpc/messages';

export class KernelClient implements vscode.Disposable {
  private child: ChildProcess | undefined;
  private rpc: MessageConnection | undefined;
  private readonly progress = new vscode.EventEmitter<ProgressParams>();
  readonly onProgress = this.progress.event;

  constructor(
    private readonly kernelPath: string,
    private readonly log: vscode.OutputChannel,
  ) {}

  private connection(): MessageConnection {
    if (this.rpc) return this.rpc;
    const child = spawn(process.execPath, [this.kernelPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    child.stderr!.on('data', (d: Buffer) => this.log.append(d.toString()));
    const rpc = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    rpc.onNotification(ProgressNotification, (p) => this.progress.fire(p));
    child.on('exit', (code, signal) => {
      this.log.appendLine(`slips kernel exited (${signal ?? code})`);
      if (this.child === child) {
        this.child = undefined;
        this.rpc?.dispose();
        this.rpc = undefined;
      }
    });
    rpc.listen();
    this.child = child;
    this.rpc = rpc;
    return rpc;
  }

  run(params: RunParams): Promise<RunResult> {
    return this.connection().sendRequest(RunRequest, params);
  }

  async interrupt(notebook: string): Promise<void> {
    if (this.rpc) await this.rpc.sendRequest(InterruptRequest, { notebook });
  }

  async forget(notebook: string): Promise<void> {
    if (this.rpc) await this.rpc.sendRequest(DisposeRequest, { notebook });
  }

  dispose(): void {
    this.rpc?.dispose();
    this.child?.kill();
    this.progress.dispose();
  }
}
