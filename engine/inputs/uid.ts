// Deterministic flow uids for inputs that have none (Argus, nfdump). Upstream draws random ones;
// we derive them from the file and line so the same input gives the same uids, alerts and exports.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A Zeek-looking uid (`C` + 17 base-62 characters) for line `line` of `file`. */
export function syntheticUid(file: string, line: number): string {
  const key = `${file}:${line}`;
  let a = fnv1a(key, 0x811c9dc5);
  let b = fnv1a(key, 0x01234567 ^ line);
  let out = 'C';
  for (let i = 0; i < 17; i++) {
    const src = i < 9 ? a : b;
    out += ALPHABET[src % 62];
    if (i < 9) a = Math.floor(a / 62) ^ Math.imul(a, 31);
    else b = Math.floor(b / 62) ^ Math.imul(b, 17);
    a >>>= 0;
    b >>>= 0;
  }
  return out;
}
