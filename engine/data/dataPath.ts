// Where the engine's reference tables are found at run time. From the sources (tsx, tests) this file
// sits beside them; in the esbuild bundle `__dirname` is `dist/`, so the tables are either copied to
// `dist/data/` or read from the repository's `engine/data/`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function dataFile(name: string): string {
  const candidates = [
    join(__dirname, name),
    join(__dirname, 'data', name),
    join(__dirname, '..', 'engine', 'data', name),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(
    `The engine data file ${name} is missing; looked in ${candidates.join(', ')}. Reinstall or rebuild slips.`,
  );
}
