// Builds a large Zeek TSV conn.log by replaying the real conn logs in ../shared/data: each copy shifts
// timestamps past the previous copy and moves IPv4 addresses into one of ADDRESS_BLOCKS other /16s
// (second octet + copy mod ADDRESS_BLOCKS), so the result has the real mix of ports, states and timings,
// and a host population that stops growing (about 26k sources) the way a real network's does.
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Standard conn.log columns; source logs are mapped into these by name. */
export const FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'local_orig',
  'local_resp',
  'missed_bytes',
  'history',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
  'tunnel_parents',
];

interface Row {
  cols: string[];
  ts: number;
}

function findConnLogs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findConnLogs(p, out);
    else if (/^conn\..*labeled$|^conn\.log$|^labeled-conn\.log$/.test(name)) out.push(p);
  }
  return out;
}

/** Data rows of every TSV conn log under `dataDir`, mapped onto FIELDS. JSON logs are skipped. */
export function loadSeedRows(dataDir: string): Row[] {
  const rows: Row[] = [];
  for (const file of findConnLogs(dataDir)) {
    const text = readFileSync(file, 'utf8');
    let index: number[] | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^\t(?=#)/, '');
      if (line.startsWith('#fields')) {
        const names = line.split('\t').slice(1);
        index = FIELDS.map((f) => names.indexOf(f));
        continue;
      }
      if (!index || line.startsWith('#') || line.trim() === '') continue;
      const parts = line.split('\t');
      const cols = index.map((i) => (i >= 0 ? (parts[i] ?? '-') : '-'));
      const ts = Number(cols[0]);
      if (Number.isFinite(ts) && ts > 1e8) rows.push({ cols, ts });
    }
  }
  rows.sort((a, b) => a.ts - b.ts);
  return rows;
}

/** How many shifted copies of the seed hosts exist: copies beyond it replay the same hosts on later days. */
const ADDRESS_BLOCKS = 16;

function shiftIp(ip: string, copy: number): string {
  const dot = ip.indexOf('.');
  if (dot < 0 || ip.includes(':')) return ip;
  const dot2 = ip.indexOf('.', dot + 1);
  const b = (Number(ip.slice(dot + 1, dot2)) + copy) % 256;
  return `${ip.slice(0, dot)}.${b}${ip.slice(dot2)}`;
}

/** Writes `lines` data lines to `out` (reusing it if it already has that many) and returns its path. */
export async function generateConnLog(dataDir: string, out: string, lines: number): Promise<string> {
  const marker = `${out}.lines`;
  const version = `${lines} v2`;
  if (existsSync(out) && existsSync(marker) && readFileSync(marker, 'utf8') === version) return out;
  const seed = loadSeedRows(dataDir);
  if (seed.length === 0) throw new Error(`no TSV conn logs found under ${dataDir}`);
  const base = seed[0]!.ts;
  const w = createWriteStream(out);
  const write = (s: string) =>
    w.write(s) ? Promise.resolve() : new Promise<void>((r) => w.once('drain', () => r()));
  await write(
    `#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#fields\t${FIELDS.join('\t')}\n`,
  );
  let written = 0;
  let copy = 0;
  // Each copy starts where the previous ended, so traffic time runs forward and windows keep closing.
  const gapped = compressGaps(seed.map((r) => r.ts - base));
  const copySpan = gapped[gapped.length - 1]! + 60;
  while (written < lines) {
    let chunk = '';
    for (let i = 0; i < seed.length && written < lines; i++, written++) {
      const c = seed[i]!.cols.slice();
      c[0] = (1_600_000_000 + copy * copySpan + gapped[i]!).toFixed(6);
      c[1] = `${c[1]}${copy.toString(36)}`;
      c[2] = shiftIp(c[2]!, copy % ADDRESS_BLOCKS);
      c[4] = shiftIp(c[4]!, copy % ADDRESS_BLOCKS);
      chunk += c.join('\t') + '\n';
    }
    await write(chunk);
    copy++;
  }
  await write('#close\t2020-09-13-12-26-40\n');
  await new Promise<void>((r) => w.end(r));
  writeFileSync(marker, version);
  return out;
}

/** Offsets with every gap longer than an hour cut to a minute: the seed files were captured years apart. */
function compressGaps(offsets: number[]): number[] {
  const out: number[] = [];
  let shift = 0;
  for (let i = 0; i < offsets.length; i++) {
    if (i > 0) {
      const gap = offsets[i]! - offsets[i - 1]!;
      if (gap > 3600) shift += gap - 60;
    }
    out.push(offsets[i]! - shift);
  }
  return out;
}
