// The 0.7.1 dialect: `slips.conf` read as configparser would, then Python literals unwrapped.
import { applyEntries } from './apply';
import { DEFAULT_CONFIG, cloneConfig } from './defaults';
import { IniSyntaxError, readIni } from './ini';
import { LiteralError, pythonValue } from './pythonLiteral';
import { ConfigError, type SlipsConfig } from './types';
import { fail } from './values';

export function configFromIni(text: string, file: string): SlipsConfig {
  let entries;
  try {
    entries = readIni(text);
  } catch (err) {
    if (err instanceof IniSyntaxError) throw new ConfigError(`${file}:${err.line}: ${err.message}`);
    throw err;
  }
  const config = cloneConfig(DEFAULT_CONFIG);
  // 0.7.1's code fell back to `all` when the key was missing; its shipped slips.conf said `out`.
  config.analysisDirection = 'all';
  config.source = { path: file, dialect: 'ini' };
  return applyEntries(config, entries, file, {
    foldKeyCase: true,
    convert: (value, at) => {
      try {
        return pythonValue(String(value));
      } catch (err) {
        if (err instanceof LiteralError) fail(at, err.message);
        throw err;
      }
    },
  });
}
