// A javascript cell's results → the mime bundles a notebook output holds: tables and errors through the
// same builders as slips cells (custom mime + markdown fallback), console text as text/plain.
import { bundle } from '../output/bundle';
import type { JsResult } from './runJsCell';

export type JsBundle = Record<string, unknown>;

export function jsBundles(results: readonly JsResult[]): JsBundle[] {
  return results.map((r) => {
    if (r.kind === 'text') return { 'text/plain': r.text };
    return bundle(r.payload);
  });
}

export function jsFailed(results: readonly JsResult[]): boolean {
  return results.some((r) => r.kind === 'error');
}
