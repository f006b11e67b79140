// Where enrichment keeps what it derives once and reuses across runs (quirk Q19: apart from the
// per-analysis output). `SLIPS_CACHE_DIR` wins, then XDG's cache folder, then ~/.cache.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function enrichmentCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLIPS_CACHE_DIR) return env.SLIPS_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'slips-notebooks');
}
