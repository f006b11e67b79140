// Typed reads out of a parsed eve.json object. Eve is produced by many Suricata versions and by
// other tools, so every field is checked for its type instead of trusted; absent or mistyped
// optional fields read as '' / 0 / [], as the flow model asks.

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Json | undefined {
  return isObject(v) ? v : undefined;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A non-negative finite number (numeric strings too: some tools quote counters); 0 otherwise. */
export function num(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : 0;
  if (typeof v === 'string' && v.length > 0) {
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? n : 0;
  }
  return 0;
}

/** The strings of an array, skipping anything else. */
export function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) if (typeof x === 'string') out.push(x);
  return out;
}

/** A port field: an integer 0..65535, or undefined when absent or invalid. */
export function port(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535 ? v : undefined;
}
