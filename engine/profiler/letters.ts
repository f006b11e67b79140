// Behavioural letters (Stratosphere "strato letters"), slips-behaviour.md 3.4.

/** Rows: periodicity class (no data, strong periodic, weak periodic, weak non-periodic, strong non-periodic). */
const TABLE = ['123456789', 'abcdefghi', 'ABCDEFGHI', 'rstuvwxyz', 'RSTUVWXYZ'];

const PERIODIC_STRONG = 1.05; // TD ≤ 1.05 → strong periodic
const PERIODIC_WEAK = 1.3; // TD ≤ 1.3 → weak periodic
const NONPERIODIC_WEAK = 5; // TD ≤ 5 → weak non-periodic, above → strong non-periodic

/** Periodicity class: 0 = no data, 1..4 as the table rows. */
function periodicity(t0: number | undefined, t1: number | undefined, t: number): number {
  if (t0 === undefined || t1 === undefined) return 0;
  const T1 = Math.abs(t1 - t0);
  const T2 = Math.abs(t - t1);
  const lo = Math.min(T1, T2);
  const td = lo === 0 ? 1 : Math.max(T1, T2) / lo;
  if (td <= PERIODIC_STRONG) return 1;
  if (td <= PERIODIC_WEAK) return 2;
  if (td <= NONPERIODIC_WEAK) return 3;
  return 4;
}

function durationClass(d: number): number {
  if (d <= 0.1) return 0;
  if (d <= 10) return 1;
  return 2;
}

function sizeClass(s: number): number {
  if (s <= 250) return 0;
  if (s <= 1100) return 1;
  return 2;
}

function timeChar(gap: number): string {
  if (gap <= 5) return '.';
  if (gap <= 60) return ',';
  if (gap <= 300) return '+';
  if (gap <= 3600) return '*';
  return '';
}

/**
 * The symbol appended to a tuple for a flow starting at `t` with duration `d` and total bytes `s`,
 * given the starts of the previous flow (`t1`) and the one before (`t0`).
 * Gaps are taken as absolute values so out-of-order input cannot produce negative periods.
 */
export function letterFor(
  t0: number | undefined,
  t1: number | undefined,
  t: number,
  d: number,
  s: number,
): string {
  const p = periodicity(t0, t1, t);
  const letter = TABLE[p]![sizeClass(s) * 3 + durationClass(d)]!;
  if (t1 === undefined) return letter;
  const gap = Math.abs(t - t1);
  const zeros = p !== 0 && gap >= 3600 ? '0'.repeat(Math.floor(gap / 3600)) : '';
  return zeros + letter + timeChar(gap);
}
