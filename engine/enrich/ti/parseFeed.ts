// One parser for every feed shape of 4.2.3: CSV/TSV/`;`/` # `-separated lines with or without a
// header, hosts-file lines (`0.0.0.0 evil.example`), plain one-per-line lists, Zeek intel files,
// JSON arrays and JSON lines. The data column is the first field that is an indicator; the
// description is the header column named like one, else the last column. A line without an
// indicator is reported with its file and line and skipped; nothing here throws.
import type { ThreatLevel } from '../../evidence/types';
import { type Classified, THREAT_LEVEL_NAMES, classify } from './classify';
import type { FeedKind, TiProblem } from './types';

export interface FeedSource {
  /** Path shown in problems. */
  file: string;
  /** Name evidence shows as the feed (upstream's `source`: the file name). */
  name: string;
  kind: FeedKind;
  /** The feed list's level, used when a line does not carry its own. */
  threatLevel: ThreatLevel;
  tags: string;
}

export interface FeedEntry {
  ioc: Classified;
  description: string;
  threatLevel: ThreatLevel;
}

/** Header columns that hold the description, best first (upstream: desc, collect, malware, tags_str, source). */
const DESCRIPTION_COLUMNS = ['desc', 'malware', 'tags_str', 'collect', 'reason', 'source'];
const HOSTS_ADDRESSES = new Set(['0.0.0.0', '127.0.0.1', '::', '::1']);
/** Problems kept per file; the rest are only counted (a 200 MB HTML page must not make 200 MB of messages). */
const MAX_PROBLEMS_PER_FILE = 20;

export interface FeedResult {
  entries: number;
  rejected: number;
}

export function parseFeed(
  text: string,
  src: FeedSource,
  add: (e: FeedEntry) => void,
  problems: TiProblem[],
): FeedResult {
  const result: FeedResult = { entries: 0, rejected: 0 };
  const report = (line: number, reason: string) => {
    result.rejected++;
    if (result.rejected <= MAX_PROBLEMS_PER_FILE) problems.push({ file: src.file, line, reason });
  };
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('<')) {
    report(1, 'this is an HTML or XML page, not a feed (a download error page?); the file was not used');
    return result;
  }
  const emit = (e: FeedEntry) => {
    result.entries++;
    add(e);
  };
  if (body.startsWith('[') || body.startsWith('{')) parseJson(body, src, emit, report);
  else parseLines(text, src, emit, report);
  if (result.rejected > MAX_PROBLEMS_PER_FILE)
    problems.push({
      file: src.file,
      line: 0,
      reason: `${result.rejected - MAX_PROBLEMS_PER_FILE} more lines without an indicator were skipped`,
    });
  return result;
}

function parseLines(
  text: string,
  src: FeedSource,
  emit: (e: FeedEntry) => void,
  report: (line: number, reason: string) => void,
): void {
  let header: string[] | undefined;
  let descCol = -1;
  let dataCol = -1;
  let lineNo = 0;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).trim();
    pos = eol + 1;
    lineNo++;
    if (!line) continue;
    if (line.startsWith('#') || line.startsWith(';') || line.startsWith('//')) {
      if (dataCol < 0 && descCol < 0) {
        const h = headerFields(line.replace(/^(#fields|#|;|\/\/)\s*/, ''), src.kind);
        if (h) {
          const d = descriptionColumn(h);
          if (!header || (d >= 0 && descCol < 0)) [header, descCol] = [h, d];
        }
      }
      continue;
    }
    const fields = splitFields(line);
    let at = dataCol >= 0 && dataCol < fields.length && classify(fields[dataCol]!, src.kind) ? dataCol : -1;
    let ioc = at >= 0 ? classify(fields[at]!, src.kind) : undefined;
    if (!ioc) {
      at = fields.findIndex((f) => classify(f, src.kind) !== undefined);
      ioc = at >= 0 ? classify(fields[at]!, src.kind) : undefined;
    }
    if (!ioc) {
      if (dataCol < 0 && !header && fields.length >= 2 && /[\t,;]/.test(line)) {
        header = fields.map((f) => f.toLowerCase());
        descCol = descriptionColumn(header);
        continue;
      }
      report(lineNo, `no ${WHAT[src.kind]} in this line: ${clip(line)}`);
      continue;
    }
    // A hosts-file line names the sinkhole address first and the domain second.
    if (ioc.kind === 'ip' && HOSTS_ADDRESSES.has(ioc.value) && fields.length >= 2) {
      const d = classify(fields[1]!, src.kind);
      if (d?.kind === 'domain') [ioc, at] = [d, 1];
    }
    if (dataCol < 0) dataCol = at;
    let level = src.threatLevel;
    let levelCol = -1;
    for (let i = at + 1; i < fields.length; i++) {
      const l = fields[i]!.toLowerCase();
      if ((THREAT_LEVEL_NAMES as readonly string[]).includes(l)) {
        level = l as ThreatLevel;
        levelCol = i;
        break;
      }
    }
    let description = '';
    if (descCol >= 0 && descCol !== at) description = fields[descCol] ?? '';
    else if (descCol < 0) {
      const last = fields.length - 1;
      if (last > at && last !== levelCol) description = fields[last]!;
    }
    emit({ ioc, description, threatLevel: level });
  }
}

const WHAT: Record<FeedKind, string> = {
  ioc: 'IP, IP range, domain, URL or ASN',
  ja3: 'JA3 hash (32 hex digits)',
  ssl: 'SSL certificate SHA1 (40 hex digits)',
  jarm: 'JARM hash (62 hex digits)',
};

/** A comment line is a header when it has separated columns and none of them is an indicator. */
function headerFields(line: string, kind: FeedKind): string[] | undefined {
  if (!/[\t,;]/.test(line)) return undefined;
  const fields = splitFields(line);
  if (fields.length < 2 || fields.some((f) => classify(f, kind))) return undefined;
  return fields.map((f) => f.toLowerCase());
}

function descriptionColumn(header: string[]): number {
  for (const word of DESCRIPTION_COLUMNS) {
    const i = header.findIndex((h) => h.includes(word));
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The separator that comes first in the line wins (TAB, `,`, `;`, or ` #` as in AlienVault's
 * `ip # description`); a line with none of them is split on white space (hosts files, plain lists).
 */
export function splitFields(line: string): string[] {
  let sep = '';
  let first = Infinity;
  for (const s of ['\t', ',', ';', ' #']) {
    const i = line.indexOf(s);
    if (i >= 0 && i < first) [sep, first] = [s, i];
  }
  if (!sep) return line.split(/\s+/).map(unquote);
  if (sep !== ',') return line.split(sep).map(unquote);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.map(unquote);
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]
    ? t.slice(1, -1).trim()
    : t;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** JSON keys whose value describes the indicator, best first. */
const JSON_DESCRIPTION_KEYS = [
  'description',
  'desc',
  'tags_str',
  'malware',
  'threat',
  'tags',
  'reason',
  'source',
];

function parseJson(
  body: string,
  src: FeedSource,
  emit: (e: FeedEntry) => void,
  report: (line: number, reason: string) => void,
): void {
  let records: { value: unknown; line: number }[];
  try {
    const doc = JSON.parse(body) as unknown;
    const list = Array.isArray(doc) ? doc : (findArray(doc) ?? [doc]);
    records = list.map((value) => ({ value, line: 0 }));
  } catch {
    // JSON lines: one object per line.
    records = [];
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!.trim();
      if (!l) continue;
      try {
        records.push({ value: JSON.parse(l), line: i + 1 });
      } catch {
        report(i + 1, `not valid JSON: ${clip(l)}`);
      }
    }
  }
  for (let i = 0; i < records.length; i++) {
    const { value, line } = records[i]!;
    const at = line || i + 1;
    const ioc = firstIoc(value, src.kind, 0);
    if (!ioc) {
      report(at, `no ${WHAT[src.kind]} in JSON record ${clip(JSON.stringify(value) ?? '')}`);
      continue;
    }
    emit({ ioc, description: jsonDescription(value), threatLevel: src.threatLevel });
  }
}

function findArray(doc: unknown): unknown[] | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  for (const v of Object.values(doc)) if (Array.isArray(v)) return v;
  return undefined;
}

function firstIoc(v: unknown, kind: FeedKind, depth: number): Classified | undefined {
  if (typeof v === 'string') return classify(v, kind);
  if (depth > 3 || !v || typeof v !== 'object') return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const c = firstIoc(x, kind, depth + 1);
    if (c) return c;
  }
  return undefined;
}

function jsonDescription(v: unknown): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '';
  const o = v as Record<string, unknown>;
  for (const key of JSON_DESCRIPTION_KEYS) {
    for (const k of Object.keys(o)) {
      if (!k.toLowerCase().includes(key)) continue;
      const x = o[k];
      if (typeof x === 'string' && x) return x;
      if (Array.isArray(x) && x.every((s) => typeof s === 'string') && x.length) return x.join(', ');
      if (x && typeof x === 'object') {
        // A nested description such as rstcloud's `tags: {str: [...]}`: its first text.
        const inner = firstText(x);
        if (inner) return inner;
      }
    }
  }
  return '';
}

function firstText(o: object): string {
  for (const x of Object.values(o)) {
    if (typeof x === 'string' && x) return x;
    if (Array.isArray(x) && x.length && x.every((s) => typeof s === 'string')) return x.join(', ');
  }
  return '';
}
