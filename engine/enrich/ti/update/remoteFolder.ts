// Where downloaded feeds live. The analysis looks for the configured folder in the working folder,
// then in the project folder (loadThreatIntel); the updater writes to the one found, and when there is
// none yet creates a relative path in the project folder, as upstream's paths are relative to Slips' own.
import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SlipsConfig } from '../../../config/types';
import { locateTiPath, projectFolder } from '../loadThreatIntel';

export function remoteFeedsFolder(config: SlipsConfig, cwd = process.cwd()): string | undefined {
  return locateTiPath(config.threatIntelligence.downloadPathForRemoteThreatIntelligence, undefined, cwd);
}

export function createRemoteFeedsFolder(config: SlipsConfig, cwd = process.cwd()): string {
  const found = remoteFeedsFolder(config, cwd);
  if (found) return found;
  const path = config.threatIntelligence.downloadPathForRemoteThreatIntelligence;
  const folder = isAbsolute(path) ? path : resolve(projectFolder(), path);
  mkdirSync(folder, { recursive: true });
  return folder;
}
