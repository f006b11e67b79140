// Writes configuration files into one temporary folder per test process, removed at exit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlipsConfig } from '../../../engine/config/config';

const dir = mkdtempSync(join(tmpdir(), 'slips-config-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

let n = 0;

/** A fresh file with that base name (a counter keeps names unique across cases). */
export function configFile(name: string, content: string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** The config without its provenance, for comparing configs read from different places. */
export function settings(
  c: SlipsConfig,
  drop: ReadonlyArray<'source' | 'ignoredKeys'> = ['source'],
): Partial<SlipsConfig> {
  const copy: Partial<SlipsConfig> = { ...c };
  for (const k of drop) delete copy[k];
  return copy;
}
