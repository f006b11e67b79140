// Shared by the Zeek reader tests: the shared data, reading a log or folder to the end, and counting data
// lines without the reader's code.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowKind, FlowRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import type { Reader } from '../../../../engine/inputs/reader';
import { ZeekLogReader } from '../../../../engine/inputs/zeek/zeekLogReader';

import { DATA } from '../../../helpers/data';

export { DATA };

export async function readAll(reader: Reader): Promise<FlowRecord[]> {
  const out: FlowRecord[] = [];
  for await (const batch of reader.batches()) out.push(...batch);
  return out;
}

export interface Read {
  recs: FlowRecord[];
  acc: Accounting;
  reader: ZeekLogReader;
}

export async function readLog(path: string, kind?: FlowKind): Promise<Read> {
  const acc = new Accounting();
  const reader = new ZeekLogReader({ kind: 'file', path }, { accounting: acc, kind });
  return { recs: await readAll(reader), acc, reader };
}

/** Line numbers of data lines: not blank, and not a header even when indented by a stray tab. */
export function dataLines(path: string): number[] {
  const out: number[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#')) out.push(i + 1);
    });
  return out;
}

/** The text of line `n` (1-based). */
export function lineOf(path: string, n: number): string {
  return readFileSync(path, 'utf8').split('\n')[n - 1]!;
}

/** Every Zeek log under the shared data (`.log` and `.labeled`; not `.cut`, pcaps, eve.json or configs). */
export function zeekLogs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.log') || name.endsWith('.labeled')) out.push(p);
    }
  };
  walk(join(DATA, 'zeek'));
  walk(join(DATA, 'zeek-baselines'));
  return out;
}

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'zeek-test-'));
}

/** Writes `content` to `name` in a new temporary folder and returns the path. */
export function tmpFile(name: string, content: string | Buffer, dir = tmpDir()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** btest baselines replace every ts with this; tests substitute a real time to read the rest. */
export const CANONIFIED_TS = 'XXXXXXXXXX.XXXXXX';

/** A copy of a btest baseline with its canonified timestamps replaced by 1000000000 + line number. */
export function withRealTimestamps(path: string): string {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) =>
      l.startsWith(CANONIFIED_TS) ? `${1000000000 + i}.000000${l.slice(CANONIFIED_TS.length)}` : l,
    );
  return tmpFile(path.split('/').pop()!, lines.join('\n'));
}

/** A TSV Zeek log with the usual headers, `fields` and the given data lines. */
export function tsvLog(path: string, fields: string[], rows: string[][], extra: string[] = []): string {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    ...extra,
    `#fields\t${fields.join('\t')}`,
    `#types\t${fields.map(() => 'string').join('\t')}`,
    ...rows.map((r) => r.join('\t')),
    '#close\t2020-01-01-00-00-00',
    '',
  ].join('\n');
}
