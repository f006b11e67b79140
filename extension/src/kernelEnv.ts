// The kernel process's environment: the extension host's, Electron switched to plain Node, and the
// VirusTotal key from VS Code's SecretStorage as SLIPS_VT_API_KEY — the variable the engine reads
// (engine/enrich/vt/vtApiKey.ts). The key reaches the kernel only this way: never settings, notebook
// metadata or the log. Kept free of `vscode` so it can be tested without an editor.
import { VT_KEY_ENV } from '../../engine/enrich/vt/vtApiKey';

export function kernelEnv(base: NodeJS.ProcessEnv, vtApiKey: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ELECTRON_RUN_AS_NODE: '1' };
  // A stored key wins; without one, a key the user exported before starting VS Code still works.
  if (vtApiKey) env[VT_KEY_ENV] = vtApiKey;
  return env;
}
