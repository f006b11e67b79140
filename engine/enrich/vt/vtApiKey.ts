// Where the VirusTotal API key comes from: the environment variable SLIPS_VT_API_KEY (handy for CI
// and for not keeping the key in a file), else the first 64 characters of the file that upstream's
// `virustotal.api_key_file` names (a VirusTotal key is 64 hex characters; upstream reads exactly those).
import { readFileSync } from 'node:fs';

export const VT_KEY_ENV = 'SLIPS_VT_API_KEY';
const KEY_LENGTH = 64;

export type VtKey = { key: string } | { missing: string };

export function readVtApiKey(apiKeyFile: string, env: NodeJS.ProcessEnv = process.env): VtKey {
  const fromEnv = env[VT_KEY_ENV]?.trim();
  if (fromEnv) return { key: fromEnv };
  let text: string;
  try {
    text = readFileSync(apiKeyFile, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (err as Error).message;
    return { missing: `no API key (${apiKeyFile} ${why} and ${VT_KEY_ENV} is not set)` };
  }
  const key = text.trim().slice(0, KEY_LENGTH);
  return key ? { key } : { missing: `no API key (${apiKeyFile} is empty)` };
}
