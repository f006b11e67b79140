// Deterministic, uuid-shaped ids for evidence and alerts: a 128-bit hash of what they say, where and
// when, so re-runs give identical files and the same evidence raised twice is recognised.
//
// Why not sha256: ids are made for every evidence (hundreds of thousands on a busy capture) and live as
// long as the evidence. Hashing a joined input string with node:crypto and cutting the hex digest into
// a uuid cost five short-lived allocations and left a tree of string pieces behind each id; this hash
// reads the parts in place and returns one flat 36-character string. The ids only need to be stable
// and distinct, not secret. The mixing is the well-known four-lane multiply-xor scheme (as in cyrb128).

const HEX = '0123456789abcdef';
/** Where the 32 hex digits go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
const DIGIT_AT = [
  0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32,
  33, 34, 35,
];

export class IdHash {
  private h1 = 1779033703;
  private h2 = 3144134277;
  private h3 = 1013904242;
  private h4 = 2773480762;

  /** Adds a string and a separator, so ("ab","c") and ("a","bc") differ. */
  str(s: string): this {
    let { h1, h2, h3, h4 } = this;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
    }
    this.h1 = Math.imul(h1 ^ 0x1f, 597399067);
    this.h2 = Math.imul(h2 ^ 0x1f, 2869860233);
    this.h3 = h3;
    this.h4 = h4;
    return this;
  }

  /** Adds a number by its shortest decimal form (the same text a template string would give). */
  num(n: number): this {
    return this.str(String(n));
  }

  /** The uuid-shaped id (version 4 and variant bits set, as a random uuid would have). */
  uuid(): string {
    let { h1, h2, h3, h4 } = this;
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    h2 ^= h1;
    h3 ^= h1;
    h4 ^= h1;
    const words = [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
    const codes = new Array<number>(36).fill(45); // '-'
    for (let d = 0; d < 32; d++) {
      let v = (words[d >> 3]! >>> (28 - 4 * (d & 7))) & 15;
      if (d === 12) v = 4;
      else if (d === 16) v = (v & 3) | 8;
      codes[DIGIT_AT[d]!] = HEX.charCodeAt(v);
    }
    return String.fromCharCode(...codes);
  }
}
