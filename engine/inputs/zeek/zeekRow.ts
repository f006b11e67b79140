// One Zeek record seen through its field slots, whatever the log format. The per-kind mappings
// (zeekFields.ts) are written once against this interface and serve TSV (text columns named by `#fields`)
// and JSON (typed values under dotted or nested keys) alike.

/**
 * Values of one record by slot. Absent, unset (`-`) and empty (`(empty)`) values read as '' / 0 / [] /
 * undefined, so every record field can be filled.
 */
export interface ZeekRow {
  str(slot: number): string;
  /** A count, port or interval; text that is not a number reads 0 and sets `bad`. */
  num(slot: number): number;
  /** Epoch seconds; NaN when absent or not a time (callers reject such records). */
  time(slot: number): number;
  list(slot: number): string[];
  numList(slot: number): number[];
  /** T/F (TSV), true/false (JSON); undefined when unset or absent. */
  bool(slot: number): boolean | undefined;
  /** The value as written, for problem reports. */
  raw(slot: number): string;
  /** Why the last record read had a value that is not a number ('' when none did). */
  bad: string;
}

/** Slot numbers of a kind's fields, with the Zeek field names each slot is read from. */
export interface FieldTable<K extends string> {
  /** Slot by record-side name. */
  readonly at: Readonly<Record<K, number>>;
  /** Zeek names per slot; the first one a log has wins (e.g. `cert_chain_fps`, then `cert_chain_fuids`). */
  readonly names: readonly (readonly string[])[];
  /** The same names split on dots, for JSON logs that nest (`{"id": {"orig_h": ...}}`). */
  readonly paths: readonly (readonly (readonly string[])[])[];
}

/** The slot of `ts` in every table: the readers check it on every record. */
export const TS_SLOT = 0;

/** Builds a table from `{ recordName: zeekName | [zeekName, fallback...] }`; `ts` must come first. */
export function fieldTable<K extends string>(map: Record<K, string | readonly string[]>): FieldTable<K> {
  const at = {} as Record<K, number>;
  const names: (readonly string[])[] = [];
  for (const key of Object.keys(map) as K[]) {
    const v = map[key];
    at[key] = names.length;
    names.push(typeof v === 'string' ? [v] : v);
  }
  if (names[TS_SLOT]?.[0] !== 'ts') throw new Error('a Zeek field table must start with ts');
  return { at, names, paths: names.map((alts) => alts.map((n) => n.split('.'))) };
}

/** Zeek writes T/F; hand-made and converted logs use true/false or 1/0 (2.2: login `T/true/1`). */
export function textToBool(v: string | undefined): boolean | undefined {
  switch (v) {
    case 'T':
    case 't':
    case 'true':
    case 'True':
    case '1':
      return true;
    case 'F':
    case 'f':
    case 'false':
    case 'False':
    case '0':
      return false;
    default:
      return undefined;
  }
}
