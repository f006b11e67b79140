// Zeek's ASCII writer escapes bytes it cannot print as-is (the separator, control characters, bytes that
// are not valid UTF-8) as `\xNN`. We turn them back into text so a URI or a DNS name reads as on the wire.

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The byte of a `\xNN` escape starting at `i`, or -1 when there is none there. */
function escapedByte(s: string, i: number): number {
  if (i + 3 >= s.length || s.charCodeAt(i) !== 92 || s.charCodeAt(i + 1) !== 120) return -1;
  const hi = hexDigit(s.charCodeAt(i + 2));
  const lo = hexDigit(s.charCodeAt(i + 3));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/** Bytes escaped one by one can together be a UTF-8 character; otherwise each byte stands for itself. */
function bytesToText(bytes: number[]): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** `s` with every `\xNN` escape decoded; other backslashes are left alone. */
export function decodeZeekEscapes(s: string): string {
  let i = s.indexOf('\\x');
  if (i === -1) return s;
  let out = s.slice(0, i);
  let run: number[] = [];
  while (i < s.length) {
    const b = escapedByte(s, i);
    if (b >= 0) {
      run.push(b);
      i += 4;
      continue;
    }
    if (run.length) {
      out += bytesToText(run);
      run = [];
    }
    out += s[i];
    i++;
  }
  if (run.length) out += bytesToText(run);
  return out;
}
