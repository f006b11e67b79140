// Starts a kernel process (the sources through tsx, or a built bundle) and connects to its stdio
// JSON-RPC, as the VS Code extension does. Shared by the tests that drive the real kernel.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';

const ROOT = resolve(__dirname, '../..');

export interface KernelProcess {
  child: ChildProcess;
  rpc: MessageConnection;
  stop(): void;
}

/** `bundle`: a built kernel.js to run instead of the sources; `cwd` defaults to the project folder. */
export function startKernel(
  opts: { bundle?: string; cwd?: string; onStderr?: (s: string) => void } = {},
): KernelProcess {
  const args = opts.bundle ? [opts.bundle] : ['--import', 'tsx', resolve(ROOT, 'kernel/rpc/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd ?? ROOT,
    stdio: ['pipe', 'pipe', opts.onStderr ? 'pipe' : 'inherit'],
  });
  if (opts.onStderr) child.stderr!.on('data', (d) => opts.onStderr!(String(d)));
  const rpc = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  rpc.listen();
  return {
    child,
    rpc,
    stop() {
      rpc.dispose();
      child.kill();
    },
  };
}
