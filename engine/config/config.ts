// The configuration the engine runs with: built-in defaults, or a file in either Slips dialect
// (newest `slips.yaml` or 0.7.1 `slips.conf`), then command-line overrides on top.
import { readFileSync } from 'node:fs';
import { ONLY_ONE_TW_WIDTH } from '../profiler/timeWindows';
import { DEFAULT_CONFIG, cloneConfig } from './defaults';
import { chooseDialect } from './dialect';
import { configFromIni } from './fromIni';
import { configFromYaml } from './fromYaml';
import { ConfigError, type SlipsConfig } from './types';

export { ConfigError, DEFAULT_CONFIG, type SlipsConfig };
export { configToYaml } from './toYaml';

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

/** Defaults when no path is given. Throws ConfigError for unreadable or invalid files and bad values. */
export function loadConfig(path?: string): SlipsConfig {
  if (path === undefined) return cloneConfig(DEFAULT_CONFIG);
  let text: string;
  try {
    // A byte-order mark (Windows editors) would hide a first-line [section] header.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new ConfigError(
      `cannot read the configuration file ${path}: ${READ_PROBLEMS[code] ?? (err as Error).message}`,
    );
  }
  const choice = chooseDialect(path, text);
  switch (choice.dialect) {
    case 'ini':
      return configFromIni(text, path);
    case 'yaml':
      return configFromYaml(text, path, choice.entries);
    default:
      throw new ConfigError(
        `${path} is not a Slips configuration: expected [section] headers (0.7.1 slips.conf) or a YAML mapping with sections such as parameters (slips.yaml)`,
      );
  }
}

export interface Overrides {
  width?: number | 'only_one_tw';
  verbose?: number;
  debug?: number;
  noLogFiles?: boolean;
}

/**
 * Command-line flags win over the file. `-w` is honoured (0.7.1 forced 3600 whenever it was given,
 * quirk Q2). Returns a new config; the one given is not changed.
 */
export function applyOverrides(c: SlipsConfig, o: Overrides): SlipsConfig {
  const out = cloneConfig(c);
  if (o.width === 'only_one_tw') {
    out.timeWindowWidth = ONLY_ONE_TW_WIDTH;
    out.onlyOneTw = true;
  } else if (o.width !== undefined) {
    if (!Number.isFinite(o.width) || o.width <= 0)
      throw new ConfigError(`-w must be a positive number of seconds or 'only_one_tw', got ${o.width}`);
    out.timeWindowWidth = o.width;
    out.onlyOneTw = false;
  }
  for (const flag of ['verbose', 'debug'] as const) {
    const v = o[flag];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0)
      throw new ConfigError(`--${flag} must be a whole number not below 0, got ${v}`);
    out[flag] = v;
  }
  if (o.noLogFiles) out.createLogFiles = false;
  return out;
}
