// "Slips: Set VirusTotal API key" and "Slips: Clear VirusTotal API key": the key lives in VS Code's
// SecretStorage (the OS keychain where there is one). The kernel process gets it in its environment
// when it starts, so a change restarts the kernel; the key is never shown, logged or written elsewhere.
import * as vscode from 'vscode';
import type { KernelClient } from './kernelClient';

export const VT_SECRET = 'slips.virustotal.apiKey';

async function setKey(context: vscode.ExtensionContext, given?: string): Promise<boolean> {
  const key =
    given ??
    (await vscode.window.showInputBox({
      title: 'VirusTotal API key',
      prompt:
        'Stored in VS Code secret storage; the Slips kernel uses it for online lookups (ip_info.online_lookups)',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'the key is empty' : undefined),
    }));
  if (key === undefined || key.trim() === '') return false;
  await context.secrets.store(VT_SECRET, key.trim());
  return true;
}

/** The kernel follows the stored key: read at activation and again whenever it changes. */
export function followVtKey(context: vscode.ExtensionContext, kernel: KernelClient): vscode.Disposable {
  kernel.readVirusTotalKey(Promise.resolve(context.secrets.get(VT_SECRET)));
  return context.secrets.onDidChange((e) => {
    if (e.key === VT_SECRET) kernel.readVirusTotalKey(Promise.resolve(context.secrets.get(VT_SECRET)));
  });
}

export function registerVtKeyCommands(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    // Tests may pass the key instead of typing it.
    vscode.commands.registerCommand('slips.setVirusTotalKey', async (key?: string) => {
      if (await setKey(context, key))
        void vscode.window.showInformationMessage(
          'VirusTotal API key stored. The Slips kernel restarts to use it: run the notebook cells again.',
        );
    }),
    vscode.commands.registerCommand('slips.clearVirusTotalKey', async () => {
      await context.secrets.delete(VT_SECRET);
      void vscode.window.showInformationMessage('VirusTotal API key removed from secret storage.');
    }),
  );
}
