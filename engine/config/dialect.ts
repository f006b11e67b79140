// Which dialect a configuration file is written in, decided by its name and then its content:
// `.yaml`/`.yml` is the newest YAML; a `[section]` header at the start of a line is the 0.7.1 INI
// (no YAML mapping can have a flow sequence at column 0); otherwise the file must parse as a YAML
// mapping with at least one known Slips section, so an unrelated file is refused rather than ignored.
import { extname } from 'node:path';
import type { Entry } from './apply';
import { yamlEntries } from './fromYaml';
import { KNOWN_SECTIONS } from './keys';

export type Dialect = { dialect: 'ini' } | { dialect: 'yaml'; entries?: Entry[] } | { dialect: undefined };

const INI_HEADER = /^\[[^\]\r\n]+\]/m;

/** Only blank lines and comments (`#`, or `;` in INI). */
function isBlank(text: string): boolean {
  return text.split(/\r\n|\r|\n/).every((l) => /^\s*([#;].*)?$/.test(l));
}

export function chooseDialect(path: string, text: string): Dialect {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return { dialect: 'yaml' };
  if (INI_HEADER.test(text)) return { dialect: 'ini' };
  if (isBlank(text)) return { dialect: ext === '.conf' || ext === '.ini' || ext === '.cfg' ? 'ini' : 'yaml' };
  let entries: Entry[] | undefined;
  try {
    entries = yamlEntries(text, path);
  } catch {
    return { dialect: undefined };
  }
  return entries?.some((e) => KNOWN_SECTIONS.has(e.section))
    ? { dialect: 'yaml', entries }
    : { dialect: undefined };
}
