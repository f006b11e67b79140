// Profiles in address order: IPv4 by value (10.0.0.9 before 10.0.0.10), then IPv6 by text.
import { isIPv4 } from 'node:net';

function v4Value(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number);
  return ((a! * 256 + b!) * 256 + c!) * 256 + d!;
}

export function compareIps(a: string, b: string): number {
  const a4 = isIPv4(a);
  const b4 = isIPv4(b);
  if (a4 && b4) return v4Value(a) - v4Value(b);
  if (a4 !== b4) return a4 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
