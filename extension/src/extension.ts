// The VS Code side of Slips notebooks: a thin layer between VS Code's notebook API and the kernel process.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createControllers, NOTEBOOK_TYPE } from './controller';
import { KernelClient } from './kernelClient';
import { registerLanguageFeatures } from './languageFeatures';
import { SlipsSerializer } from './serializer';
import { StatusBar } from './statusBar';
import { followVtKey, registerVtKeyCommands } from './vtKeyCommands';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Slips kernel');
  const kernel = new KernelClient(context.asAbsolutePath('dist/kernel.js'), log);
  const status = new StatusBar(kernel);
  context.subscriptions.push(
    log,
    kernel,
    status,
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new SlipsSerializer(), {
      transientOutputs: false,
    }),
    createControllers(kernel, status),
    registerLanguageFeatures(kernel),
    registerCommands(),
    followVtKey(context, kernel),
    registerVtKeyCommands(context),
  );
}

export function deactivate(): void {
  // The kernel process is ended by its disposable.
}
