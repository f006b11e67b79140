// Turns one raw configuration value into the type a key needs, or fails with a message that names the
// file, line and key. The same coercers serve both dialects: YAML gives typed values, the INI reader
// gives strings (with Python quotes and list literals already unwrapped), so each accepts both forms.
import { isIP } from 'node:net';
import { ConfigError } from './types';

/** Where a value was read, for error messages. */
export interface Where {
  file: string;
  line?: number;
  /** `section.key` as written. */
  key: string;
}

export function fail(at: Where, problem: string): never {
  const place = at.line === undefined ? at.file : `${at.file}:${at.line}`;
  throw new ConfigError(`${place}: ${at.key} ${problem}`);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
}

export function toNumber(v: unknown, at: Where, what: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) fail(at, `must be ${what}, got ${show(v)}`);
  return n;
}

export function toPositive(v: unknown, at: Where, what: string): number {
  const n = toNumber(v, at, what);
  if (n <= 0) fail(at, `must be ${what}, got ${show(v)}`);
  return n;
}

export function toNonNegative(v: unknown, at: Where, what: string): number {
  const n = toNumber(v, at, what);
  if (n < 0) fail(at, `must be ${what}, got ${show(v)}`);
  return n;
}

export function toCount(v: unknown, at: Where): number {
  const n = toNumber(v, at, 'a whole number above 0');
  if (!Number.isInteger(n) || n <= 0) fail(at, `must be a whole number above 0, got ${show(v)}`);
  return n;
}

export function toLevel(v: unknown, at: Where): number {
  const n = toNumber(v, at, 'a whole number from 0 to 9');
  if (!Number.isInteger(n) || n < 0 || n > 9) fail(at, `must be a whole number from 0 to 9, got ${show(v)}`);
  return n;
}

/** The words Python's configparser accepts for booleans (and YAML's own true/false). */
const BOOLEANS: Record<string, boolean> = {
  '1': true,
  yes: true,
  true: true,
  on: true,
  '0': false,
  no: false,
  false: false,
  off: false,
};

export function toBoolean(v: unknown, at: Where): boolean {
  if (typeof v === 'boolean') return v;
  const b =
    typeof v === 'string' || typeof v === 'number' ? BOOLEANS[String(v).trim().toLowerCase()] : undefined;
  if (b === undefined) fail(at, `must be true or false (or yes/no), got ${show(v)}`);
  return b;
}

export function toText(v: unknown, at: Where): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(at, `must be a text value, got ${show(v)}`);
}

/** A file path: non-empty text. */
export function toPath(v: unknown, at: Where): string {
  const s = toText(v, at);
  if (s === '') fail(at, 'must be a file path, got an empty value');
  return s;
}

export function toOneOf<T extends string>(v: unknown, at: Where, allowed: readonly T[]): T {
  const s = typeof v === 'string' ? v.trim() : v;
  if (!allowed.includes(s as T))
    fail(at, `must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${show(v)}`);
  return s as T;
}

/** A list: a YAML sequence, a Python list literal (already unwrapped), or comma-separated text. */
export function toList(v: unknown, at: Where): string[] {
  const items = Array.isArray(v)
    ? v
    : typeof v === 'string'
      ? v.split(',')
      : fail(at, `must be a list, got ${show(v)}`);
  return items.map((x) => toText(x, at)).filter((x) => x !== '');
}

export function toAddressList(v: unknown, at: Where): string[] {
  const list = toList(v, at);
  for (const a of list) {
    const [ip, bits, extra] = a.split('/');
    const family = isIP(ip ?? '');
    const max = family === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    if (!family || !okBits || extra !== undefined)
      fail(at, `must list IP addresses or CIDR ranges, got '${a}'`);
  }
  return list;
}

const MINUTES_PER: Record<string, number> = {
  usec: 1 / 60e6,
  msec: 1 / 60e3,
  sec: 1 / 60,
  min: 1,
  hr: 60,
  day: 1440,
};

/**
 * Minutes. Newest Slips takes a number of minutes; 0.7.1 took the whole Zeek argument
 * (`tcp_inactivity_timeout=60mins`), so that form and Zeek interval units are accepted too.
 */
export function toMinutes(v: unknown, at: Where): number {
  if (typeof v === 'number') return toPositive(v, at, 'a positive number of minutes');
  const m = /^(?:tcp_inactivity_timeout\s*=\s*)?(\d+(?:\.\d+)?)\s*(?:(usec|msec|sec|min|hr|day)s?)?$/.exec(
    typeof v === 'string' ? v.trim() : '',
  );
  if (!m || Number(m[1]) <= 0) fail(at, `must be a positive number of minutes (or '60mins'), got ${show(v)}`);
  return Number(m[1]) * MINUTES_PER[m[2] ?? 'min']!;
}
