/**
 * Python's `str(float)`, as upstream's descriptions print numbers: integral values keep `.0`
 * (`Confidence: 1.0.`, `123.0 MBs`), others print the shortest round-trip form, which JavaScript shares.
 */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
