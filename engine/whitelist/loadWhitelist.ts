// Finds and reads the local whitelist named by the configuration (`whitelists.*`). Nothing here stops a
// run: a missing or unreadable file, or a bad line, becomes a problem the engine reports (the CLI prints
// it and writes it to errors.log), and the run goes on with what could be read, as upstream does.
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_WHITELIST_PATH } from '../config/defaults';
import type { SlipsConfig } from '../config/types';
import { parseWhitelist } from './parseWhitelist';
import { Whitelist } from './whitelist';

/** The project folder: from the sources this file is in `engine/whitelist/`, in the esbuild bundle in `dist/`. */
function projectFolder(): string {
  return basename(__dirname) === 'whitelist' ? join(__dirname, '..', '..') : join(__dirname, '..');
}

/**
 * Where a configured path points. The default names the project's own file, so a run from any folder
 * reads the same whitelist; another relative path is looked up in the working folder, then in the
 * project folder (so upstream's relative names keep working). Undefined when no such file exists.
 */
export function locateWhitelist(path: string, cwd = process.cwd()): string | undefined {
  if (isAbsolute(path)) return existsSync(path) ? path : undefined;
  const candidates = path === DEFAULT_WHITELIST_PATH ? [] : [resolve(cwd, path)];
  candidates.push(resolve(projectFolder(), path));
  return candidates.find((c) => existsSync(c));
}

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

export function loadWhitelist(config: SlipsConfig, cwd = process.cwd()): Whitelist {
  const { enableLocalWhitelist, localWhitelistPath: path } = config.whitelists;
  if (!enableLocalWhitelist) return Whitelist.EMPTY;
  const found = locateWhitelist(path, cwd);
  if (!found) {
    // The shipped file may be left out of a bundle; only a file the user named is worth a warning.
    if (path === DEFAULT_WHITELIST_PATH) return Whitelist.EMPTY;
    return new Whitelist(
      [],
      [
        {
          file: path,
          line: 0,
          reason: `cannot read the whitelist ${path}: no such file; nothing is whitelisted in this run (fix whitelists.local_whitelist_path)`,
        },
      ],
    );
  }
  let text: string;
  try {
    text = readFileSync(found, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why = READ_PROBLEMS[code] ?? (err as Error).message;
    return new Whitelist(
      [],
      [
        {
          file: found,
          line: 0,
          reason: `cannot read the whitelist ${found}: ${why}; nothing is whitelisted in this run`,
        },
      ],
    );
  }
  const { entries, problems } = parseWhitelist(text, found);
  return new Whitelist(entries, problems, found);
}
