// Applies the key/value entries of either dialect, in file order, to a fresh config (the caller's copy).
// Keys the table does not know are collected for the "ignored" warning instead of failing the run:
// a full upstream configuration has many keys for modules this engine does not have.
import { IGNORED_NOTES, KEYS } from './keys';
import type { SlipsConfig } from './types';
import type { Where } from './values';

export interface Entry {
  section: string;
  /** Empty when a YAML top-level key holds a plain value instead of a section. */
  key: string;
  value: unknown;
  line?: number;
}

export interface DialectRules {
  /** Match keys case-insensitively, as configparser does for option names (sections stay case-sensitive). */
  foldKeyCase: boolean;
  /** Dialect-specific unwrapping, run only for keys that are read (a malformed ignored key does no harm). */
  convert?(value: unknown, at: Where): unknown;
}

export function applyEntries(
  config: SlipsConfig,
  entries: readonly Entry[],
  file: string,
  rules: DialectRules,
): SlipsConfig {
  const { foldKeyCase } = rules;
  for (const e of entries) {
    const name = e.key === '' ? e.section : `${e.section}.${e.key}`;
    const setters = Object.hasOwn(KEYS, e.section) ? KEYS[e.section] : undefined;
    const wanted = foldKeyCase ? e.key.toLowerCase() : e.key;
    const key = setters && Object.keys(setters).find((k) => (foldKeyCase ? k.toLowerCase() : k) === wanted);
    if (!setters || !key) {
      const note = IGNORED_NOTES[foldKeyCase ? name.toLowerCase() : name];
      config.ignoredKeys.push(note ? `${name} (${note})` : name);
      continue;
    }
    // An empty YAML value (`label:`) means "not set", as a commented-out key would.
    if (e.value === null || e.value === undefined) continue;
    const at: Where = { file, line: e.line, key: name };
    setters[key]!(config, rules.convert ? rules.convert(e.value, at) : e.value, at);
  }
  return config;
}
