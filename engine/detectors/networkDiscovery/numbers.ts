// Number rules and formats shared by the scan detections, as upstream computes and prints them.

import { pyFloat } from '../pyFloat';

export { pyFloat };

/** Packets above which a scan gets full confidence (upstream `calculate_confidence`). */
const FULL_CONFIDENCE_PKTS = 10;
/** Confidence when no packet count is known (Argus/Suricata flows without source packets). */
const NO_PACKETS_CONFIDENCE = 0.3;

/**
 * Upstream's `calculate_confidence(pkts_sent)`: 1 above 10 packets, 0.3 with none, else pkts/10; with the
 * text upstream prints (an int `1`, or a float such as `0.4` or `1.0` at exactly 10 packets).
 */
export function packetConfidence(pkts: number): { value: number; text: string } {
  if (pkts > FULL_CONFIDENCE_PKTS) return { value: 1, text: '1' };
  if (!(pkts > 0)) return { value: NO_PACKETS_CONFIDENCE, text: String(NO_PACKETS_CONFIDENCE) };
  const value = pkts / FULL_CONFIDENCE_PKTS;
  return { value, text: pyFloat(value) };
}

/** `int(log10(n))` for n ≥ 1 by integer steps (no floating-point edge at powers of ten); 0 below 1. */
export function log10Bucket(n: number): number {
  let b = 0;
  for (let x = Math.floor(n); x >= 10; x = Math.floor(x / 10)) b++;
  return b;
}

/** `int(log2(n))` for n ≥ 1 by integer steps; 0 below 1. */
export function log2Bucket(n: number): number {
  let b = 0;
  for (let x = Math.floor(n); x >= 2; x = Math.floor(x / 2)) b++;
  return b;
}
