// The kernel process (bundled to dist/kernel.js): JSON-RPC on stdin/stdout, started by the VS Code
// extension (or a test) and ended when its stdin closes. Stdout carries protocol messages only, so
// anything else that would print there goes to stderr instead.
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { serveKernel } from './server';

console.log = console.error;
console.info = console.error;

const connection = createMessageConnection(
  new StreamMessageReader(process.stdin),
  new StreamMessageWriter(process.stdout),
);
connection.onClose(() => process.exit(0));
process.stdin.on('end', () => process.exit(0));
serveKernel(connection);
