// A reader for the INI dialect of Python's configparser, which 0.7.1's slips.conf is written in:
// `[section]` headers (anything after the closing bracket is ignored), `key = value` or `key: value`
// split at the first `=` or `:`, whole-line `#`/`;` comments (no inline comments), values continued
// on more-indented lines (joined with newlines; blank lines inside kept), option names compared
// case-insensitively, and duplicate sections or options rejected (configparser's strict mode).
// No interpolation: `%` in a timestamp format is literal, as 0.7.1 read it.
// The npm `ini` package is not used because it does not handle configparser continuation lines
// (nor the `:` delimiter), which a 0.7.1 list such as `ti_files` relies on.
// `[DEFAULT]` is an ordinary section here; no key this engine reads is inherited from it.

export interface IniEntry {
  section: string;
  /** As written (for messages); configparser itself lower-cases it. */
  key: string;
  value: string;
  /** 1-based line of the key. */
  line: number;
}

export class IniSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function readIni(text: string): IniEntry[] {
  const entries: IniEntry[] = [];
  const seen = new Set<string>();
  let section: string | undefined;
  let current: { entry: IniEntry; parts: string[] } | undefined;
  let keyIndent = 0;
  const finish = () => {
    if (current) current.entry.value = current.parts.join('\n').trimEnd();
    current = undefined;
  };

  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const value = line.trim();
    if (value.startsWith('#') || value.startsWith(';')) return;
    if (value === '') {
      current?.parts.push('');
      return;
    }
    const indent = line.length - line.trimStart().length;
    if (current && indent > keyIndent) {
      current.parts.push(value);
      return;
    }
    finish();
    keyIndent = indent;
    const header = /^\[([^\]]+)\]/.exec(value);
    if (header) {
      section = header[1]!;
      if (seen.has(`[${section}]`)) throw new IniSyntaxError(`section [${section}] appears twice`, lineNo);
      seen.add(`[${section}]`);
      return;
    }
    if (section === undefined)
      throw new IniSyntaxError('a key comes before the first [section] header', lineNo);
    const option = /^(.*?)\s*([=:])\s*(.*)$/.exec(value);
    const key = option?.[1]?.trimEnd();
    if (!option || !key)
      throw new IniSyntaxError(`'${value}' is neither a [section], a key = value line nor a comment`, lineNo);
    const id = `${section}\u0000${key.toLowerCase()}`;
    if (seen.has(id)) throw new IniSyntaxError(`key '${key}' appears twice in [${section}]`, lineNo);
    seen.add(id);
    const entry: IniEntry = { section, key, value: '', line: lineNo };
    entries.push(entry);
    current = { entry, parts: [option[3]!.trim()] };
  });
  finish();
  return entries;
}
