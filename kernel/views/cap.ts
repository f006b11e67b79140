// Results carry at most MAX_ROWS rows and strings of at most MAX_STRING characters, so an output stays
// small whatever the traffic holds (a flood of flows, a megabyte-long URI).
import { MAX_STRING, type Value } from '../protocol';

export function capString(s: string): string {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) + '…' : s;
}

export function capValue(v: Value): Value {
  if (typeof v === 'string') return capString(v);
  if (Array.isArray(v) && v.length && typeof v[0] === 'string')
    return (v as readonly string[]).map(capString);
  return v;
}
