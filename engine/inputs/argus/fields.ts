// Field parsers shared by the flow-text readers (Argus binetflow, nfdump CSV).
// Hand-written char loops: they run several times per flow, and Number()/parseInt accept
// things a flow field must not hold ('1e3', ' 12', '0b1'), while regexes cost more per call.

/** Field `i` of a split line; '' when the column is absent (-1) or the line is short. */
export function field(f: string[], i: number): string {
  return i >= 0 && i < f.length ? f[i]! : '';
}

/** A non-negative decimal integer; '' is 0 (absent). -1 when the text is not one. */
export function parseCount(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  if (n > 15) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * A port: decimal, or `0x`-prefixed hex as Argus writes ICMP fields. For ICMP Argus puts
 * (code << 8) | type in Sport (`0x0303` = type 3 code 3 = 771, `0x0008` = echo = 8) and the
 * unreachable port or the echo id in Dport; the whole 16-bit value is kept so nothing is lost:
 * type = sport & 0xff, code = sport >> 8. '' is 0. -1 when the text is not a port.
 */
export function parsePort(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  if (n > 2 && s.charCodeAt(0) === 48 && (s.charCodeAt(1) | 0x20) === 120) {
    if (n > 6) return -1;
    let v = 0;
    for (let i = 2; i < n; i++) {
      const c = s.charCodeAt(i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else return -1;
      v = v * 16 + d;
    }
    return v;
  }
  const v = parseCount(s);
  return v > 65535 ? -1 : v;
}

/** A finite, non-negative number of seconds; '' is 0. -1 when the text is not one. */
export function parseSeconds(s: string): number {
  if (s.length === 0) return 0;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? v : -1;
}

/** `aa:bb:cc:dd:ee:ff`: what Argus writes as the address of non-IP (llc, arp) flows. */
export function isMacAddress(s: string): boolean {
  if (s.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    if (i % 3 === 2) {
      if (c !== 58) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/** A value for a problem report: quoted, and cut so a hostile 1 MiB field does not flood the log. */
export function quote(v: string): string {
  return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
}
